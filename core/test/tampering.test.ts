// What a hostile or broken device can do to records, and what the ledger makes
// of it (docs/PROTOCOL.md §5 and §7): changed content, damaged
// signatures, equivocation, concurrent overspending, and acting after removal.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  deriveLedger,
  DeviceAuthor,
  generateDemo,
  Ledger,
  memoryCache,
  parseRecord,
  sha256,
  type AuthenticCache,
  type LedgerView,
  type SignedRecord,
} from "../src/index.ts";
import {
  batchesOf,
  descendantsOf,
  expectZeroSum,
  frozenCache,
  hex,
  idsOf,
  orderWithDuplicates,
  rewrap,
  RUNS,
  signer,
  smallGroup,
  withDamagedSignature,
} from "./support.ts";

let demo: SignedRecord[];
let pool: Uint8Array[];
/** Ids proven authentic in the intact pool (facts about those exact bytes). */
let pristine: AuthenticCache;
/**
 * Ids of the hand-built groups below, proven authentic once: those properties
 * are about the ledger's rules, not signatures, so runs skip re-verifying.
 */
const signedBefore = memoryCache();
/** A smaller pool for the properties that check every signature from scratch in every run. */
let small: SignedRecord[];
let smallReference: LedgerView;

beforeAll(async () => {
  demo = await generateDemo({ members: 12, records: 120, seed: 21 });
  pool = demo.map((r) => r.envelope);
  const reference = await deriveLedger(pool);
  expect(reference.invalid).toEqual([]);
  expect(reference.pending).toEqual([]);
  pristine = await frozenCache(pool);
  expect(await deriveLedger(pool, { cache: pristine })).toEqual(reference);
  small = await generateDemo({ members: 8, records: 60, seed: 22 });
  smallReference = await deriveLedger(small.map((r) => r.envelope));
  expect(smallReference.invalid).toEqual([]);
  expect(smallReference.pending).toEqual([]);
});

/** The records of a record's chain that come after it, by seq. */
const laterInChain = (record: SignedRecord, records = demo) =>
  records.filter((r) => r.chainKey === record.chainKey && r.seq > record.seq).sort((a, b) => a.seq - b.seq);

