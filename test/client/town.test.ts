// The town's pure parts (client/src/town), from a view derived by the core
// from real signed records of a town (groups A and B in pool P): the
// dashboard's figures and its CSV, the listings across the town, which pools
// a group's page speaks of, the payments waiting for a member, statements
// with exchanges across groups, and reading a pool link.
import { beforeAll, describe, expect, it } from "vitest";
import { Ledger, deriveLedger, parseRecord, type LedgerView, type SignedRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { exchangeRows } from "../../client/src/app/exchanges-csv.ts";
import { townFigures } from "../../client/src/town/town-figures.ts";
import { townActiveCsvRows, townFlowsCsvRows, townGroupsCsvRows } from "../../client/src/town/town-csv.ts";
import { townListings } from "../../client/src/town/town-listings.ts";
import { acceptedPayments, poolPaymentsWaitingFor, poolsOf } from "../../client/src/town/pools-of.ts";
import { poolIdFrom, poolLink, poolNameFrom } from "../../client/src/town/pool-link.ts";
import { statementLines } from "../../client/src/app/statement-lines.ts";
import { ownPart } from "../../client/src/app/own-part.ts";
import { toCsv } from "../../client/src/app/csv.ts";
import { Town } from "../../core/test/vectors/town.ts";

let town: Town;
let view: LedgerView;
let pool: string;
let waitingPay: string;
let walkPay: string;
const listings: Record<string, string> = {};

/**
 * Bob (A) pays Eve (B) 90 minutes and Cat (A) 30 more, both accepted; Eve
 * pays Bob 45, accepted; Fay (B) pays Cat 60, not accepted yet. Eve offers
 * bike repairs, Cat asks for a lift, Ann's offer of =SUM(...) tests CSV.
 */
beforeAll(async () => {
  town = await Town.create();
  pool = town.p.groupHex;
  const offer = await town.b.write("eve", "listing.create", { type: "offer", title: "Bike repairs", category: "Repairs", description: "Punctures and brakes" });
  const ask = await town.a.write("cat", "listing.create", { type: "request", title: "A lift to the station", category: "Lifts" });
  const own = await town.a.write("ann", "listing.create", { type: "offer", title: "Cakes", category: "Cooking" });
  Object.assign(listings, { offer: offer.id, ask: ask.id, own: own.id });
  await town.accept(await town.pay("bob", "eve", 90, { description: "Fixed a bike" }));
  await town.accept(await town.pay("bob", "eve", 30));
  const walk = await town.pay("eve", "bob", 45, { description: "Walked the dog" });
  walkPay = walk.id;
  await town.accept(walk);
  waitingPay = (await town.pay("fay", "cat", 60)).id;
  view = await deriveLedger(town.envelopes());
});

describe("the town dashboard's figures", () => {
  it("has hours given and received, balances and active members per group, counting complete exchanges only", () => {
    const figures = townFigures(view, pool);
    const { a, b } = town;
    expect(figures?.name).toBe("Stevenage town pool");
    const row = (scene: typeof a) => figures?.groups.find((g) => g.group === scene.groupHex);
    expect(row(a)).toMatchObject({ name: "Riverside timebank", status: "member", balanceMinutes: -75, givenMinutes: 45, receivedMinutes: 120, activeMembers: 1, creditLimitMinutes: 600 });
    expect(row(b)).toMatchObject({ name: "Northgate timebank", status: "member", balanceMinutes: 75, givenMinutes: 120, receivedMinutes: 45, activeMembers: 1 });
    // Fay's payment waits for Cat: neither is active yet, and it moves nothing.
    expect(figures?.exchanges).toEqual({ complete: 3, waiting: 1, pending: 0, refused: 0 });
  });

  it("has the flows from one group to another, with their hours and exchanges", () => {
    const figures = townFigures(view, pool);
    expect(figures?.flows).toEqual(
      [
        { from: town.a.groupHex, fromName: "Riverside timebank", to: town.b.groupHex, toName: "Northgate timebank", minutes: 120, exchanges: 2 },
        { from: town.b.groupHex, fromName: "Northgate timebank", to: town.a.groupHex, toName: "Riverside timebank", minutes: 45, exchanges: 1 },
      ].sort((x, y) => (`${x.from}>${x.to}` < `${y.from}>${y.to}` ? -1 : 1)),
    );
  });

  it("is null for a pool the view does not know", () => {
    expect(townFigures(view, "00".repeat(16))).toBeNull();
  });

  it("gives one CSV per table, hours and minutes, with a formula in a group's name neutralised", () => {
    const figures = townFigures(view, pool);
    if (!figures) throw new Error("no figures");
    const groups = townGroupsCsvRows(figures);
    expect(groups[0]?.[0]).toBe("group");
    expect(groups.find((r) => r[1] === town.a.groupHex)).toEqual(["Riverside timebank", town.a.groupHex, "member", -1.25, -75, 600, 0.75, 2, 1]);
    expect(townFlowsCsvRows(figures).slice(1)).toContainEqual(["Riverside timebank", "Northgate timebank", 2, 120, 2]);
    expect(townActiveCsvRows(figures).length).toBe(figures.groups.length + 1);
    const hostile = { ...figures, groups: figures.groups.map((g) => ({ ...g, name: "=HYPERLINK(\"http://x\")" })) };
    expect(toCsv(townActiveCsvRows(hostile)).split("\r\n")[1]).toBe('"\'=HYPERLINK(""http://x"")","1"');
  });
});

describe("the listings across the town", () => {
  const all = { words: "", category: "", group: "" };
  const textOf = (l: { title: string; description?: string; category: string }) => `${l.title} ${l.description ?? ""} ${l.category}`;

  it("lists the open offers and requests of the pool's groups, found by words, category and group", () => {
    const ids = (search: typeof all) => townListings(view, pool, 0, search, textOf).map((l) => l.id).sort();
    expect(ids(all)).toEqual([listings.offer, listings.ask, listings.own].sort());
    expect(ids({ ...all, words: "brakes BIKE" })).toEqual([listings.offer]);
    expect(ids({ ...all, category: "Lifts" })).toEqual([listings.ask]);
    expect(ids({ ...all, group: town.a.groupHex })).toEqual([listings.ask, listings.own].sort());
    expect(ids({ ...all, words: "nothing like this" })).toEqual([]);
  });

  it("leaves out the listings of a group that has only asked to join", async () => {
    const asked = await Town.create({ admitB: false });
    await asked.b.write("eve", "listing.create", { type: "offer", title: "Bike repairs", category: "Repairs" });
    const seen = await deriveLedger(asked.envelopes());
    expect(townListings(seen, asked.p.groupHex, 0, all, textOf)).toEqual([]);
    expect(poolsOf(seen, asked.b.groupHex)).toEqual([{ pool: asked.p.groupHex, name: "Stevenage town pool", status: "asked" }]);
  });
});

describe("a group's pools and a member's waiting payments", () => {
  it("names the pool a group is in, and the pool itself", () => {
    expect(poolsOf(view, town.a.groupHex)).toEqual([{ pool, name: "Stevenage town pool", status: "member" }]);
    expect(poolsOf(view, pool)).toEqual([{ pool, name: "Stevenage town pool", status: "pool" }]);
  });

  it("names a pool the group asked to join before the pool's records arrive, as asked and without its name", async () => {
    const onlyA = await deriveLedger(town.a.envelopes());
    expect(poolsOf(onlyA, town.a.groupHex)).toEqual([]);
    expect(poolsOf(onlyA, town.a.groupHex, [pool])).toEqual([{ pool, name: "", status: "asked" }]);
    expect(poolsOf(view, town.a.groupHex, [pool])).toEqual([{ pool, name: "Stevenage town pool", status: "member" }]);
  });

  it("lists a payment across groups as waiting for its payee until they accept", () => {
    expect(poolPaymentsWaitingFor(view, [town.key("cat")]).map((e) => e.id)).toEqual([waitingPay]);
    expect(poolPaymentsWaitingFor(view, [town.key("bob"), town.key("fay")])).toEqual([]);
  });

  it("does not offer again a payment the group has already signed an acceptance of", () => {
    const parsed = (envelopes: Uint8Array[]) => envelopes.map((e) => parseRecord(e)).flatMap((p) => (p.ok ? [p.record as SignedRecord] : []));
    expect([...acceptedPayments(parsed(town.a.envelopes()))]).toEqual([walkPay]);
    expect(poolPaymentsWaitingFor(view, [town.key("cat")], new Set([waitingPay]))).toEqual([]);
  });
});

describe("a statement with exchanges across groups", () => {
  it("has a line for each complete one with what it moved, and the last balance is the account's", () => {
    const bob = town.key("bob");
    const lines = statementLines(view, bob);
    const across = lines.filter((l) => l.across);
    expect(across.map((l) => l.ownMinutes).sort((x, y) => x - y)).toEqual([-90, -30, 45].sort((x, y) => x - y));
    expect(across.every((l) => l.others[0] === town.key("eve"))).toBe(true);
    expect(lines.at(-1)?.balanceAfterMinutes).toBe(view.accounts[bob]?.balanceMinutes);
    // Cat's payment waits: no line until Cat accepts.
    expect(statementLines(view, town.key("cat")).filter((l) => l.across)).toEqual([]);
  });
});

describe("the group's exchanges.csv", () => {
  it("has a row for each exchange across groups of its members, the other member named with their group", async () => {
    const ledger = await Ledger.derive(town.envelopes());
    const rows = exchangeRows(view, { ledger } as unknown as GroupReplica, town.a.groupHex, (id) => view.accounts[id]?.name || id);
    const across = rows.filter((r) => r[8] === "pool.pay");
    expect(across.map((r) => [r[1], r[2], r[4], r[7]]).sort()).toEqual(
      [
        ["Bob", "Eve (Northgate timebank)", 90, "complete"],
        ["Bob", "Eve (Northgate timebank)", 30, "complete"],
        ["Eve (Northgate timebank)", "Bob", 45, "complete"],
        ["Fay (Northgate timebank)", "Cat", 60, "waiting"],
      ].sort(),
    );
  });
});

describe("a pool link", () => {
  const id = "0123456789abcdef0123456789abcdef";
  it("carries the pool's id and name, read back from the link or the id alone", () => {
    const link = poolLink("https://tally.example", id, "Stevenage town pool");
    expect(link).toBe(`https://tally.example/#/pool/${id}/Stevenage%20town%20pool`);
    expect(poolIdFrom(link)).toBe(id);
    expect(poolIdFrom(`  ${id.toUpperCase()} `)).toBe(id);
    expect(poolNameFrom(link.split("/").at(-1))).toBe("Stevenage town pool");
  });

  it("reads nothing from what is not one", () => {
    for (const text of ["", "hello", id.slice(1), `${id}00`, "https://tally.example/#/join/abc", `https://x/#/pool/${id.slice(2)}`]) expect(poolIdFrom(text), text).toBeNull();
    expect(poolNameFrom("%E0%A4%A")).toBe("");
    expect(poolNameFrom(undefined)).toBe("");
  });
});

describe("a group's own part of a view that holds the town", () => {
  it("keeps the group's own accounts, exchanges and listings, and the pool's figures whole", () => {
    const own = ownPart(view, town.a.groupHex);
    expect(Object.values(view.accounts).some((a) => a.group === town.b.groupHex)).toBe(true);
    expect(Object.keys(own.accounts).length).toBeGreaterThan(0);
    expect(Object.values(own.accounts).every((a) => a.group === town.a.groupHex)).toBe(true);
    expect(own.listings.map((l) => l.title).sort()).toEqual(["A lift to the station", "Cakes"]);
    expect(own.exchanges.every((e) => e.group === town.a.groupHex)).toBe(true);
    expect(own.poolExchanges).toEqual(view.poolExchanges);
  });
});
