// What a pool carries of a group is every carried record's causal closure
// (PROTOCOL §12.8), so its size is set by what records name as parents. A
// device that writes the kinds a town can see on a chain of their own (its
// town chain: a second device key certified by the same member key), and
// names as deps only the decisions rules read, keeps those closures to the
// group's decisions, joins, listings and pool records, never its members'
// private exchanges and profiles. This is a writer's convention (§12.9): no
// rule reads it, and a record written otherwise is judged the same.
import type { RecordKind } from "../record/kinds.ts";

/**
 * Kinds an honest device writes on its town chain: every coordinator
 * decision the rules read at a causal point (status, role, recovery, limits,
 * settings, revocations, pools, merges), listings, and the pool's exchanges.
 * Kept on the device's own chain: `group.create` and `member.join` (the first
 * records of a founder's and a joiner's chain), profiles, attendance, and
 * everything that moves credit inside the group (exchanges, events,
 * donations, grants and corrections, which name private exchanges).
 */
export const TOWN_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>([
  "member.approve",
  "member.decline",
  "member.proxy",
  "member.role",
  "member.suspend",
  "member.reinstate",
  "member.remove",
  "member.recover",
  "account.limit",
  "group.settings",
  "device.revoke",
  "listing.create",
  "listing.update",
  "listing.close",
  "pool.join",
  "pool.leave",
  "pool.admit",
  "pool.limit",
  "pool.pay",
  "pool.accept",
  "group.merge",
  "account.link",
]);

export function isTownKind(kind: RecordKind): boolean {
  return TOWN_KINDS.has(kind);
}
