// Which pools a group's page speaks of (pure): the pool the group is, and the
// pools it asked to join, is in or left, as the view holds them; and the
// exchanges across groups that wait for one of this member's accounts.
import { bytesToHex, type Body, type LedgerView, type PoolExchange, type SignedRecord } from "@tally/core";

export interface GroupPool {
  pool: string;
  name: string;
  /** How this group stands in the pool; "pool" when the group is the pool. */
  status: "pool" | "asked" | "member" | "left";
}

/**
 * `joined`: the pools the group's own records ask to join (GroupReplica.joinedPools), so a pool whose
 * records have not reached this device yet is listed too, as asked, without its name.
 */
export function poolsOf(view: LedgerView, groupHex: string, joined: readonly string[] = []): GroupPool[] {
  const out: GroupPool[] = [];
  for (const [pool, p] of Object.entries(view.pools ?? {})) {
    if (pool === groupHex) out.push({ pool, name: p.name, status: "pool" });
    else if (p.groups[groupHex]) out.push({ pool, name: p.name, status: p.groups[groupHex].status });
  }
  for (const pool of joined) if (!out.some((p) => p.pool === pool)) out.push({ pool, name: "", status: "asked" });
  return out.sort((a, b) => (a.pool < b.pool ? -1 : 1));
}

/**
 * Payments across groups to one of `accounts` that wait for the payee's acceptance. `accepted`: ids of
 * payments the group has signed an acceptance of already (one that does not count yet, waiting for a
 * record, leaves the payment waiting: it is not offered to accept twice).
 */
export function poolPaymentsWaitingFor(view: LedgerView, accounts: readonly string[], accepted: ReadonlySet<string> = new Set()): PoolExchange[] {
  const mine = new Set(accounts);
  return (view.poolExchanges ?? []).filter((e) => e.status === "waiting" && mine.has(e.payee) && !accepted.has(e.id));
}

/** Ids (hex) of the payments these records (a group's) accept. */
export function acceptedPayments(records: readonly SignedRecord[]): Set<string> {
  const out = new Set<string>();
  for (const record of records) if (record.kind === "pool.accept") out.add(bytesToHex((record.body as Body<"pool.accept">).payment));
  return out;
}

/** Exchanges across groups this account paid or was paid in, newest first. */
export function poolExchangesOf(view: LedgerView, account: string): PoolExchange[] {
  return (view.poolExchanges ?? []).filter((e) => e.payer === account || e.payee === account).sort((a, b) => b.timeMs - a.timeMs || (a.id < b.id ? 1 : -1));
}
