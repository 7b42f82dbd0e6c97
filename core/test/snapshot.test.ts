// A ledger opened from its snapshot is the ledger of its records (PROTOCOL.md
// §7.7): for any split of a set into what the snapshot covers and what comes
// after, any order, duplicates and batching, opening the snapshot and adding
// the rest gives the same view as deriving the whole set from scratch; a
// snapshot of another set, or one that does not read, is not used.
//
// The records are a 200-record demo group, the small hostile group of the
// ledger properties (an equivocation, a late revocation, damaged signatures,
// records waiting for one nobody has, bytes that are not a record) and a town
// of three groups in a pool (pool.join, pool.admit, pool.pay, pool.accept and
// listings), so every part of the judged state is in some snapshot.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, generateTown, Ledger, parseRecord, type AuthenticCache, type LedgerSnapshot, type LedgerView } from "../src/index.ts";
import { batchesOf, demoPool, frozenCache, hostileGroup, orderWithDuplicates } from "./support.ts";

const RUNS = 150;

let pool: Uint8Array[];
/** The pool with one copy of each record (its hostile group holds two copies of one record, with different signatures). */
let single: Uint8Array[];
let reference: LedgerView;
let cache: AuthenticCache;

/** Written and read back as a device persists it. */
const persisted = (ledger: Ledger): LedgerSnapshot => JSON.parse(JSON.stringify(ledger.snapshot())) as LedgerSnapshot;

/** True when the envelopes hold two different copies (signatures) of one record: the snapshot is then not used. */
function severalCopies(envelopes: readonly Uint8Array[]): boolean {
  const seen = new Map<string, string>();
  for (const envelope of envelopes) {
    const parsed = parseRecord(envelope);
    if (!parsed.ok) continue;
    const bytes = envelope.join(",");
    const known = seen.get(parsed.record.id);
    if (known !== undefined && known !== bytes) return true;
    seen.set(parsed.record.id, bytes);
  }
  return false;
}

/** Splits the set: a subset the snapshot covers (in any order, with duplicates), and the rest in batches. */
const splits = () =>
  fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }).chain((inSnapshot) => {
    const before = pool.filter((_, i) => inSnapshot[i]);
    const after = pool.filter((_, i) => !inSnapshot[i]);
    return fc.tuple(batchesOf(before, 3, 5), orderWithDuplicates(before, 10), after.length === 0 ? fc.constant([[]]) : batchesOf(after, 4, 5));
  });

beforeAll(async () => {
  const hostile = await hostileGroup();
  const town = await generateTown({ groups: 3, recordsPerGroup: 60, seed: 5 });
  pool = [...(await demoPool(11, 15, 200)), ...hostile.envelopes, ...town.records.map((r) => r.envelope)];
  const ids = new Set<string>();
  single = pool.filter((envelope) => {
    const parsed = parseRecord(envelope);
    const id = parsed.ok ? parsed.record.id : parsed.id;
    return !ids.has(id) && Boolean(ids.add(id));
  });
  expect(single.length).toBe(pool.length - 1);
  cache = await frozenCache(pool);
  reference = await deriveLedger(pool, { cache });
  expect(reference.pools).toBeDefined();
  expect(reference.poolExchanges?.length).toBeGreaterThan(0);
});

describe("a ledger opened from its snapshot", () => {
  it("equals deriving from scratch, then and after any more records: any split, order, batching and duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(splits(), async ([madeFrom, reopened, later]) => {
        // The snapshot's ledger was itself built bit by bit.
        const original = await Ledger.derive(madeFrom[0] as Uint8Array[], { cache });
        for (const batch of madeFrom.slice(1)) await original.add(batch);
        const snapshot = persisted(original);
        const opened = await Ledger.restore(reopened, snapshot, { cache });
        expect(opened.stats.fromSnapshot).toBe(!severalCopies(reopened));
        expect(opened.view()).toEqual(await deriveLedger(reopened, { cache }));
        for (const batch of later) await opened.add(batch);
        expect(opened.view()).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it("writes the same snapshot again: what it restored is the state that was judged, not only its view", async () => {
    await fc.assert(
      fc.asyncProperty(orderWithDuplicates(single, 10), orderWithDuplicates(single, 10), async (madeFrom, reopened) => {
        const snapshot = persisted(await Ledger.derive(madeFrom, { cache }));
        const opened = await Ledger.restore(reopened, snapshot, { cache });
        expect(opened.stats.fromSnapshot).toBe(true);
        expect(persisted(opened)).toEqual(snapshot);
      }),
      { numRuns: 50 },
    );
  });

  it("is not used for a set it does not cover: one record more or one fewer derives from scratch", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(pool.length - 1), fc.boolean(), async (which, dropOne) => {
        const covered = pool.filter((_, i) => i !== which);
        const snapshot = persisted(await Ledger.derive(covered, { cache }));
        const held = dropOne ? covered.filter((_, i) => i !== which % covered.length) : pool;
        const opened = await Ledger.restore(held, snapshot, { cache });
        const fresh = new Set(held.map((e) => e.join(","))).size !== new Set(covered.map((e) => e.join(","))).size;
        if (fresh) expect(opened.stats.fromSnapshot).toBe(false);
        expect(opened.view()).toEqual(await deriveLedger(held, { cache }));
      }),
      { numRuns: 60 },
    );
  });

  it("falls back to deriving from scratch when the snapshot does not read, and never throws", async () => {
    const envelopes = single;
    const good = persisted(await Ledger.derive(envelopes, { cache }));
    const expected = await deriveLedger(envelopes, { cache });
    const damaged: LedgerSnapshot[] = [
      { ...good, strings: good.strings.slice(0, 3) },
      { ...good, clocks: [] },
      { ...good, groups: good.groups.map((g) => ({ ...g, entries: [...g.entries, 999_999, 0, 1, -1, -1, -1] })) },
      { ...good, groups: good.groups.map((g) => ({ ...g, entries: g.entries.slice(0, 7) })) },
      { ...good, version: 2 as 1 },
      { ...good, ids: good.ids.slice(1) },
      { ...good, ids: [...good.ids].reverse() },
    ];
    expect((await Ledger.restore(envelopes, good, { cache })).stats.fromSnapshot).toBe(true);
    for (const snapshot of damaged) {
      const opened = await Ledger.restore(envelopes, snapshot, { cache });
      expect(opened.stats.fromSnapshot).toBe(false);
      expect(opened.view()).toEqual(expected);
    }
  });
});
