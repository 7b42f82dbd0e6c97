// What a pool's documents carry of another group (PROTOCOL §12.8), for any
// subset of a town's records:
// - the carried set is closed under parents (prev, deps, the genesis);
// - order and duplicates of the input never change it;
// - a device holding only the carried records (and the pool's own) judges
//   every carried record exactly as a device holding the whole group does,
//   and derives the same exchanges across groups and the same pool accounts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { carriedIds, deriveLedger, generateDemo, type LedgerView, type SignedRecord } from "../src/index.ts";
import { hexBytes, type Scene } from "./vectors/scene.ts";
import { Town } from "./vectors/town.ts";
import { causalParents, orderWithDuplicates, RUNS } from "./support.ts";

let town: Town;
/** A realistic group (every kind of record, a recovery, a removal) with no pool records: only its offers and requests travel. */
let demo: SignedRecord[];
let lateOffer: SignedRecord;
const OTHER_POOL = "ab".repeat(16);

const verdictOf = (view: LedgerView, id: string): string =>
  view.invalid.find((e) => e.id === id)?.reason ?? view.pending.find((e) => e.id === id)?.reason ?? "valid";

async function addListings(scene: Scene, offerer: string, requester: string): Promise<void> {
  const offer = await scene.write(offerer, "listing.create", { type: "offer", title: "Bike repairs", description: "", category: "repairs" });
  const request = await scene.write(requester, "listing.create", { type: "request", title: "Lift to the clinic", description: "", category: "lifts" });
  await scene.write(scene.founder.name, "listing.create", { type: "activity", title: "Litter pick", description: "", category: "litter picking" });
  await scene.write(offerer, "listing.update", { listing: hexBytes(offer.id), title: "Bike and pram repairs" }, { deps: [offer.id] });
  await scene.write(requester, "listing.close", { listing: hexBytes(request.id) }, { deps: [request.id] });
}

beforeAll(async () => {
  town = await Town.create({ poolLimitMinutes: 100 });
  await addListings(town.a, "bob", "cat");
  await addListings(town.b, "eve", "fay");
  for (const [payer, payee, minutes] of [["bob", "eve", 60], ["eve", "cat", 25], ["library", "bob", 30]] as const) await town.accept(await town.pay(payer, payee, minutes));
  await town.b.write("dan", "pool.leave", { pool: town.p.groupId }, { head: true });
  await town.accept(await town.pay("eve", "bob", 20));
  await town.pay("cat", "fay", 15);
  lateOffer = await town.a.write("bob", "listing.create", { type: "offer", title: "Dog walking", description: "", category: "pet care" });
  demo = await generateDemo({ members: 12, records: 160, seed: 7 });
});