describe("changed content", () => {
  it("a record with any bit of its signed content flipped is refused with a reason, never counted, and what follows it waits", async () => {
    const target = fc
      .nat(demo.length - 1)
      .chain((index) => fc.tuple(fc.constant(index), fc.nat(demo[index]!.signed.length - 1), fc.nat(7)));
    await fc.assert(
      fc.asyncProperty(target, async ([index, at, bit]) => {
        const original = demo[index]!;
        const signed = Uint8Array.from(original.signed);
        signed[at]! ^= 1 << bit;
        const forged = rewrap(signed, original.signature);
        // Its id is the hash of the changed bytes, whether or not they still parse.
        const forgedId = bytesToHex(sha256(signed));
        const parsed = parseRecord(forged);
        expect(parsed.ok ? parsed.record.id : parsed.id).toBe(forgedId);

        // Every other record was proven authentic before; the forged one is new and checked.
        const view = await deriveLedger(
          pool.map((e, i) => (i === index ? forged : e)),
          { cache: pristine },
        );
        expect(view.invalid.length).toBe(1);
        expect(view.invalid[0]!.id).toBe(forgedId);
        // Parseable but changed: its own signature fails and nothing vouches for it.
        if (parsed.ok) expect(view.invalid[0]!.reason).toMatch(/signature/);
        else expect(view.invalid[0]!.reason).not.toBe("");
        // The original is gone, so everything that names it, directly or not, waits for it.
        const waiting = descendantsOf(demo, [original.id]);
        for (const later of laterInChain(original)) expect(waiting.has(later.id)).toBe(true);
        expect(idsOf(view.pending)).toEqual([...waiting].sort());
        expect(view.totals).toMatchObject({ records: pool.length, valid: pool.length - 1 - waiting.size, pending: waiting.size, invalid: 1 });
        expect(view.equivocations).toEqual([]);
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("damaged signatures", () => {
  it("a record whose signature alone is damaged stays authentic exactly when the next record of its chain is there to vouch for it (or an intact copy)", async () => {
    // Every signature is checked from scratch: no cache.
    const target = fc.nat(small.length - 1).chain((index) =>
      fc.tuple(
        fc.constant(index),
        fc.nat(511), // which bit of the 64-byte signature
        fc.nat(laterInChain(small[index]!, small).length), // how many of the chain's last records are missing
        fc.boolean(), // whether an intact copy travels too
        fc.array(fc.nat(), { minLength: small.length + 1, maxLength: small.length + 1 }), // arrival order
      ),
    );
    await fc.assert(
      fc.asyncProperty(target, async ([index, bit, drop, intactToo, order]) => {
        const original = small[index]!;
        const later = laterInChain(original, small);
        const dropped = new Set(later.slice(later.length - drop).map((r) => r.id));
        const vouched = later.length - drop > 0;
        const envelopes = small.filter((r) => !dropped.has(r.id)).map((r) => (r.id === original.id ? withDamagedSignature(r, bit) : r.envelope));
        if (intactToo) envelopes.push(original.envelope);
        const arrived = envelopes.map((e, i) => ({ e, k: order[i]! })).sort((a, b) => a.k - b.k).map((x) => x.e);

        const view = await deriveLedger(arrived);
        const waiting = descendantsOf(small, dropped);
        const reason = view.invalid.find((r) => r.id === original.id)?.reason;
        if (vouched || intactToo) {
          expect(reason).toBeUndefined();
          expect(view.invalid).toEqual([]);
          expect(idsOf(view.pending)).toEqual([...waiting].sort());
          if (drop === 0) expect(view).toEqual(smallReference);
        } else {
          expect(reason).toMatch(/signature/);
          // Only what names the unauthentic record can fail with it (or wait, when it is the group's genesis).
          const after = descendantsOf(small, [original.id]);
          for (const entry of view.invalid) if (entry.id !== original.id) expect(after.has(entry.id)).toBe(true);
          for (const entry of view.pending) expect(waiting.has(entry.id) || after.has(entry.id)).toBe(true);
          if (original.kind !== "group.create") for (const entry of view.pending) expect(waiting.has(entry.id)).toBe(true);
        }
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });

  describe("incrementally, a later batch can bring what vouches for a damaged record", () => {
    let all: Uint8Array[];
    let damaged: Uint8Array;
    let next: SignedRecord;
    let intact: SignedRecord;

    beforeAll(async () => {
      const g = await smallGroup(["ann", "cat"]);
      const cat = g.people[1]!;
      intact = await cat.author.write("listing.create", { type: "offer", title: "Cakes", category: "food" }, { deps: [g.head()] });
      next = await cat.author.write("donation", { to: g.founder.account, minutes: 15 });
      damaged = withDamagedSignature(intact, 5);
      all = [...g.records.map((r) => r.envelope), damaged, next.envelope];
    });

    it("the intact copy arriving later", async () => {
      const ledger = await Ledger.derive(all.slice(0, -1));
      expect(ledger.view().invalid.map((r) => r.id)).toEqual([intact.id]);
      await ledger.add([intact.envelope]);
      expect(ledger.view()).toEqual(await deriveLedger([...all.slice(0, -1), intact.envelope]));
      expect(ledger.view().invalid).toEqual([]);
      await ledger.add([next.envelope]);
      expect(ledger.view()).toEqual(await deriveLedger([...all, intact.envelope]));
    });

    it("the next record of its chain arriving later", async () => {
      const once = await deriveLedger(all);
      expect(once.invalid).toEqual([]);
      const ledger = await Ledger.derive(all.slice(0, -1));
      expect(ledger.view().invalid.map((r) => r.id)).toEqual([intact.id]);
      await ledger.add([next.envelope]);
      expect(ledger.isAuthentic(intact.id)).toBe(true);
      expect(ledger.view()).toEqual(once);
    });
  });
});

describe("equivocation", () => {
  let group: Awaited<ReturnType<typeof smallGroup>>;
  let records: SignedRecord[];
  let base: SignedRecord;
  let fork: SignedRecord;
  let frozen: SignedRecord[];

  beforeAll(async () => {
    group = await smallGroup(["ann", "bob", "cat", "dan"], { bonus: 60 });
    const [ann, bob, cat, dan] = group.people as [typeof group.founder, typeof group.founder, typeof group.founder, typeof group.founder];
    const seen = group.head();
    const before = await bob.author.write("donation", { to: cat.account, minutes: 20 }, { deps: [seen] });
    base = await bob.author.write("donation", { to: cat.account, minutes: 30 });
    // Bob's phone, restored from a backup, signs a different record at the same seq.
    const twin = new DeviceAuthor(bob.author.signer, group.groupId, { seq: before.seq, id: before.id });
    fork = await twin.write("donation", { to: dan.account, minutes: 45 });
    const afterBase = await bob.author.write("donation", { to: dan.account, minutes: 10 });
    const afterFork = await twin.write("donation", { to: cat.account, minutes: 7 });
    // Others who saw one fork or the other: their own records count.
    const catSaw = await cat.author.write("donation", { to: dan.account, minutes: 25 }, { deps: [seen, base.id] });
    const danSaw = await dan.author.write("donation", { to: ann.account, minutes: 5 }, { deps: [seen, fork.id] });
    const grant = await ann.author.write("grant", { to: cat.account, minutes: 100, reason: "Float" });
    frozen = [base, fork, afterBase, afterFork];
    records = [...group.records, before, base, fork, afterBase, afterFork, catSaw, danSaw, grant];
    await deriveLedger(records.map((r) => r.envelope), { cache: signedBefore });
  });

  function expectEquivocation(view: LedgerView): void {
    expect(view.equivocations).toEqual([{ group: group.groupHex, device: base.deviceHex, seq: base.seq, ids: [base.id, fork.id].sort() }]);
    expect(idsOf(view.invalid)).toEqual(idsOf(frozen));
    for (const entry of view.invalid) expect(entry.reason).toMatch(/equivocation/);
    expect(view.pending).toEqual([]);
    const [ann, bob, cat, dan] = group.people;
    const balances = [group.groupKey, ann!.key, bob!.key, cat!.key, dan!.key].map((key) => view.accounts[key]?.balanceMinutes);
    // Bob's one donation before the fork counts; the others' records count, including those that saw a fork.
    expect(balances).toEqual([-180 - 100, 5, 60 - 20, 60 + 20 - 25 + 100, 60 + 25 - 5]);
    expectZeroSum(view);
  }

  it("gives the same equivocation, frozen records and balances in every order, with duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(orderWithDuplicates(records.map((r) => r.envelope)), async (envelopes) => {
        expectEquivocation(await deriveLedger(envelopes, { cache: signedBefore }));
      }),
      { numRuns: RUNS },
    );
  });

  it("and in every batching", async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(records.map((r) => r.envelope)), async (batches) => {
        const ledger = await Ledger.derive(batches[0]!, { cache: signedBefore });
        for (const batch of batches.slice(1)) await ledger.add(batch);
        expectEquivocation(ledger.view());
      }),
      { numRuns: RUNS },
    );
  });
});

describe("credit limits are soft", () => {
  let group: Awaited<ReturnType<typeof smallGroup>>;
  let records: SignedRecord[];
  let proposals: SignedRecord[];

  beforeAll(async () => {
    group = await smallGroup(["ann", "bob", "cat", "dan"], { creditLimitMinutes: 120 });
    const [, bob, cat, dan] = group.people as [typeof group.founder, typeof group.founder, typeof group.founder, typeof group.founder];
    const second = await DeviceAuthor.certified(bob.member, await signer("bob/second-device"), group.groupId);
    const seen = group.head();
    // Offline in the park, each of Bob's phones thinks he has 120 minutes to spend.
    const first = await bob.author.write("exchange.propose", { payer: bob.account, payees: [{ account: cat.account, minutes: 100 }], description: "Moving boxes" }, { deps: [seen] });
    const other = await second.author.write("exchange.propose", { payer: bob.account, payees: [{ account: dan.account, minutes: 100 }], description: "Gardening" }, { deps: [seen] });
    const confirms = [
      await cat.author.write("exchange.confirm", { proposal: hex(first.id) }, { deps: [first.id, seen] }),
      await dan.author.write("exchange.confirm", { proposal: hex(other.id) }, { deps: [other.id, seen] }),
    ];
    proposals = [first, other];
    records = [...group.records, second.record, first, other, ...confirms];
    await deriveLedger(records.map((r) => r.envelope), { cache: signedBefore });
  });

  it("spends made concurrently on two devices all count, and the payer is flagged overdrawn, in every order", async () => {
    const [, bob, cat, dan] = group.people;
    await fc.assert(
      fc.asyncProperty(orderWithDuplicates(records.map((r) => r.envelope)), async (envelopes) => {
        const view = await deriveLedger(envelopes, { cache: signedBefore });
        expect(view.invalid).toEqual([]);
        expect(view.pending).toEqual([]);
        expect(view.accounts[bob!.key]!.balanceMinutes).toBe(-200);
        expect(view.accounts[bob!.key]!.balanceMinutes).toBeLessThan(-120);
        expect(view.accounts[cat!.key]!.balanceMinutes).toBe(100);
        expect(view.accounts[dan!.key]!.balanceMinutes).toBe(100);
        expect(view.accounts[bob!.key]!.overdrawn).toBe(true);
        expect(view.flags).toEqual([{ account: bob!.key, flag: "overdrawn", balanceMinutes: -200, creditLimitMinutes: 120 }]);
        expect(view.exchanges.filter((e) => proposals.some((p) => p.id === e.id)).map((e) => e.status)).toEqual(["complete", "complete"]);
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("authorisation is judged at the record's causal point", () => {
  let group: Awaited<ReturnType<typeof smallGroup>>;
  let records: SignedRecord[];
  let afterRemoval: SignedRecord[];
  let listings: string[];

  beforeAll(async () => {
    group = await smallGroup(["ann", "bob", "cat"], { bonus: 60 });
    const [ann, bob, cat] = group.people as [typeof group.founder, typeof group.founder, typeof group.founder];
    const secondDevice = await DeviceAuthor.certified(bob.member, await signer("bob/tablet"), group.groupId);
    const seenBefore = group.head();
    const removal = await ann.author.write("member.remove", { account: bob.account, reason: "Moved away" });
    // Offline, Bob had not seen his removal: these count.
    const donation = await bob.author.write("donation", { to: cat.account, minutes: 20 }, { deps: [seenBefore] });
    const tabletListing = await secondDevice.author.write("listing.create", { type: "offer", title: "Lifts", category: "lifts" }, { deps: [seenBefore] });
    // Cat saw the removal; Bob then saw Cat's record, so he had seen the removal too.
    const catSaw = await cat.author.write("listing.create", { type: "offer", title: "Cakes", category: "food" }, { deps: [removal.id] });
    const viaCat = await bob.author.write("donation", { to: cat.account, minutes: 15 }, { deps: [catSaw.id] });
    // Later Bob's tablet syncs, sees the removal, and writes anyway.
    const direct = await secondDevice.author.write("donation", { to: cat.account, minutes: 10 }, { deps: [removal.id] });
    afterRemoval = [viaCat, direct];
    listings = [tabletListing.id, catSaw.id].sort();
    records = [...group.records, secondDevice.record, removal, donation, tabletListing, catSaw, viaCat, direct];
    await deriveLedger(records.map((r) => r.envelope), { cache: signedBefore });
  });

  it("a removed member's record is refused exactly when the removal is in its causal past, in every order", async () => {
    const [, bob, cat] = group.people;
    await fc.assert(
      fc.asyncProperty(orderWithDuplicates(records.map((r) => r.envelope)), async (envelopes) => {
        const view = await deriveLedger(envelopes, { cache: signedBefore });
        expect(idsOf(view.invalid)).toEqual(idsOf(afterRemoval));
        for (const entry of view.invalid) expect(entry.reason).toMatch(/removed/);
        expect(view.pending).toEqual([]);
        expect(view.listings.map((l) => l.id).sort()).toEqual(listings);
        expect(view.accounts[bob!.key]!.balanceMinutes).toBe(60 - 20);
        expect(view.accounts[bob!.key]!.status).toBe("removed");
        expect(view.accounts[cat!.key]!.balanceMinutes).toBe(60 + 20);
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });

  it("and in every batching", async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(records.map((r) => r.envelope), 4, 5), async (batches) => {
        const ledger = await Ledger.derive(batches[0]!, { cache: signedBefore });
        for (const batch of batches.slice(1)) await ledger.add(batch);
        const view = ledger.view();
        expect(idsOf(view.invalid)).toEqual(idsOf(afterRemoval));
        expect(view.pending).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
