// What a hostile or broken device can do to the records, and what the ledger makes of it.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DeviceAuthor, deriveLedger, encodeCanonical, memoryCache, parseRecord, type SignedRecord } from "../src/index.ts";
import { demoPool, hex, signer, smallGroup } from "./support.ts";

const RUNS = 1000;
let pool: Uint8Array[];
let parsed: SignedRecord[];
const cache = memoryCache();

beforeAll(async () => {
  pool = await demoPool(9, 8, 60);
  parsed = pool.map((e) => (parseRecord(e) as { ok: true; record: SignedRecord }).record);
});

/** Records of the same device chain that come after a record. */
function laterInChain(record: SignedRecord): SignedRecord[] {
  return parsed.filter((r) => r.chainKey === record.chainKey && r.seq > record.seq);
}

describe("tampering", () => {
  it("a record with any byte of its signed content changed is rejected with a reason, and its device's later records wait", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(pool.length - 1), fc.nat(), fc.integer({ min: 0, max: 7 }), async (index, at, bit) => {
        const original = parsed[index]!;
        const signed = Uint8Array.from(original.signed);
        signed[at % signed.length]! ^= 1 << bit;
        const forged = encodeCanonical([signed, original.signature]);
        const view = await deriveLedger(pool.map((e, i) => (i === index ? forged : e)));
        const forgedResult = parseRecord(forged);
        const forgedId = forgedResult.ok ? forgedResult.record.id : forgedResult.id;
        const invalid = new Map(view.invalid.map((r) => [r.id, r.reason]));
        expect(invalid.get(forgedId)).toBeTruthy();
        const pending = new Set(view.pending.map((r) => r.id));
        for (const later of laterInChain(original)) expect(pending.has(later.id) || invalid.has(later.id)).toBe(true);
        expect(view.totals.sumMinutes).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it("a record whose signature alone is damaged stays authentic exactly when a later record of its chain vouches for it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(pool.length - 1), fc.nat(63), fc.integer({ min: 0, max: 7 }), async (index, at, bit) => {
        const original = parsed[index]!;
        const signature = Uint8Array.from(original.signature);
        signature[at]! ^= 1 << bit;
        const damaged = encodeCanonical([original.signed, signature]);
        const view = await deriveLedger(pool.map((e, i) => (i === index ? damaged : e)));
        const reason = view.invalid.find((r) => r.id === original.id)?.reason;
        if (laterInChain(original).length > 0) expect(reason).toBeUndefined();
        else expect(reason).toMatch(/signature/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("equivocation", () => {
  let records: SignedRecord[];
  let forks: [SignedRecord, SignedRecord];
  let after: SignedRecord;

  beforeAll(async () => {
    const group = await smallGroup(["ann", "bob", "cat"]);
    const bob = group.people[1]!;
    const base = await bob.author.write("listing.create", { type: "offer", title: "Lifts", category: "lifts" }, { deps: [group.head()] });
    // Bob's phone restored from a backup signs a different record at the same seq.
    const twin = new DeviceAuthor(bob.author.signer, group.groupId, { seq: base.seq - 1, id: base.prevHex! });
    const fork = await twin.write("listing.create", { type: "offer", title: "Shopping", category: "shopping" }, { deps: [group.head()] });
    after = await bob.author.write("donation", { to: group.people[2]!.account, minutes: 30 });
    records = [...group.records, base, fork, after];
    forks = [base, fork];
  });

  it("is detected the same way in every order, with both records kept as proof and the device frozen from there", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), async (order) => {
        const view = await deriveLedger(order.map((r) => r.envelope), { cache });
        expect(view.equivocations).toEqual([{ group: forks[0].groupHex, device: forks[0].deviceHex, seq: forks[0].seq, ids: forks.map((r) => r.id).sort() }]);
        const invalid = new Map(view.invalid.map((r) => [r.id, r.reason]));
        for (const record of [...forks, after]) expect(invalid.get(record.id)).toMatch(/equivocation/);
        expect(view.totals.sumMinutes).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("credit limits are soft", () => {
  it("spends made concurrently on two devices are all kept, and the account is flagged overdrawn", async () => {
    const group = await smallGroup(["ann", "bob", "cat", "dan"], { creditLimitMinutes: 120 });
    const bob = group.people[1]!;
    const second = await DeviceAuthor.certified(bob.member, await signer("bob/second-device"), group.groupId);
    const seen = group.head();
    // Offline in the park, each phone thinks bob has 120 minutes to spend.
    const first = await bob.author.write("exchange.propose", { payer: bob.account, payees: [{ account: group.people[2]!.account, minutes: 100 }], description: "Moving boxes" }, { deps: [seen] });
    const other = await second.author.write("exchange.propose", { payer: bob.account, payees: [{ account: group.people[3]!.account, minutes: 100 }], description: "Gardening" }, { deps: [seen] });
    const confirms = [
      await group.people[2]!.author.write("exchange.confirm", { proposal: hex(first.id) }, { deps: [first.id, seen] }),
      await group.people[3]!.author.write("exchange.confirm", { proposal: hex(other.id) }, { deps: [other.id, seen] }),
    ];
    const view = await deriveLedger([...group.records, second.record, first, other, ...confirms].map((r) => r.envelope));
    expect(view.invalid).toEqual([]);
    expect(view.accounts[bob.key]!.balanceMinutes).toBe(-200);
    expect(view.accounts[bob.key]!.overdrawn).toBe(true);
    expect(view.flags).toEqual([{ account: bob.key, flag: "overdrawn", balanceMinutes: -200, creditLimitMinutes: 120 }]);
    expect(view.exchanges.filter((e) => e.kind === "exchange.propose").map((e) => e.status)).toEqual(["complete", "complete"]);
  });
});

describe("authorisation is judged at the record's causal point", () => {
  let records: SignedRecord[];
  let concurrent: SignedRecord;
  let afterRemoval: SignedRecord;

  beforeAll(async () => {
    const group = await smallGroup(["ann", "bob", "cat"]);
    const [ann, bob] = group.people as [typeof group.founder, typeof group.founder];
    const seenBefore = group.head();
    const removal = await ann.author.write("member.remove", { account: bob.account, reason: "Moved away" });
    // Offline, bob had not seen his removal: this counts.
    concurrent = await bob.author.write("listing.create", { type: "offer", title: "Lifts", category: "lifts" }, { deps: [seenBefore] });
    // Later he syncs, sees it, and writes anyway: this does not.
    afterRemoval = await bob.author.write("listing.create", { type: "offer", title: "More lifts", category: "lifts" }, { deps: [removal.id] });
    records = [...group.records, removal, concurrent, afterRemoval];
  });

  it("a removed member's record is rejected only when the removal causally precedes it, in every order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), async (order) => {
        const view = await deriveLedger(order.map((r) => r.envelope), { cache });
        const invalid = new Map(view.invalid.map((r) => [r.id, r.reason]));
        expect(invalid.has(concurrent.id)).toBe(false);
        expect(invalid.get(afterRemoval.id)).toMatch(/removed/);
        expect(view.listings.map((l) => l.id)).toEqual([concurrent.id]);
      }),
      { numRuns: RUNS },
    );
  });
});
