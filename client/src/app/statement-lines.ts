// A member's statement as lines in date order, each with what it did to the
// balance and the balance after it. A reversed movement keeps its line (with
// the hours it would have moved) and moves nothing, so the last balance is
// the account's balance.
import type { ExchangeView, LedgerView } from "@tally/core";

export interface StatementLine {
  exchange: ExchangeView;
  /** What it moves for this account when not reversed (signed minutes). */
  ownMinutes: number;
  /** What it moves now: ownMinutes, or 0 once reversed. */
  movedMinutes: number;
  balanceAfterMinutes: number;
  /** Accounts on the other side of this account's movement. */
  others: string[];
}

export function statementLines(view: LedgerView, accountId: string): StatementLine[] {
  const group = accountId.split(":")[0] as string;
  const ordered = view.exchanges
    .filter((e) => e.group === group)
    // Display times may tie or run out of order between devices; the id settles ties the same way everywhere.
    .sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines: StatementLine[] = [];
  let balance = 0;
  for (const exchange of ordered) {
    const own = exchange.deltas.filter((d) => d.account === accountId).reduce((sum, d) => sum + d.minutes, 0);
    if (own === 0) continue;
    const moved = exchange.status === "corrected" ? 0 : own;
    balance += moved;
    const others = exchange.deltas.filter((d) => d.account !== accountId && Math.sign(d.minutes) === -Math.sign(own)).map((d) => d.account);
    lines.push({ exchange, ownMinutes: own, movedMinutes: moved, balanceAfterMinutes: balance, others });
  }
  return lines;
}
