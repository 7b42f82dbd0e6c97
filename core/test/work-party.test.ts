// Work parties (PROTOCOL.md §6 listing.attend, exchange.event, grant): members
// answer an activity, the latest answer of each counts; the coordinator pays
// attendance from the group account or an organisation's in one event, and
// thanks someone with a grant. Any order and batching gives the same ledger.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, DeviceAuthor, Ledger, memoryCache, type SignedRecord } from "../src/index.ts";
import { batchesOf, expectZeroSum, hex, smallGroup, type Person } from "./support.ts";

type Group = Awaited<ReturnType<typeof smallGroup>>;
const RUNS = 150;
const PEOPLE = ["ann", "bob", "cat", "org"] as const;
type Name = (typeof PEOPLE)[number];

let group: Group;
let base: SignedRecord[];
let activityId: string;
let offerId: string;
const signedBefore = memoryCache();

beforeAll(async () => {
  group = await smallGroup([...PEOPLE]);
  const ann = group.founder.author;
  const activity = await ann.write("listing.create", { type: "activity", title: "Litter pick", category: "Litter picking", place: "Park gate", startsDay: 20_500, startsMinute: 600 }, { deps: [group.head()] });
  const offer = await ann.write("listing.create", { type: "offer", title: "Lifts", category: "Lifts" }, { deps: [] });
  activityId = activity.id;
  offerId = offer.id;
  base = [...group.records, activity, offer];
  await Ledger.derive(base.map((r) => r.envelope), { cache: signedBefore });
});

function person(name: Name): Person {
  return group.people.find((p) => p.name === name) as Person;
}

/** A fresh writer per person, continuing their chain from the base records. */
function writers(): Record<Name, DeviceAuthor> {
  const out = {} as Record<Name, DeviceAuthor>;
  for (const name of PEOPLE) {
    const signer = person(name).author.signer;
    const chain = base.filter((r) => r.deviceHex === bytesToHex(signer.publicKey));
    const last = chain.reduce((a, b) => (b.seq > a.seq ? b : a));
    out[name] = new DeviceAuthor(signer, group.groupId, { seq: last.seq, id: last.id });
  }
  return out;
}

async function deriveAnyway(records: readonly SignedRecord[], batches: SignedRecord[][]) {
  const fresh = (await Ledger.derive(records.map((r) => r.envelope), { cache: signedBefore })).view();
  const ledger = await Ledger.derive([], { cache: signedBefore });
  for (const batch of batches) await ledger.add(batch.map((r) => r.envelope));
  expect(ledger.view()).toEqual(fresh);
  return fresh;
}

const answerArb = fc.record({
  author: fc.constantFrom(...PEOPLE),
  coming: fc.boolean(),
  target: fc.constantFrom("activity", "activity", "activity", "offer", "unnamed"),
});

describe("work parties", () => {
  it("each account's latest answer to an activity counts; answers to a non-activity or a listing not in the deps do not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answerArb, { minLength: 1, maxLength: 8 }), fc.nat(), async (answers, shuffleSeed) => {
        const by = writers();
        const written: SignedRecord[] = [];
        const expected = new Map<string, boolean>();
        for (const a of answers) {
          const listing = a.target === "offer" ? offerId : activityId;
          const deps = a.target === "unnamed" ? [group.head()] : [listing, group.head()];
          written.push(await by[a.author].write("listing.attend", { listing: hex(listing), coming: a.coming }, { deps }));
          if (a.target === "activity") expected.set(person(a.author).key, a.coming);
        }
        const all = [...base, ...written];
        const batches = await fc.sample(batchesOf(all, 4, 4), { numRuns: 1, seed: shuffleSeed })[0]!;
        const view = await deriveAnyway(all, batches);
        const invalid = new Map(view.invalid.map((e) => [e.id, e.reason]));
        answers.forEach((a, i) => {
          const reason = invalid.get(written[i]!.id);
          if (a.target === "activity") expect(reason).toBeUndefined();
          else expect(reason).toBe(a.target === "offer" ? "only an activity can be attended" : "must name the listing among its deps");
        });
        const attending = [...expected].filter(([, coming]) => coming).map(([key]) => key).sort();
        expect(view.listings.find((l) => l.id === activityId)?.attending).toEqual(attending);
        expect(view.listings.find((l) => l.id === offerId)?.attending).toBeUndefined();
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });

  const payoutArb = fc.record({
    payer: fc.constantFrom<"group" | "org">("group", "org"),
    hours: fc.array(fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    grantMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
  });

  it("attendance paid in one event and a thank-you grant move exactly those minutes, from the group account or the organisation", async () => {
    await fc.assert(
      fc.asyncProperty(payoutArb, fc.nat(), async ({ payer, hours, grantMinutes }, shuffleSeed) => {
        const payees = (["ann", "bob", "cat"] as const).flatMap((name, i) => (hours[i] === undefined ? [] : [{ name, minutes: hours[i] as number }]));
        fc.pre(payees.length > 0);
        const total = payees.reduce((sum, p) => sum + p.minutes, 0);
        const ann = writers().ann;
        const payerAccount = payer === "group" ? new Uint8Array() : person("org").account;
        const event = await ann.write(
          "exchange.event",
          {
            payers: [{ account: payerAccount, minutes: total }],
            payees: payees.map((p) => ({ account: person(p.name).account, minutes: p.minutes })),
            description: "Litter pick",
            listing: hex(activityId),
          },
          { deps: [activityId] },
        );
        const written: SignedRecord[] = [event];
        if (grantMinutes !== undefined) written.push(await ann.write("grant", { to: person("bob").account, minutes: grantMinutes, reason: "Thank you" }));
        const all = [...base, ...written];
        const batches = await fc.sample(batchesOf(all, 4, 4), { numRuns: 1, seed: shuffleSeed })[0]!;
        const view = await deriveAnyway(all, batches);
        expect(view.invalid.map((e) => e.id)).not.toContain(event.id);
        const balance = (key: string) => view.accounts[key]?.balanceMinutes ?? 0;
        const grant = grantMinutes ?? 0;
        const earned = (name: Name) => payees.find((p) => p.name === name)?.minutes ?? 0;
        expect(balance(group.groupKey)).toBe(0 - ((payer === "group" ? total : 0) + grant));
        expect(balance(person("org").key)).toBe(payer === "org" ? 0 - total : 0);
        expect(balance(person("bob").key)).toBe(earned("bob") + grant);
        expect(balance(person("cat").key)).toBe(earned("cat"));
        expect(view.exchanges.find((e) => e.id === event.id)).toMatchObject({ status: "complete", listing: activityId, description: "Litter pick" });
        expectZeroSum(view);
      }),
      { numRuns: RUNS },
    );
  });
});
