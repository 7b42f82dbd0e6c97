// exchanges.csv: one row per payee of every movement, in date order, with who
// gives the credits and who receives them (a gift's giver, the group's pot
// for grants and bonuses), the hours, what was done, its category and where
// it stands (waiting, declined, partial, complete, corrected).
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { sidesOf, whatWasDone } from "./exchange-words.ts";

export const EXCHANGES_CSV_HEADER = ["date", "giver of credits", "receiver of credits", "hours", "minutes", "description", "category", "status", "kind", "record"] as const;

/** `nameOf` names an account (the group's own account as its pot). */
export function exchangeRows(view: LedgerView, replica: GroupReplica, groupHex: string, nameOf: (accountId: string) => string): (string | number)[][] {
  const rows: (string | number)[][] = [[...EXCHANGES_CSV_HEADER]];
  const ordered = view.exchanges.filter((e) => e.group === groupHex).sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : 1));
  for (const e of ordered) {
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
