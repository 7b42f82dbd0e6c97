// The records of one pool, gathered from every group's judged ledger: who
// asked to join, whom the pool admitted, the limits it set, and whether a
// group was in the pool at the causal point of one of its records
// (PROTOCOL §12.3).
import { bytesToHex } from "../encoding/bytes.ts";
import { latest, latestBefore } from "../ledger/causal.ts";
import type { Entry, GroupLedger } from "../ledger/group-ledger.ts";
import type { Body } from "../record/kinds.ts";

/** A verdict of the pool on one record: it counts, it waits for something, or it never will. */
export type Standing = { ok: true } | { ok: false; pending: boolean; reason: string };

export const OK: Standing = { ok: true };
export const waitFor = (reason: string): Standing => ({ ok: false, pending: true, reason });
export const refuse = (reason: string): Standing => ({ ok: false, pending: false, reason });

export interface PoolMembers {
  poolHex: string;
  pool: GroupLedger | null;
  /** When the "pool" is two merged groups trading across the merge (§12.5): the pair. */
  merged: [string, string] | null;
  /** Ids of pool.join records (of any group) the pool admitted. */
  admitted: Set<string>;
  /** Verdicts on the pool's own pool.admit records that do not count. */
  admitVerdicts: Map<string, Standing>;
}

/** Valid entries of one kind in a group, in id order. */
export function validOfKind(group: GroupLedger, kind: string): Entry[] {
  const out: Entry[] = [];
  for (const entry of group.poolEntries) if (entry.status === "valid" && entry.record.kind === kind) out.push(entry);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** What a record of another group names: its verdict as the pool sees it, before reading what it says. */
export function named(groups: ReadonlyMap<string, GroupLedger>, groupHex: string, id: string, what: string): Entry | Standing {
  const entry = groups.get(groupHex)?.entries.get(id);
  if (!entry) return waitFor(`waiting for ${what} ${id} of group ${groupHex}`);
  if (entry.status === "waiting") return waitFor(`waiting for ${what} ${id} of group ${groupHex}, which is itself waiting`);
  if (entry.status !== "valid") return refuse(`${what} ${id} is not valid in group ${groupHex} (${entry.reason})`);
  return entry;
}

export function poolMembers(groups: ReadonlyMap<string, GroupLedger>, poolHex: string, merged: [string, string] | null = null): PoolMembers {
  const pool = groups.get(poolHex) ?? null;
  const members: PoolMembers = { poolHex, pool: pool?.state.genesis ? pool : null, merged, admitted: new Set(), admitVerdicts: new Map() };
  if (!members.pool) return members;
  for (const admit of validOfKind(members.pool, "pool.admit")) {
    const body = admit.record.body as Body<"pool.admit">;
    const groupHex = bytesToHex(body.group);
    const joinId = bytesToHex(body.join);
    const join = named(groups, groupHex, joinId, "the pool.join record");
    if (!("ok" in join) && join.record.kind === "pool.join" && bytesToHex((join.record.body as Body<"pool.join">).pool) === poolHex) {
      members.admitted.add(joinId);
    } else {
      members.admitVerdicts.set(admit.id, "ok" in join ? join : refuse(`${joinId} is not a pool.join of this pool by group ${groupHex}`));
    }
  }
  return members;
}

/**
 * Whether group `groupHex` was in the pool at the causal point of its record
 * `at`: the latest pool.join or pool.leave of this pool that precedes it must
 * be a join the pool admitted. The pool itself is always in its own pool.
 */
export function sideStanding(groups: ReadonlyMap<string, GroupLedger>, members: PoolMembers, groupHex: string, at: Entry): Standing {
  if (members.merged) return mergedSide(groups, members.merged, groupHex, at);
  if (groupHex === members.poolHex) return members.pool ? OK : waitFor(`waiting for the pool's genesis record (pool ${members.poolHex})`);
  if (!members.pool) return waitFor(`waiting for the records of pool ${members.poolHex}`);
  const standing = latestBefore(groups.get(groupHex)?.state.poolStanding.get(members.poolHex), at);
  if (standing === null) return refuse(`group ${groupHex} had not joined pool ${members.poolHex} when this was signed`);
  if (standing.value === "leave") return refuse(`group ${groupHex} had left pool ${members.poolHex} when this was signed`);
  return members.admitted.has(standing.id) ? OK : waitFor(`waiting for pool ${members.poolHex} to admit group ${groupHex} (its pool.join ${standing.id})`);
}

/** A member group's status in the pool now: asked (joined, not admitted), member, left; null when it never asked. */
export function groupStatus(group: GroupLedger, members: PoolMembers): { status: "asked" | "member" | "left"; join: string } | null {
  const rulings = group.state.poolStanding.get(members.poolHex);
  const last = latest(rulings);
  if (!last) return null;
  const lastJoin = latest(rulings?.filter((r) => r.value === "join"));
  const join = lastJoin?.id as string;
  if (last.value === "leave") return { status: "left", join };
  return { status: members.admitted.has(join) ? "member" : "asked", join };
}

/** The limit the pool set on a member group's balance: its latest pool.limit, else the pool's credit limit setting. */
export function poolLimitOf(members: PoolMembers, groupHex: string): number {
  const pool = members.pool as GroupLedger;
  const limits = validOfKind(pool, "pool.limit").filter((e) => bytesToHex((e.record.body as Body<"pool.limit">).group) === groupHex);
  const own = latest(limits);
  return own ? (own.record.body as Body<"pool.limit">).creditLimitMinutes : pool.state.settingsAt(null).creditLimitMinutes;
}

/** A side of a trade across a merge: its group is one of the pair, and its group.merge with the other preceded the record. */
function mergedSide(groups: ReadonlyMap<string, GroupLedger>, pair: [string, string], groupHex: string, at: Entry): Standing {
  const other = pair[0] === groupHex ? pair[1] : pair[1] === groupHex ? pair[0] : null;
  if (other === null) return refuse(`group ${groupHex} is not one of the merged groups ${pair.join(" and ")}`);
  const merges = validOfKind(groups.get(groupHex) as GroupLedger, "group.merge").filter((e) => bytesToHex((e.record.body as Body<"group.merge">).group) === other);
  return latestBefore(merges, at) ? OK : refuse(`group ${groupHex} had not agreed to merge with ${other} when this was signed`);
}