describe("the records a pool's documents carry", () => {
  it("carry each pool side and, once admitted, the offers and requests with what changed them, not the rest", () => {
    const { a, p } = town;
    const notAdmitted = new Set(carriedIds(a.records, { groupHex: a.groupHex, poolHex: p.groupHex, admitted: false }));
    const admitted = new Set(carriedIds(a.records, { groupHex: a.groupHex, poolHex: p.groupHex, admitted: true }));
    const kinds = (ids: Set<string>) => new Set<string>(a.records.filter((r) => ids.has(r.id)).map((r) => r.kind));
    for (const kind of ["pool.join", "pool.pay", "pool.accept", "group.create", "device"]) expect(kinds(notAdmitted).has(kind), kind).toBe(true);
    // Bob's latest offer, written after every pool record, travels only once A is admitted; listings in a pool record's past always do.
    expect(notAdmitted.has(lateOffer.id)).toBe(false);
    expect(admitted.has(lateOffer.id)).toBe(true);
    for (const id of notAdmitted) expect(admitted.has(id)).toBe(true);
    for (const kind of ["listing.create", "listing.update", "listing.close"]) expect(kinds(admitted).has(kind), kind).toBe(true);
    const activity = a.records.find((r) => r.kind === "listing.create" && (r.body as { type: string }).type === "activity") as SignedRecord;
    expect(admitted.has(activity.id)).toBe(false);
    expect(admitted.size).toBeLessThan(a.records.length);
    expect(carriedIds(a.records, { groupHex: a.groupHex, poolHex: OTHER_POOL, admitted: false }).length).toBe(0);
    expect(carriedIds(p.records, { groupHex: p.groupHex, poolHex: p.groupHex, admitted: true })).toEqual([]);
    // Records of another group given by mistake are never carried as this group's.
    expect(carriedIds([...a.records, ...town.b.records], { groupHex: a.groupHex, poolHex: p.groupHex, admitted: true })).toEqual([...admitted].sort());
  });

  it("is closed under parents, for any subset of a group's records", () => {
    const all = [...town.a.records, ...town.b.records, ...demo];
    const parents = causalParents(all);
    fc.assert(
      fc.property(fc.subarray(all), fc.boolean(), fc.constantFrom(town.a.groupHex, town.b.groupHex, demo[0]!.groupHex), (subset, admitted, groupHex) => {
        const present = new Set(subset.map((r) => r.id));
        const carried = new Set(carriedIds(subset, { groupHex, poolHex: town.p.groupHex, admitted }));
        for (const id of carried) {
          for (const parent of parents.get(id) ?? []) if (present.has(parent)) expect(carried.has(parent), `${id} → ${parent}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("does not depend on order or duplicates", () => {
    const all = [...town.a.records, ...demo];
    const question = (groupHex: string) => ({ groupHex, poolHex: town.p.groupHex, admitted: true });
    const reference = [town.a.groupHex, demo[0]!.groupHex].map((g) => carriedIds(all, question(g)));
    fc.assert(
      fc.property(orderWithDuplicates(all), (order) => {
        expect([town.a.groupHex, demo[0]!.groupHex].map((g) => carriedIds(order, question(g)))).toEqual(reference);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("judged alone with the pool's records, every carried record gets the verdict it gets beside the whole group, and the pool the same figures", async () => {
    let carriedSome = 0;
    await fc.assert(
      fc.asyncProperty(fc.subarray(town.a.records), fc.subarray(town.b.records), fc.boolean(), fc.boolean(), async (subA, subB, admitA, admitB) => {
        const { p } = town;
        const carried = [
          ...carriedIds(subA, { groupHex: town.a.groupHex, poolHex: p.groupHex, admitted: admitA }),
          ...carriedIds(subB, { groupHex: town.b.groupHex, poolHex: p.groupHex, admitted: admitB }),
        ];
        const byId = new Map([...subA, ...subB].map((r) => [r.id, r]));
        const whole = await deriveLedger([...p.envelopes(), ...subA.map((r) => r.envelope), ...subB.map((r) => r.envelope)]);
        const poolDocuments = await deriveLedger([...p.envelopes(), ...carried.map((id) => (byId.get(id) as SignedRecord).envelope)]);
        for (const id of carried) expect(verdictOf(poolDocuments, id), id).toBe(verdictOf(whole, id));
        expect(poolDocuments.poolExchanges).toEqual(whole.poolExchanges);
        expect(poolDocuments.pools).toEqual(whole.pools);
        const poolAccounts = (view: LedgerView) => Object.entries(view.accounts).filter(([, account]) => account.group === p.groupHex);
        expect(poolAccounts(poolDocuments)).toEqual(poolAccounts(whole));
        if (carried.length > 0) carriedSome++;
      }),
      { numRuns: RUNS / 10 },
    );
    expect(carriedSome).toBeGreaterThan(RUNS / 20);
  });

  it("in a realistic group, every carried offer and request (and what it needs) is judged as the whole group judges it", async () => {
    const groupHex = demo[0]!.groupHex;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.subarray(demo), fc.constant(demo)), async (subset) => {
        const carried = new Set(carriedIds(subset, { groupHex, poolHex: OTHER_POOL, admitted: true }));
        const whole = await deriveLedger(subset.map((r) => r.envelope));
        const alone = await deriveLedger(subset.filter((r) => carried.has(r.id)).map((r) => r.envelope));
        for (const id of carried) expect(verdictOf(alone, id), id).toBe(verdictOf(whole, id));
        expect(alone.listings.filter((l) => l.type !== "activity")).toEqual(whole.listings.filter((l) => l.type !== "activity"));
      }),
      { numRuns: RUNS / 20 },
    );
  });

  it("of a group written as §12.9 says (town kinds on town chains), carries no exchange, profile or attendance inside the group", () => {
    const groupHex = demo[0]!.groupHex;
    const carried = new Set(carriedIds(demo, { groupHex, poolHex: OTHER_POOL, admitted: true }));
    const kindsCarried = new Set(demo.filter((r) => carried.has(r.id)).map((r) => r.kind));
    for (const kind of ["exchange.propose", "exchange.confirm", "donation", "member.profile"] as const) {
      expect(demo.some((r) => r.kind === kind), `the demo has ${kind} records`).toBe(true);
      expect(kindsCarried.has(kind), `${kind} is carried`).toBe(false);
    }
    // The closures hold the decisions, joins and certificates a judge needs, beside the listings: not most of the group.
    expect(carried.size).toBeLessThan(demo.length * 0.6);
  });
});
