// deriveLedger is a function of the set of records: order, duplicates and
// batching never change it; balances always sum to zero; a union of groups
// changes no group's balances.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, Ledger, memoryCache, type LedgerView } from "../src/index.ts";
import { demoPool } from "./support.ts";

const RUNS = 1000;
let pool: Uint8Array[];
let reference: LedgerView;
let other: Uint8Array[];
let otherReference: LedgerView;
const cache = memoryCache();

beforeAll(async () => {
  pool = await demoPool(5, 8, 60);
  other = await demoPool(6, 8, 60);
  reference = await deriveLedger(pool);
  otherReference = await deriveLedger(other);
  await deriveLedger([...pool, ...other], { cache });
  expect(reference.invalid).toEqual([]);
  expect(reference.pending).toEqual([]);
});

const permutationOf = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

function balanceSum(view: LedgerView): number {
  return Object.values(view.accounts).reduce((sum, a) => sum + a.balanceMinutes, 0);
}

describe("the ledger depends only on the set of records", () => {
  it("any order, with duplicates, gives the same ledger (signatures checked every time)", async () => {
    await fc.assert(
      fc.asyncProperty(permutationOf(pool), fc.array(fc.nat(pool.length - 1), { maxLength: 10 }), async (order, dups) => {
        const view = await deriveLedger([...order, ...dups.map((i) => pool[i]!)]);
        expect(view).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it("any batching of incremental additions gives the same ledger as deriving at once", async () => {
    await fc.assert(
      fc.asyncProperty(permutationOf(pool), fc.array(fc.nat(pool.length), { maxLength: 6 }), async (order, cuts) => {
        const bounds = [...new Set([0, ...cuts, order.length])].sort((a, b) => a - b);
        const ledger = await Ledger.derive(order.slice(0, bounds[1]), { cache });
        for (let i = 1; i < bounds.length - 1; i++) await ledger.add(order.slice(bounds[i], bounds[i + 1]));
        expect(ledger.view()).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it("balances sum to zero for any subset of records (the rest pending or missing)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool), async (subset) => {
        const view = await deriveLedger(subset, { cache });
        expect(view.totals.sumMinutes).toBe(0);
        expect(balanceSum(view)).toBe(0);
        for (const account of Object.values(view.accounts)) expect(Number.isSafeInteger(account.balanceMinutes)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("the union of two groups' records leaves every balance of each unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(permutationOf([...pool, ...other]), async (mixed) => {
        const view = await deriveLedger(mixed, { cache });
        for (const ref of [reference, otherReference]) {
          for (const [id, account] of Object.entries(ref.accounts)) expect(view.accounts[id]?.balanceMinutes).toBe(account.balanceMinutes);
        }
        expect(Object.keys(view.accounts).length).toBe(Object.keys(reference.accounts).length + Object.keys(otherReference.accounts).length);
        expect(view.totals.sumMinutes).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});
