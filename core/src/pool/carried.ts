// Which records of a group a pool's documents carry (PROTOCOL §12.8).
//
// A pool P is a group with documents of its own. Besides P's records they
// carry, of each other group G, what the town needs to see of G:
// - G's pool.join, pool.leave, pool.pay and pool.accept naming P;
// - while P has admitted G, its members' offers and requests and the
//   listing.update and listing.close records that change or close them;
// each with its causal closure in G (every record reachable by parents:
// prev, deps, the genesis, §5.3). Judging reads only a record's causal past,
// so a device holding the pool's documents judges each carried record exactly
// as a device of G does. Carrying is transport: no record changes.
import { bytesToHex } from "../encoding/bytes.ts";
import type { Body } from "../record/kinds.ts";
import type { SignedRecord } from "../record/record.ts";

/** Parsed records need only these fields here; ids name records, not bytes. */
export type CarriedInput = Pick<SignedRecord, "id" | "kind" | "body" | "groupHex" | "prevHex" | "depsHex">;

export interface CarryQuestion {
  /** The group whose records these are; records of any other group are left out. */
  groupHex: string;
  /** The pool whose documents carry them. */
  poolHex: string;
  /** Whether the pool has admitted the group: its listings travel only then. */
  admitted: boolean;
}

const POOL_SIDE_KINDS: ReadonlySet<string> = new Set(["pool.join", "pool.leave", "pool.pay", "pool.accept"]);
const TOWN_LISTING_TYPES: ReadonlySet<string> = new Set(["offer", "request"]);

/**
 * The ids of the records of `question.groupHex` that pool `question.poolHex`
 * carries, sorted, each once. Order and duplicates of the input never change
 * the answer. A pool carries none of its own records: they are its documents.
 */
export function carriedIds(records: Iterable<CarriedInput>, question: CarryQuestion): string[] {
  const { groupHex, poolHex } = question;
  if (groupHex === poolHex) return [];
  const byId = new Map<string, CarriedInput>();
  for (const record of records) if (record.groupHex === groupHex) byId.set(record.id, record);
  const ids = [...byId.keys()].sort();
  const seeds: string[] = [];
  const townListings = new Set<string>();
  if (question.admitted) {
    for (const id of ids) if (isTownListing(byId.get(id) as CarriedInput)) townListings.add(id);
  }
  for (const id of ids) if (isSeed(byId.get(id) as CarriedInput, poolHex, townListings)) seeds.push(id);
  return closure(byId, seeds, geneses(byId, ids));
}

function isTownListing(record: CarriedInput): boolean {
  return record.kind === "listing.create" && TOWN_LISTING_TYPES.has((record.body as Body<"listing.create">).type);
}

function isSeed(record: CarriedInput, poolHex: string, townListings: ReadonlySet<string>): boolean {
  if (POOL_SIDE_KINDS.has(record.kind)) return bytesToHex((record.body as { pool: Uint8Array }).pool) === poolHex;
  if (townListings.has(record.id)) return true;
  if (record.kind === "listing.update" || record.kind === "listing.close") {
    return townListings.has(bytesToHex((record.body as Body<"listing.close">).listing));
  }
  return false;
}

/**
 * Every group.create at seq 1 is a candidate genesis: which one is the
 * group's (§4) is for the judge to say, so a carrier takes them all (an honest
 * group has one).
 */
function geneses(byId: ReadonlyMap<string, CarriedInput>, ids: readonly string[]): string[] {
  return ids.filter((id) => (byId.get(id) as CarriedInput).kind === "group.create");
}

/** The seeds and every record of the group reachable from them by parents, sorted. */
function closure(byId: ReadonlyMap<string, CarriedInput>, seeds: readonly string[], genesisIds: readonly string[]): string[] {
  const out = new Set<string>();
  const stack = [...seeds];
  if (seeds.length > 0) stack.push(...genesisIds);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    const record = byId.get(id);
    // A parent absent from the set (or of another group) is not carried: a device waits for it, as G's devices do.
    if (!record) continue;
    out.add(id);
    if (record.prevHex !== null) stack.push(record.prevHex);
    for (const dep of record.depsHex) stack.push(dep);
  }
  return [...out].sort();
}
