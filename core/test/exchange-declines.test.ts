// "Not right": a party to an exchange proposal declines it, with a reason
// (PROTOCOL.md §6 exchange.decline). The ledger lists each valid decline with
// its reason for the proposer to read (Ledger.declinesOf); a decline moves
// nothing, and a later confirmation by the same party still signs.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { hexToBytes, Ledger, parseRecord, type DeclineView, type SignedRecord } from "../src/index.ts";
import { batchesOf, demoPool, frozenCache, RUNS, smallGroup } from "./support.ts";

describe("a declined exchange", () => {
  it("lists the decline and its reason; a non-party's decline is invalid and not listed; a later confirmation still moves", async () => {
    const g = await smallGroup(["ann", "bob", "cat"]);
    const [ann, bob, cat] = g.people as [(typeof g.people)[0], (typeof g.people)[0], (typeof g.people)[0]];
    const proposal = await ann.author.write(
      "exchange.propose",
      { payer: bob.account, payees: [{ account: ann.account, minutes: 90 }], description: "Mowed the lawn", category: "Gardening" },
      { deps: [g.head()] },
    );
    const notRight = await bob.author.write("exchange.decline", { proposal: hexToBytes(proposal.id), reason: "It was 60 minutes, not 90" }, { deps: [proposal.id] });
    const stranger = await cat.author.write("exchange.decline", { proposal: hexToBytes(proposal.id) }, { deps: [proposal.id] });
    const ledger = await Ledger.derive([...g.records, proposal, notRight, stranger].map((r) => r.envelope));

    expect(ledger.declinesOf(proposal.id)).toEqual([{ id: notRight.id, accounts: [bob.key], reason: "It was 60 minutes, not 90" }]);
    const view = ledger.view();
    expect(view.exchanges.find((e) => e.id === proposal.id)?.status).toBe("declined");
    expect(view.invalid.find((e) => e.id === stranger.id)?.reason).toMatch(/not a party/);
    expect(view.accounts[bob.key]?.balanceMinutes).toBe(0);
    expect(ledger.declinesOf(notRight.id)).toEqual([]); // not a proposal
    expect(ledger.declinesOf("00".repeat(32))).toEqual([]); // unknown

    const confirmed = await bob.author.write("exchange.confirm", { proposal: hexToBytes(proposal.id) }, { deps: [proposal.id] });
    await ledger.add([confirmed.envelope]);
    expect(ledger.view().exchanges.find((e) => e.id === proposal.id)?.status).toBe("complete");
    expect(ledger.view().accounts[bob.key]?.balanceMinutes).toBe(-90);
    expect(ledger.declinesOf(proposal.id).map((d) => d.id)).toEqual([notRight.id]); // what was said stays said
  });

  it("a decline without a reason is listed with an empty reason", async () => {
    const g = await smallGroup(["ann", "bob"]);
    const [ann, bob] = g.people as [(typeof g.people)[0], (typeof g.people)[0]];
    const proposal = await bob.author.write("exchange.propose", { payer: bob.account, payees: [{ account: ann.account, minutes: 30 }], description: "Lift" }, { deps: [g.head()] });
    const notRight = await ann.author.write("exchange.decline", { proposal: hexToBytes(proposal.id) }, { deps: [proposal.id] });
    const ledger = await Ledger.derive([...g.records, proposal, notRight].map((r) => r.envelope));
    expect(ledger.declinesOf(proposal.id)).toEqual([{ id: notRight.id, accounts: [ann.key], reason: "" }]);
  });
});

describe("declines depend only on the set of records", () => {
  let pool: Uint8Array[];
  let reference: Map<string, DeclineView[]>;
  let cache: Awaited<ReturnType<typeof frozenCache>>;
  let records: Map<string, SignedRecord>;

  /** Every exchange's declines, for those that have any. */
  function declinesIn(ledger: Ledger): Map<string, DeclineView[]> {
    const out = new Map<string, DeclineView[]>();
    for (const e of ledger.view().exchanges) {
      const declines = ledger.declinesOf(e.id);
      if (declines.length > 0) out.set(e.id, declines);
    }
    return out;
  }

  beforeAll(async () => {
    pool = await demoPool(21, 10, 300);
    cache = await frozenCache(pool);
    records = new Map(pool.map((envelope) => parseRecord(envelope)).flatMap((p) => (p.ok ? [[p.record.id, p.record] as const] : [])));
    const ledger = await Ledger.derive(pool, { cache });
    reference = declinesIn(ledger);
    const view = ledger.view();
    // The demo group declines some proposals: the property below is about something.
    expect(view.exchanges.some((e) => e.status === "declined")).toBe(true);
    // Every exchange shown as declined has a decline to read, and every listed decline is a valid decline of that proposal by a party.
    for (const e of view.exchanges.filter((x) => x.status === "declined")) expect(reference.get(e.id)?.length).toBeGreaterThan(0);
    const notCounting = new Set([...view.invalid, ...view.pending].map((x) => x.id));
    for (const [proposal, declines] of reference) {
      const exchange = view.exchanges.find((e) => e.id === proposal)!;
      const parties = [exchange.payer, ...exchange.legs.map((l) => l.payee)];
      for (const d of declines) {
        const record = records.get(d.id)!;
        expect(record.kind).toBe("exchange.decline");
        expect(notCounting.has(d.id)).toBe(false);
        expect(Buffer.from((record.body as { proposal: Uint8Array }).proposal).toString("hex")).toBe(proposal);
        for (const account of d.accounts) expect(parties).toContain(account);
      }
    }
  });

  it("any batching of incremental additions, with repeats, lists the same declines with the same reasons", async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(pool), async (batches) => {
        const ledger = await Ledger.derive(batches[0] as Uint8Array[], { cache });
        for (const batch of batches.slice(1)) await ledger.add(batch);
        expect(declinesIn(ledger)).toEqual(reference);
      }),
      { numRuns: RUNS / 10 },
    );
  });
});
