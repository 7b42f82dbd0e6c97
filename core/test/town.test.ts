// The demo town (bench:pool's 20 groups of 5,000 records, here small): the
// same for the same seed, every group of the size asked, all admitted to the
// pool, every record valid and every exchange across groups complete.
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, generateTown, type LedgerView, type Town } from "../src/index.ts";

let town: Town;
let view: LedgerView;

beforeAll(async () => {
  town = await generateTown({ groups: 4, recordsPerGroup: 250, seed: 3 });
  view = await deriveLedger(town.records.map((r) => r.envelope));
});

describe("a demo town", () => {
  it("has groups of the size asked, all admitted to one pool", () => {
    expect(town.groups.map((g) => g.records.length)).toEqual([250, 250, 250, 250]);
    const pool = view.pools?.[town.poolHex];
    expect(pool?.name).toBe("Town pool");
    expect(Object.keys(pool?.groups ?? {}).sort()).toEqual(town.groups.map((g) => g.groupHex).sort());
    expect(Object.values(pool?.groups ?? {}).map((g) => g.status)).toEqual(["member", "member", "member", "member"]);
  });

  it("judges every record valid, with every exchange across groups complete and between two of its groups", () => {
    expect(view.invalid).toEqual([]);
    expect(view.pending).toEqual([]);
    expect(view.totals.valid).toBe(town.records.length);
    const exchanges = view.poolExchanges ?? [];
    expect(exchanges.length).toBeGreaterThan(10);
    for (const exchange of exchanges) {
      expect(exchange.status).toBe("complete");
      expect(exchange.payer.split(":")[0]).not.toBe(exchange.payee.split(":")[0]);
    }
    // Some pay for one of the payee's listings, as from the town page.
    expect(exchanges.some((e) => e.listing !== undefined)).toBe(true);
    expect(view.listings.length).toBeGreaterThan(20);
    expect(view.totals.sumMinutes).toBe(0);
  });

  it("is the same for the same seed and another for another seed", async () => {
    const again = await generateTown({ groups: 4, recordsPerGroup: 250, seed: 3 });
    expect(again.records.map((r) => r.id)).toEqual(town.records.map((r) => r.id));
    const other = await generateTown({ groups: 4, recordsPerGroup: 250, seed: 4 });
    expect(other.records[0]?.id).not.toBe(town.records[0]?.id);
  });

  it("refuses a town it cannot build, with a clear reason", async () => {
    await expect(generateTown({ groups: 1, recordsPerGroup: 250, seed: 3 })).rejects.toThrow("at least two groups");
    await expect(generateTown({ groups: 3, recordsPerGroup: 30, seed: 3 })).rejects.toThrow("needs more than 30 records");
  });
});
