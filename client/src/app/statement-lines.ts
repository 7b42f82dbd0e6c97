// A member's statement as lines in date order, each with what it did to the
// balance and the balance after it. A reversed movement keeps its line (with
// the hours it would have moved) and moves nothing, so the last balance is
// the account's balance. An exchange with someone in another group (PROTOCOL
// §12) is a line once complete, with the hours its leg on this group's ledger
// moves.
import type { ExchangeView, LedgerView, PoolExchange } from "@tally/core";

export type StatementLine = GroupLine | AcrossLine;

interface LineFigures {
  /** What it moves for this account when not reversed (signed minutes). */
  ownMinutes: number;
  /** What it moves now: ownMinutes, or 0 once reversed. */
  movedMinutes: number;
  balanceAfterMinutes: number;
  /** Accounts on the other side of this account's movement. */
  others: string[];
}

export interface GroupLine extends LineFigures {
  across: false;
  exchange: ExchangeView;
}

/** An exchange with someone in another group: `others` is the member on the other side. */
export interface AcrossLine extends LineFigures {
  across: true;
  exchange: PoolExchange;
}

type Entry = { across: false; exchange: ExchangeView } | { across: true; exchange: PoolExchange };

/** What an exchange across groups moves for this account on its own group's ledger. */
function acrossMinutes(exchange: PoolExchange, accountId: string): number {
  const group = accountId.split(":")[0] as string;
  let minutes = 0;
  for (const leg of exchange.legs) {
    if (leg.ledger !== group) continue;
    if (leg.from === accountId) minutes -= leg.minutes;
    if (leg.to === accountId) minutes += leg.minutes;
  }
  return minutes;
}

export function statementLines(view: LedgerView, accountId: string): StatementLine[] {
  const group = accountId.split(":")[0] as string;
  const entries: Entry[] = [
    ...view.exchanges.filter((e) => e.group === group).map((exchange) => ({ across: false as const, exchange })),
    ...(view.poolExchanges ?? []).filter((e) => e.status === "complete" && (e.payer === accountId || e.payee === accountId)).map((exchange) => ({ across: true as const, exchange })),
  ];
  // Display times may tie or run out of order between devices; the id settles ties the same way everywhere.
  entries.sort((a, b) => a.exchange.timeMs - b.exchange.timeMs || (a.exchange.id < b.exchange.id ? -1 : a.exchange.id > b.exchange.id ? 1 : 0));
  const lines: StatementLine[] = [];
  let balance = 0;
  for (const entry of entries) {
    if (entry.across) {
      const own = acrossMinutes(entry.exchange, accountId);
      if (own === 0) continue;
      balance += own;
      const other = entry.exchange.payer === accountId ? entry.exchange.payee : entry.exchange.payer;
      lines.push({ across: true, exchange: entry.exchange, ownMinutes: own, movedMinutes: own, balanceAfterMinutes: balance, others: [other] });
      continue;
    }
    const exchange = entry.exchange;
    const own = exchange.deltas.filter((d) => d.account === accountId).reduce((sum, d) => sum + d.minutes, 0);
    if (own === 0) continue;
    const moved = exchange.status === "corrected" ? 0 : own;
    balance += moved;
    const others = exchange.deltas.filter((d) => d.account !== accountId && Math.sign(d.minutes) === -Math.sign(own)).map((d) => d.account);
    lines.push({ across: false, exchange, ownMinutes: own, movedMinutes: moved, balanceAfterMinutes: balance, others });
  }
  return lines;
}
