// A town coordinator's figures for one pool, from a derived view (pure): per
// member group its standing, balance and limit in the pool, the hours its
// members gave and received across groups and how many of them took part;
// and the flows of hours between groups. Only complete exchanges count, as
// only they move credit (PROTOCOL §12.4).
import { summarisePools, type LedgerView } from "@tally/core";

export interface TownGroupRow {
  group: string;
  name: string;
  status: string;
  balanceMinutes: number;
  creditLimitMinutes: number | null;
  overdrawn: boolean;
  /** Minutes of help the group's members gave people in other groups (they earned them). */
  givenMinutes: number;
  /** Minutes of help its members received from people in other groups (they paid them). */
  receivedMinutes: number;
  /** Members of the group who gave or received help across groups. */
  activeMembers: number;
}

export interface TownFlowRow {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  minutes: number;
  exchanges: number;
}

export interface TownFigures {
  name: string;
  groups: TownGroupRow[];
  flows: TownFlowRow[];
  exchanges: { complete: number; waiting: number; pending: number; refused: number };
}

const groupOf = (accountId: string) => accountId.split(":")[0] as string;

/** The figures of pool `poolHex` as this view holds them; null when the view knows no such pool. */
export function townFigures(view: LedgerView, poolHex: string): TownFigures | null {
  const summary = summarisePools(view)[poolHex];
  if (!summary) return null;
  const given = new Map<string, number>();
  const received = new Map<string, number>();
  const active = new Map<string, Set<string>>();
  const add = (map: Map<string, number>, group: string, minutes: number) => map.set(group, (map.get(group) ?? 0) + minutes);
  const took = (accountId: string) => {
    const group = groupOf(accountId);
    const set = active.get(group) ?? new Set<string>();
    set.add(accountId);
    active.set(group, set);
  };
  for (const exchange of view.poolExchanges ?? []) {
    if (exchange.pool !== poolHex || exchange.status !== "complete") continue;
    add(received, groupOf(exchange.payer), exchange.minutes);
    add(given, groupOf(exchange.payee), exchange.minutes);
    took(exchange.payer);
    took(exchange.payee);
  }
  const nameOf = (group: string) => summary.groups[group]?.name || view.groups[group]?.name || group;
  // The pool's own members (organisations, businesses) trade too: their side is the pool itself.
  const seen = new Set([...Object.keys(summary.groups), ...given.keys(), ...received.keys()]);
  const groups = [...seen]
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || (a < b ? -1 : 1))
    .map((group): TownGroupRow => {
      const g = summary.groups[group];
      return {
        group,
        name: nameOf(group),
        status: g?.status ?? (group === poolHex ? "pool" : "unknown"),
        balanceMinutes: g?.balanceMinutes ?? 0,
        creditLimitMinutes: g?.creditLimitMinutes ?? null,
        overdrawn: g?.overdrawn ?? false,
        givenMinutes: given.get(group) ?? 0,
        receivedMinutes: received.get(group) ?? 0,
        activeMembers: active.get(group)?.size ?? 0,
      };
    });
  const flows = summary.flows.map((f) => ({ from: f.from, fromName: nameOf(f.from), to: f.to, toName: nameOf(f.to), minutes: f.minutes, exchanges: f.exchanges }));
  return { name: summary.name, groups, flows, exchanges: summary.exchanges };
}
