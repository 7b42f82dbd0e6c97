// The group's numbers for a coordinator or a funder: members, active members,
// hours exchanged per month, open offers and requests, overdrawn accounts,
// pending confirmations; balances and exchanges as CSV.
import { useTranslation } from "react-i18next";
import type { AppContext } from "./app-context.ts";
import { csvLink } from "./csv.ts";
import { exchangeRows } from "./exchanges-csv.ts";
import { accountName } from "./exchange-words.ts";
import { hours } from "./hours.ts";
import { useGroup } from "./use-group.ts";
import { DAY_MS } from "./days.ts";
import { monthText, numberText } from "../i18n/format.ts";
import { ownPart } from "./own-part.ts";


export function DashboardPage({ context, groupHex }: { context: AppContext; groupHex: string }) {
  const opened = useGroup(context, groupHex);
  const { t } = useTranslation();
  if (!opened) return <p>{t("dashboard.opening")}</p>;
  const { replica } = opened;
  const view = ownPart(opened.view, groupHex);

  const members = Object.entries(view.accounts).filter(([, a]) => a.type !== "group" && a.status === "active");
  const moved = view.exchanges.filter((e) => (e.kind === "exchange.propose" || e.kind === "exchange.event") && (e.status === "complete" || e.status === "partial"));
  // Wall-clock time is fine here: this is display, never a ledger rule.
  const since = Date.now() - 30 * DAY_MS;
  const active = new Set(moved.filter((e) => e.timeMs >= since).flatMap((e) => e.deltas.map((d) => d.account)));
  const byMonth = new Map<string, number>();
  for (const e of moved) {
    const month = new Date(e.timeMs).toISOString().slice(0, 7);
    const minutes = e.deltas.filter((d) => d.minutes > 0).reduce((sum, d) => sum + d.minutes, 0);
    byMonth.set(month, (byMonth.get(month) ?? 0) + minutes);
  }
  const months = [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).slice(-12);
  const most = Math.max(60, ...months.map(([, m]) => m));
  const pending = view.exchanges.filter((e) => e.status === "waiting" || e.status === "partial");
  const name = (id: string | null) => (id ? (view.accounts[id]?.name ?? "") : "");

  const balances = csvLink([["member", "type", "status", "balance (hours)", "balance (minutes)"], ...Object.entries(view.accounts).map(([id, a]) => [a.name || id, a.type, a.status, a.balanceMinutes / 60, a.balanceMinutes])]);
  const exchanges = csvLink(exchangeRows(view, replica, groupHex, (id) => accountName(view, id, t)));

  return (
    <>
      <h1>{t("dashboard.title", { group: view.groups[groupHex]?.name })}</h1>
      <dl className="figures">
        <div><dt>{t("dashboard.members")}</dt><dd>{numberText(members.length)}</dd></div>
        <div><dt>{t("dashboard.active")}</dt><dd>{numberText(active.size)}</dd></div>
        <div><dt>{t("dashboard.hours")}</dt><dd>{hours(months.reduce((sum, [, m]) => sum + m, 0))}</dd></div>
        <div><dt>{t("dashboard.offers")}</dt><dd>{numberText(view.listings.filter((l) => l.open && l.type === "offer").length)}</dd></div>
        <div><dt>{t("dashboard.requests")}</dt><dd>{numberText(view.listings.filter((l) => l.open && l.type === "request").length)}</dd></div>
        <div><dt>{t("dashboard.pending")}</dt><dd>{numberText(pending.length)}</dd></div>
      </dl>
      <section aria-labelledby="per-month">
        <h2 id="per-month">{t("dashboard.perMonth")}</h2>
        <table className="chart">
          <tbody>
            {months.map(([month, minutes]) => (
              <tr key={month}>
                <th scope="row">{monthText(month)}</th>
                <td>
                  <span className="bar" style={{ width: `${(minutes / most) * 100}%` }} aria-hidden="true" />
                  {hours(minutes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="overdrawn">
        <h2 id="overdrawn">{t("dashboard.overLimit")}</h2>
        {view.flags.length === 0 ? <p>{t("dashboard.noOne")}</p> : null}
        <ul>
          {view.flags.map((f) => (
            <li key={f.account}>{name(f.account)}: {hours(f.balanceMinutes)} ({t("dashboard.limit", { limit: hours(f.creditLimitMinutes) })})</li>
          ))}
        </ul>
      </section>
      <p>
        <a href={balances} download="balances.csv">{t("dashboard.balancesCsv")}</a> · <a href={exchanges} download="exchanges.csv">{t("dashboard.exchangesCsv")}</a>
      </p>
    </>
  );
}
