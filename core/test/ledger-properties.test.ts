// deriveLedger is a pure function of the SET of records (docs/PROTOCOL.md §1
// and §7): any order, duplicates and batching give the same view; balances
// always sum to zero, whatever subset a device holds; the union of two groups
// changes neither group's balances.
//
// The pool is a 200-record demo group plus a small hostile group (a profile
// written for someone else, an equivocation, a late revocation, damaged
// signatures with and without a voucher, a changed record, records waiting
// for a record nobody has, and bytes that are not a record), so the order- and
// batch-dependent paths of the ledger (rebuilds, retried signatures, parked
// records) are all exercised.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  deriveLedger,
  generateDemo,
  Ledger,
  parseRecord,
  type AuthenticCache,
  type LedgerView,
  type SignedRecord,
} from "../src/index.ts";
import {
  batchesOf,
  descendantsOf,
  expectZeroSum,
  frozenCache,
  hostileGroup,
  idsOf,
  orderWithDuplicates,
  permutationOf,
  RUNS,
} from "./support.ts";

/** The id the ledger reports an envelope under, parseable or not. */
const idOf = (envelope: Uint8Array): string => {
  const result = parseRecord(envelope);
  return result.ok ? result.record.id : result.id;
};

let demo: SignedRecord[];
let hostile: Awaited<ReturnType<typeof hostileGroup>>;
/** The demo group and the hostile group, as envelopes. */
let pool: Uint8Array[];
let reference: LedgerView;
let otherDemo: Uint8Array[];
let otherReference: LedgerView;
/** Ids proven authentic in the whole pool and the other group: facts about those bytes, so any derivation may reuse them. */
let cache: AuthenticCache;
/**
 * Ids of the demo group only, as on a device that verified it before (and
 * frozen): the demo group's signatures are all good, so checking them again in
 * every run only costs time. The hostile group's are checked from scratch.
 */
let demoCache: AuthenticCache;
/** Distinct records (by id) in the pool: the two copies of e1 are one record. */
let poolRecords: number;

beforeAll(async () => {
  demo = await generateDemo({ members: 15, records: 200, seed: 11 });
  hostile = await hostileGroup();
  pool = [...demo.map((r) => r.envelope), ...hostile.envelopes];
  otherDemo = (await generateDemo({ members: 8, records: 60, seed: 12 })).map((r) => r.envelope);
  poolRecords = new Set(pool.map(idOf)).size;
  reference = await deriveLedger(pool);
  demoCache = await frozenCache(demo.map((r) => r.envelope));
  expect(await deriveLedger(pool, { cache: demoCache })).toEqual(reference);
  otherReference = await deriveLedger(otherDemo);
  // A cache of known-good ids never changes a view, only the work done.
  cache = await frozenCache([...pool, ...otherDemo]);
  expect(await deriveLedger(pool, { cache })).toEqual(reference);
});

describe("the reference ledger", () => {
  it("judges the demo group all valid and the hostile group as designed", () => {
    const r = hostile.records;
    const demoIds = new Set(demo.map((d) => d.id));
    expect(reference.invalid.filter((e) => demoIds.has(e.id))).toEqual([]);
    expect(reference.pending.filter((e) => demoIds.has(e.id))).toEqual([]);
    const invalid = new Map(reference.invalid.map((e) => [e.id, e.reason]));
    for (const record of [r.base, r.fork, r.afterBase]) expect(invalid.get(record.id)).toMatch(/equivocation/);
    expect(invalid.get(r.d2.id)).toMatch(/revoked/);
    expect(invalid.get(r.eveConfirm.id)).toMatch(/proposal is not valid/);
    expect(invalid.get(r.c3.id)).toMatch(/signature/);
    expect(invalid.get(hostile.forgedId)).toMatch(/signature/);
    expect(invalid.get(hostile.garbageId)).toMatch(/envelope/);
    expect(invalid.get(r.annForBob.id)).toMatch(/only write the profile of a proxy member/);
    expect(invalid.size).toBe(9);
    expect(idsOf(reference.pending)).toEqual([r.f1.id, r.f2.id].sort());
    expect(reference.equivocations).toEqual([
      { group: hostile.group.groupHex, device: r.base.deviceHex, seq: r.base.seq, ids: [r.base.id, r.fork.id].sort() },
    ]);
    const { ann, bob, cat, dan, eve, fay } = hostile.people;
    const balance = (key: string) => reference.accounts[key]?.balanceMinutes;
    expect([ann, bob, cat, dan, eve, fay].map((p) => balance(p.key))).toEqual([15, 60, 40, 55, 70, 60]);
    expect(balance(hostile.group.groupKey)).toBe(-300);
    expect(poolRecords).toBe(pool.length - 1);
    expect(reference.accounts[bob.key]?.profile).toEqual({ skills: "Lifts", bio: "", contact: "Phone 07700 900123" });
    expect(reference.totals).toEqual({ records: poolRecords, valid: poolRecords - 9 - 2, pending: 2, invalid: 9, sumMinutes: 0 });
  });
});

