// A town's pools at a glance, from a derived view: each pool's groups with
// their balance, limit and standing, the flows of minutes between groups, and
// how many exchanges across groups are in each state. What `tally ledger
// --pools` prints, and what a town coordinator's dashboard shows.
import type { LedgerView } from "../ledger/view.ts";
import type { PoolExchange } from "./derive.ts";

export interface PoolSummary {
  name: string;
  groups: Record<string, { name: string; status: string; balanceMinutes: number; creditLimitMinutes: number | null; overdrawn: boolean }>;
  /** Minutes moved by complete exchanges, per (paying group, payee's group), sorted. */
  flows: { from: string; to: string; minutes: number; exchanges: number }[];
  exchanges: Record<PoolExchange["status"], number>;
}

export function summarisePools(view: LedgerView): Record<string, PoolSummary> {
  const out: Record<string, PoolSummary> = {};
  for (const [poolHex, pool] of Object.entries(view.pools ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const summary: PoolSummary = { name: pool.name, groups: {}, flows: [], exchanges: { complete: 0, waiting: 0, pending: 0, refused: 0 } };
    for (const [groupHex, member] of Object.entries(pool.groups)) {
      const account = view.accounts[`${poolHex}:${groupHex}`];
      summary.groups[groupHex] = {
        name: view.groups[groupHex]?.name ?? "",
        status: member.status,
        balanceMinutes: account?.balanceMinutes ?? 0,
        creditLimitMinutes: account?.creditLimitMinutes ?? null,
        overdrawn: account?.overdrawn ?? false,
      };
    }
    const flows = new Map<string, { from: string; to: string; minutes: number; exchanges: number }>();
    for (const exchange of view.poolExchanges ?? []) {
      if (exchange.pool !== poolHex) continue;
      summary.exchanges[exchange.status]++;
      if (exchange.status !== "complete") continue;
      const [from, to] = [exchange.payer.split(":")[0] as string, exchange.payee.split(":")[0] as string];
      const flow = flows.get(`${from}>${to}`) ?? { from, to, minutes: 0, exchanges: 0 };
      flow.minutes += exchange.minutes;
      flow.exchanges++;
      flows.set(`${from}>${to}`, flow);
    }
    summary.flows = [...flows.keys()].sort().map((key) => flows.get(key) as PoolSummary["flows"][number]);
    out[poolHex] = summary;
  }
  return out;
}
