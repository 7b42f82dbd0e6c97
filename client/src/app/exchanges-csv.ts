// exchanges.csv: one row per payee of every movement, in date order, with who
// gives the credits and who receives them (a gift's giver, the group's pot
// for grants and bonuses), the hours, what was done, its category and where
// it stands (waiting, declined, partial, complete, corrected). An exchange
// with someone in another group (PROTOCOL §12) is a row too, of kind
// pool.pay, naming the other member with their group.
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { sidesOf, whatWasDone } from "./exchange-words.ts";

export const EXCHANGES_CSV_HEADER = ["date", "giver of credits", "receiver of credits", "hours", "minutes", "description", "category", "status", "kind", "record"] as const;

/** `nameOf` names an account (the group's own account as its pot). */
export function exchangeRows(view: LedgerView, replica: GroupReplica, groupHex: string, nameOf: (accountId: string) => string): (string | number)[][] {
  const rows: (string | number)[][] = [[...EXCHANGES_CSV_HEADER]];
  const inGroup = (account: string) => account.startsWith(`${groupHex}:`);
  const named = (account: string) => (inGroup(account) ? nameOf(account) : `${nameOf(account)} (${view.groups[account.split(":")[0] as string]?.name ?? ""})`);
  const across = (view.poolExchanges ?? []).filter((e) => inGroup(e.payer) || inGroup(e.payee));
  const ordered = [...view.exchanges.filter((e) => e.group === groupHex), ...across].sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : 1));
  for (const e of ordered) {
    if (!("kind" in e)) {
      const date = new Date(e.timeMs).toISOString().slice(0, 10);
      rows.push([date, named(e.payer), named(e.payee), Math.round((e.minutes * 100) / 60) / 100, e.minutes, e.description, e.category ?? "", e.status, "pool.pay", e.id]);
      continue;
    }
    const { payers, payees } = sidesOf(e);
    const giver = payers.map(nameOf).join("; ");
    const date = new Date(e.timeMs).toISOString().slice(0, 10);
    const what = whatWasDone(replica, e);
    for (const payee of payees) {
      rows.push([date, giver, nameOf(payee.account), Math.round((payee.minutes * 100) / 60) / 100, payee.minutes, what, e.category ?? "", e.status, e.kind, e.id]);
    }
  }
  return rows;
}