describe("the ledger depends only on the set of records", () => {
  it("any order, with duplicates, gives the same view", async () => {
    await fc.assert(
      fc.asyncProperty(orderWithDuplicates(pool), async (envelopes) => {
        expect(await deriveLedger(envelopes, { cache: demoCache })).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it("any batching of incremental additions (with repeats across batches) gives the same view as deriving at once", async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(pool), async (batches) => {
        const ledger = await Ledger.derive(batches[0] as Uint8Array[], { cache: demoCache });
        for (const batch of batches.slice(1)) {
          await ledger.add(batch);
          expect(ledger.view().totals.sumMinutes).toBe(0);
        }
        expect(ledger.view()).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("balances always sum to zero", () => {
  it("for any subset of the demo group: records with a missing causal ancestor wait, every other record counts", async () => {
    const envelopes = demo.map((r) => r.envelope);
    await fc.assert(
      fc.asyncProperty(fc.subarray(demo.map((_, i) => i)), async (picked) => {
        const present = new Set(picked.map((i) => demo[i]!.id));
        const missing = demo.filter((r) => !present.has(r.id)).map((r) => r.id);
        const waiting = descendantsOf(demo, missing);
        const view = await deriveLedger(
          picked.map((i) => envelopes[i]!),
          { cache },
        );
        expectZeroSum(view);
        expect(view.invalid).toEqual([]);
        expect(idsOf(view.pending)).toEqual([...waiting].sort());
        expect(view.totals.valid).toBe(present.size - waiting.size);
      }),
      { numRuns: RUNS },
    );
  });

  it("for any subset of the demo and hostile groups, and every record is accounted for exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool), async (subset) => {
        const view = await deriveLedger(subset, { cache });
        expectZeroSum(view);
        const { records, valid, pending, invalid } = view.totals;
        expect(records).toBe(new Set(subset.map(idOf)).size);
        expect(valid + pending + invalid).toBe(records);
        expect(new Set([...idsOf(view.pending), ...idsOf(view.invalid)]).size).toBe(pending + invalid);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("merging groups is a union of records", () => {
  /** The parts of a view that belong to one group. */
  function groupPart(view: LedgerView, groupHex: string) {
    const inGroup = (account: string) => account.startsWith(`${groupHex}:`);
    return {
      group: view.groups[groupHex],
      accounts: Object.fromEntries(Object.entries(view.accounts).filter(([id]) => inGroup(id))),
      exchanges: view.exchanges.filter((e) => e.group === groupHex),
      listings: view.listings.filter((l) => l.group === groupHex),
      joinRequests: view.joinRequests.filter((j) => j.group === groupHex),
      flags: view.flags.filter((f) => inGroup(f.account)),
      equivocations: view.equivocations.filter((e) => e.group === groupHex),
    };
  }

  it("any interleaving of two demo groups leaves every balance and fact of each group unchanged", async () => {
    const first = demo.map((r) => r.envelope);
    const firstReference = await deriveLedger(first, { cache });
    const [firstGroup] = Object.keys(firstReference.groups);
    const [otherGroup] = Object.keys(otherReference.groups);
    expect(firstGroup).toBeDefined();
    expect(otherGroup).toBeDefined();
    expect(firstGroup).not.toBe(otherGroup);
    await fc.assert(
      fc.asyncProperty(permutationOf([...first, ...otherDemo]), async (mixed) => {
        const view = await deriveLedger(mixed, { cache });
        expect(groupPart(view, firstGroup!)).toEqual(groupPart(firstReference, firstGroup!));
        expect(groupPart(view, otherGroup!)).toEqual(groupPart(otherReference, otherGroup!));
        expect(Object.keys(view.accounts).length).toBe(Object.keys(firstReference.accounts).length + Object.keys(otherReference.accounts).length);
        expect(view.invalid).toEqual([]);
        expect(view.pending).toEqual([]);
        expect(view.totals.records).toBe(mixed.length);
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });
});
