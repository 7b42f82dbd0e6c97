// Causal order between records: what a record's author had seen.
//
// Every record carries a Lamport number and a vector clock restricted to
// "authority chains" (chains that wrote a valid coordinator-only record).
// Authorisation questions are only ever "does governance record G precede
// record X?", and G always sits on an authority chain, so a small clock per
// record answers them exactly.

export type Clock = ReadonlyMap<string, number> | null;

export interface CausalPoint {
  id: string;
  chainKey: string;
  seq: number;
  lamport: number;
  clock: Clock;
}

/** True when clock a has seen everything clock b has. */
function dominates(a: Clock, b: Clock): boolean {
  if (b === null || a === b) return true;
  if (a === null) return false;
  for (const [chain, seq] of b) if ((a.get(chain) ?? -1) < seq) return false;
  return true;
}

/** Pointwise maximum of the parents' clocks; shares a parent's clock when it already covers the others. */
export function mergeClocks(parents: readonly CausalPoint[]): Clock {
  let result: Clock = null;
  for (const parent of parents) {
    const clock = parent.clock;
    if (dominates(result, clock)) continue;
    if (dominates(clock, result)) {
      result = clock;
      continue;
    }
    const merged = new Map(result);
    for (const [chain, seq] of clock as ReadonlyMap<string, number>) {
      if ((merged.get(chain) ?? -1) < seq) merged.set(chain, seq);
    }
    result = merged;
  }
  return result;
}

export function withEntry(clock: Clock, chainKey: string, seq: number): Clock {
  const next = new Map(clock ?? []);
  next.set(chainKey, seq);
  return next;
}

/** True when `earlier` is in the causal past of `later` (and is not `later` itself). */
export function precedes(earlier: CausalPoint, later: CausalPoint): boolean {
  if (earlier.id === later.id) return false;
  return (later.clock?.get(earlier.chainKey) ?? -1) >= earlier.seq;
}

/** Deterministic total order that respects causality: Lamport number, then id. */
export function compareCausal(a: CausalPoint, b: CausalPoint): number {
  return a.lamport - b.lamport || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The last of `entries` (in causal-then-id order) that precedes `at`, or null. */
export function latestBefore<T extends CausalPoint>(entries: readonly T[] | undefined, at: CausalPoint): T | null {
  let best: T | null = null;
  for (const entry of entries ?? []) {
    if (precedes(entry, at) && (best === null || compareCausal(entry, best) > 0)) best = entry;
  }
  return best;
}

/** The last of `entries` overall, for the ledger's current state. */
export function latest<T extends CausalPoint>(entries: readonly T[] | undefined): T | null {
  let best: T | null = null;
  for (const entry of entries ?? []) if (best === null || compareCausal(entry, best) > 0) best = entry;
  return best;
}

/** A decision taken at a causal point, kept apart from the record that took it. */
export function ruling<T>(at: CausalPoint, value: T): CausalPoint & { value: T } {
  return { id: at.id, chainKey: at.chainKey, seq: at.seq, lamport: at.lamport, clock: at.clock, value };
}
