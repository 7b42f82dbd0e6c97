// A member's statement, for printing: balance and every movement, for
// members without a phone and for anyone who wants it on paper.
import { useTranslation } from "react-i18next";
import type { HistoryEntry } from "@tally/core";
import type { AppContext } from "./app-context.ts";
import { hours } from "./hours.ts";
import { useGroup } from "./use-group.ts";
/** Translation keys of movement kinds (record kinds contain dots, which i18next reads as nesting). */
const KIND_KEYS: Record<HistoryEntry["kind"], string> = {
  "exchange.propose": "exchange",
  "exchange.event": "activity",
  donation: "gift",
  grant: "fromGroup",
  "member.approve": "bonus",
};

export function StatementPage({ context, accountId }: { context: AppContext; accountId: string }) {
  const groupHex = accountId.split(":")[0] as string;
  const opened = useGroup(context, groupHex);
  const { t } = useTranslation();
  if (!opened) return <p>{t("statement.opening")}</p>;
  const state = { view: opened.view, history: opened.replica.ledger.history(accountId) };
  const account = state.view.accounts[accountId];
  const name = (id: string) => state.view.accounts[id]?.name ?? t("statement.aMember");
  return (
    <article className="statement">
      <h1>{t("statement.title", { name: account?.name })}</h1>
      <p>
        {state.view.groups[groupHex]?.name}. {t("statement.balance")} <strong>{hours(account?.balanceMinutes ?? 0)}</strong>
      </p>
      <table>
        <thead>
          <tr><th scope="col">{t("statement.what")}</th><th scope="col">{t("statement.with")}</th><th scope="col">{t("statement.hours")}</th></tr>
        </thead>
        <tbody>
          {state.history.map((entry) => (
            <tr key={entry.record}>
              <td>{t(`statement.kinds.${KIND_KEYS[entry.kind]}`)}</td>
              <td>{entry.counterparties.map(name).join(", ") || t("statement.theGroup")}</td>
              <td>{hours(entry.minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="no-print" onClick={() => window.print()}>{t("statement.print")}</button>
    </article>
  );
}
