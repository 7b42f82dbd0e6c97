// What pools and merges add to a derived ledger (PROTOCOL §12.6): the legs of
// exchanges across groups in each ledger's balances, each pool's member
// groups, the verdicts of the pools on records their groups found valid,
// merged groups and linked accounts. A set of records with none of these
// kinds gives the view it gave before, key for key.
import type { GroupLedger } from "../ledger/group-ledger.ts";
import type { AccountView, LedgerView } from "../ledger/view.ts";
import { derivePools, type PoolExchange, type PoolOutcome } from "./derive.ts";
import { deriveLinks, deriveMerges, type LinkView, type MergeView } from "./merge.ts";
import { groupStatus, poolLimitOf, type PoolMembers } from "./sides.ts";

export interface PoolGroupView {
  status: "asked" | "member" | "left";
  /** The group's latest pool.join of this pool. */
  join: string;
}

export interface PoolView {
  name: string;
  groups: Record<string, PoolGroupView>;
}

export interface PoolsPart {
  pools?: Record<string, PoolView>;
  poolExchanges?: PoolExchange[];
  merges?: MergeView[];
  links?: LinkView[];
}

export function addPools(view: LedgerView & PoolsPart, groups: ReadonlyMap<string, GroupLedger>): void {
  const outcome = derivePools(groups);
  const known = [...outcome.pools.values()].filter((m) => m.pool !== null).sort((a, b) => (a.poolHex < b.poolHex ? -1 : 1));
  if (known.length > 0) view.pools = {};
  for (const members of known) (view.pools as Record<string, PoolView>)[members.poolHex] = poolView(view, groups, members);
  applyDeltas(view, groups, outcome);
  applyVerdicts(view, outcome);
  if (outcome.exchanges.length > 0) view.poolExchanges = outcome.exchanges;
  const links = deriveLinks(groups);
  if (links.length > 0) view.links = links;
  const merges = deriveMerges(groups, () => new Map(Object.entries(view.accounts)), links);
  if (merges.length > 0) view.merges = merges;
  if (outcome.deltas.size > 0 || known.length > 0) refreshFlags(view);
}

function poolView(view: LedgerView, groups: ReadonlyMap<string, GroupLedger>, members: PoolMembers): PoolView {
  const out: PoolView = { name: view.groups[members.poolHex]?.name ?? "", groups: {} };
  for (const groupHex of [...groups.keys()].sort()) {
    const status = groupStatus(groups.get(groupHex) as GroupLedger, members);
    if (status === null) continue;
    out.groups[groupHex] = status;
    if (status.status !== "asked") view.accounts[`${members.poolHex}:${groupHex}`] = memberGroupAccount(view, members, groupHex, status.status);
  }
  return out;
}

/** A group's account in a pool: it has no member behind it; its limit is the pool's. */
function memberGroupAccount(view: LedgerView, members: PoolMembers, groupHex: string, status: "member" | "left"): AccountView {
  const base = memberGroupAccountBase(view, groupHex);
  return { ...base, group: members.poolHex, status: status === "member" ? "active" : "left", creditLimitMinutes: poolLimitOf(members, groupHex) };
}

/** A member group's mirror of its account in the pool. */
function poolMirrorAccount(view: LedgerView, groupHex: string, poolHex: string): AccountView {
  return { ...memberGroupAccountBase(view, poolHex), group: groupHex, memberKind: "pool" };
}

function applyDeltas(view: LedgerView, groups: ReadonlyMap<string, GroupLedger>, outcome: PoolOutcome): void {
  if (outcome.deltas.size === 0 && outcome.pools.size === 0) return;
  for (const groupHex of [...outcome.deltas.keys()].sort()) {
    const deltas = outcome.deltas.get(groupHex) as Map<string, number>;
    for (const account of [...deltas.keys()].sort()) {
      const id = `${groupHex}:${account}`;
      let entry = view.accounts[id];
      if (!entry && account.startsWith("pool:")) entry = view.accounts[id] = poolMirrorAccount(view, groupHex, account.slice(5));
      if (!entry && outcome.pools.get(groupHex)?.merged) entry = view.accounts[id] = mergeHalfAccount(view, groupHex, account);
      if (!entry) entry = view.accounts[id] = accountOutsideView(view, groups, groupHex, account);
      entry.balanceMinutes += deltas.get(account) as number;
      view.totals.sumMinutes += deltas.get(account) as number;
    }
  }
  // Accounts are listed in id order, as every other list of the view is.
  const sorted = Object.keys(view.accounts).sort();
  const accounts = view.accounts;
  view.accounts = {};
  for (const id of sorted) view.accounts[id] = accounts[id] as AccountView;
}

/** A merged half's account in the ledger of trade across the merge: no limit, no member behind it. */
function mergeHalfAccount(view: LedgerView, mergeHex: string, groupHex: string): AccountView {
  return { ...memberGroupAccountBase(view, groupHex), group: mergeHex };
}

function memberGroupAccountBase(view: LedgerView, groupHex: string): AccountView {
  return { group: groupHex, name: view.groups[groupHex]?.name ?? "", type: "group", memberKind: "group", status: "active", role: "member", balanceMinutes: 0, creditLimitMinutes: null, overdrawn: false };
}

/** An account a leg touches that the group's own view does not list (a group account untouched before). */
function accountOutsideView(view: LedgerView, groups: ReadonlyMap<string, GroupLedger>, groupHex: string, account: string): AccountView {
  const group = groups.get(groupHex);
  if (!group || account !== "group") throw new Error(`a pool leg names ${groupHex}:${account}, which its group does not list`);
  return memberGroupAccountBase(view, groupHex);
}

/** Records their group found valid that a pool does not count move to pending or invalid, with the pool's reason. */
function applyVerdicts(view: LedgerView, outcome: PoolOutcome): void {
  if (outcome.verdicts.size === 0) return;
  for (const id of [...outcome.verdicts.keys()].sort()) {
    const verdict = outcome.verdicts.get(id) as PoolOutcome["verdicts"] extends Map<string, infer V> ? V : never;
    (verdict.pending ? view.pending : view.invalid).push({ id, reason: verdict.reason });
    view.totals.valid--;
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  view.pending.sort(byId);
  view.invalid.sort(byId);
  view.totals.pending = view.pending.length;
  view.totals.invalid = view.invalid.length;
}

/** Overdrawn flags again, now that legs across groups moved balances: members past their credit limit, groups past their pool limit. */
function refreshFlags(view: LedgerView): void {
  view.flags = [];
  for (const id of Object.keys(view.accounts)) {
    const account = view.accounts[id] as AccountView;
    const limit = account.creditLimitMinutes;
    account.overdrawn = limit !== null && account.balanceMinutes < -limit;
    if (account.overdrawn) view.flags.push({ account: id, flag: "overdrawn", balanceMinutes: account.balanceMinutes, creditLimitMinutes: limit as number });
  }
}
