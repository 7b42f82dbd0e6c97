// A member's statement, on screen and for printing (members without a phone
// get it on paper): every movement in date order with what was done, the
// other party, the hours and the balance after it; a reversed one with the
// coordinator's reason.
import { useTranslation } from "react-i18next";
import type { ExchangeView } from "@tally/core";
import type { AppContext } from "./app-context.ts";
import { hours, signedHours } from "./hours.ts";
import { categoryName } from "./categories.ts";
import { useGroup } from "./use-group.ts";
import { recordText } from "./record-text.ts";
import { accountName, dateText, KIND_KEYS, whatWasDone } from "./exchange-words.ts";
import { statementLines, type AcrossLine } from "./statement-lines.ts";
import "./exchanges.css";

/** "+2 h" earned, "−2 h" spent. */

/** The other side in words: for an exchange, who helped whom (the one helped pays); for anything else, where the hours came from or went. */
function sideKey(kind: ExchangeView["kind"], ownMinutes: number): string {
  if (kind === "exchange.propose") return ownMinutes < 0 ? "exchanges.statement.helpFrom" : "exchanges.statement.helpGivenTo";
  return ownMinutes > 0 ? "exchanges.statement.from" : "exchanges.statement.to";
}

export function StatementPage({ context, accountId }: { context: AppContext; accountId: string }) {
  const groupHex = accountId.split(":")[0] as string;
  const opened = useGroup(context, groupHex);
  const { t, i18n } = useTranslation();
  if (!opened) return <p>{t("statement.opening")}</p>;
  const { view, replica } = opened;
  const account = view.accounts[accountId];
  const lines = statementLines(view, accountId);
  const name = (id: string) => accountName(view, id, t);
  return (
    <article className="statement">
      <h1>{t("statement.title", { name: account?.name })}</h1>
      <p>
        {view.groups[groupHex]?.name}. {t("statement.balance")} <strong>{hours(account?.balanceMinutes ?? 0)}</strong>
      </p>
      {lines.length === 0 ? (
        <p>{t("exchanges.statement.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="statement-table">
            <thead>
              <tr>
                <th scope="col">{t("exchanges.statement.date")}</th>
                <th scope="col">{t("exchanges.statement.what")}</th>
                <th scope="col">{t("exchanges.statement.hours")}</th>
                <th scope="col">{t("exchanges.statement.balanceAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                if (line.across) return <AcrossRow key={line.exchange.id} line={line} name={name} groupName={(id) => view.groups[id.split(":")[0] as string]?.name ?? ""} />;
                const { exchange: e, ownMinutes, balanceAfterMinutes, others } = line;
                const what = whatWasDone(replica, e);
                const reasons = e.correctedBy.map((id) => recordText(replica, id)).filter(Boolean).join("; ");
                return (
                  <tr key={e.id} data-status={e.status}>
                    <td>{dateText(e.timeMs, i18n.language)}</td>
                    <td className="what">
                      {t(`exchanges.kinds.${KIND_KEYS[e.kind]}`)}
                      {others.length > 0 ? <span className="detail">{t(sideKey(e.kind, ownMinutes), { names: others.map(name).join(", ") })}</span> : null}
                      {what ? <span className="detail">{what}{e.category ? ` (${categoryName(t, e.category)})` : ""}</span> : null}
                      {e.status === "corrected" ? (
                        <span className="reversed">{reasons ? t("exchanges.statement.reversed", { reason: reasons }) : t("exchanges.statement.reversedNoReason")}</span>
                      ) : null}
                    </td>
                    <td className="amount">
                      {e.status === "corrected" ? (
                        <>
                          <del>{signedHours(ownMinutes)}</del>
                          <span className="detail">{t("exchanges.statement.reversedHours")}</span>
                        </>
                      ) : (
                        signedHours(ownMinutes)
                      )}
                    </td>
                    <td className="amount">{hours(balanceAfterMinutes)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <button className="no-print" onClick={() => window.print()}>{t("statement.print")}</button>
    </article>
  );
}

/** An exchange with someone in another group: who, which group, what was done, the hours on this group's ledger. */
function AcrossRow({ line, name, groupName }: { line: AcrossLine; name: (id: string) => string; groupName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const e = line.exchange;
  const other = line.others[0] ?? "";
  return (
    <tr data-status={e.status} data-across="true">
      <td>{dateText(e.timeMs, i18n.language)}</td>
      <td className="what">
        {t("town.statement.kind")}
        <span className="detail">{t(line.ownMinutes < 0 ? "town.statement.helpFrom" : "town.statement.helpGivenTo", { name: name(other), group: groupName(other) })}</span>
        <span className="detail">{e.description}{e.category ? ` (${categoryName(t, e.category)})` : ""}</span>
      </td>
      <td className="amount">{signedHours(line.ownMinutes)}</td>
      <td className="amount">{hours(line.balanceAfterMinutes)}</td>
    </tr>
  );
}
