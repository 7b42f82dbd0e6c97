// What needs a member in a group, as the ledger stands: an exchange waiting
// for their signature, a join request (for each coordinator), and their own
// account being active (new after an approval). The relay compares two of
// these and wakes the devices of whoever gained something.
import type { LedgerView } from "@tally/core";

/** account id → what needs it, as short keys ("confirm:<id>", "join:<id>", "active"). */
export type Needs = Map<string, Set<string>>;

export function needsOf(view: LedgerView, groupHex: string): Needs {
  const needs: Needs = new Map();
  const add = (account: string, need: string) => {
    const set = needs.get(account) ?? new Set<string>();
    set.add(need);
    needs.set(account, set);
  };
  for (const exchange of view.exchanges) {
    if (exchange.group !== groupHex || exchange.kind !== "exchange.propose") continue;
    if (exchange.status !== "waiting" && exchange.status !== "partial") continue;
    for (const leg of exchange.legs) if (leg.waitingFor !== null) add(leg.waitingFor, `confirm:${exchange.id}`);
  }
  const accounts = Object.entries(view.accounts).filter(([, a]) => a.group === groupHex && a.type === "member" && a.status === "active");
  const coordinators = accounts.filter(([, a]) => a.role === "coordinator").map(([id]) => id);
  for (const request of view.joinRequests) {
    if (request.group === groupHex) for (const coordinator of coordinators) add(coordinator, `join:${request.id}`);
  }
  for (const [id] of accounts) add(id, "active");
  return needs;
}

/** The accounts that need something in `after` they did not in `before`, sorted. */
export function newlyNeeded(before: Needs, after: Needs): string[] {
  const out: string[] = [];
  for (const [account, needs] of after) {
    const known = before.get(account);
    if ([...needs].some((need) => !known?.has(need))) out.push(account);
  }
  return out.sort();
}
