// The conformance vectors (core/test/vectors/): every published records file
// gives exactly its published ledger, the generator still writes the same
// files (so its hand-written checks still hold), and every vector gives the
// same ledger in any order, with duplicates, in any batching.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCanonical, fromExportFile, Ledger, parseRecord, toCanonicalJson } from "../src/index.ts";
import { allCases, buildVector, indexOf, VECTORS_DIR } from "./vectors/generate.ts";
import { batchesOf, orderWithDuplicates } from "./support.ts";

interface Published {
  id: string;
  envelopes: Uint8Array[];
  ledger: string;
}

const index = JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, "index.json"), "utf8")) as { vectors: { id: string }[] };
const published: Published[] = index.vectors.map(({ id }) => ({
  id,
  envelopes: fromExportFile(fs.readFileSync(path.join(VECTORS_DIR, `${id}.records.json`), "utf8")),
  ledger: fs.readFileSync(path.join(VECTORS_DIR, `${id}.ledger.json`), "utf8"),
}));

const nonEmpty = published.filter((v) => v.envelopes.length > 0);

/** Derives in batches, each added to the ledger in turn. */
async function ledgerOf(batches: readonly (readonly Uint8Array[])[]): Promise<string> {
  const ledger = await Ledger.derive([]);
  for (const batch of batches) await ledger.add(batch);
  return toCanonicalJson(ledger.view());
}

/** Runs per property; raise with TALLY_VECTOR_RUNS for a long fuzz (npm run bench:vectors). */
const RUNS = Number(process.env.TALLY_VECTOR_RUNS ?? 150);

describe("conformance vectors", () => {
  it("at least 150 are published, each with its records and its ledger", () => {
    expect(published.length).toBeGreaterThanOrEqual(150);
    expect(fs.readdirSync(VECTORS_DIR).filter((f) => f.endsWith(".records.json")).length).toBe(published.length);
  });

  it("each records file gives exactly its published ledger", async () => {
    for (const vector of published) expect(await ledgerOf([vector.envelopes]), vector.id).toBe(vector.ledger);
  });

  it("the generator writes the same files again, and every vector passes the checks written with it", async () => {
    const cases = allCases();
    expect(indexOf(cases)).toBe(fs.readFileSync(path.join(VECTORS_DIR, "index.json"), "utf8"));
    for (const vector of cases) {
      const files = await buildVector(vector);
      expect(files.records, vector.id).toBe(fs.readFileSync(path.join(VECTORS_DIR, `${vector.id}.records.json`), "utf8"));
      expect(files.ledger, vector.id).toBe(fs.readFileSync(path.join(VECTORS_DIR, `${vector.id}.ledger.json`), "utf8"));
    }
  });

  it("each vector reversed, and one record at a time in either order, gives the same ledger", async () => {
    for (const vector of published) {
      const reversed = [...vector.envelopes].reverse();
      expect(await ledgerOf([reversed]), vector.id).toBe(vector.ledger);
      expect(await ledgerOf(reversed.map((e) => [e])), vector.id).toBe(vector.ledger);
      expect(await ledgerOf(vector.envelopes.map((e) => [e])), vector.id).toBe(vector.ledger);
    }
  });

  it("any vector in any order with duplicates gives the same ledger", async () => {
    const arbitrary = fc.constantFrom(...nonEmpty).chain((vector) => fc.tuple(fc.constant(vector), orderWithDuplicates(vector.envelopes, 10)));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([vector, order]) => {
        expect(await ledgerOf([order])).toBe(vector.ledger);
      }),
      { numRuns: RUNS },
    );
  });

  it("junk: copies of any of a vector's records with signatures that verify for nothing, anywhere in any batch, change nothing", async () => {
    const arbitrary = fc.constantFrom(...nonEmpty).chain((vector) =>
      fc.tuple(
        fc.constant(vector),
        fc.array(fc.tuple(fc.nat(vector.envelopes.length - 1), fc.uint8Array({ minLength: 64, maxLength: 64 })), { minLength: 1, maxLength: 12 }),
        fc.nat(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([vector, junk, split]) => {
        const copies = junk.flatMap(([which, signature]) => {
          const parsed = parseRecord(vector.envelopes[which] as Uint8Array);
          return parsed.ok ? [encodeCanonical([Uint8Array.from(parsed.record.signed), signature])] : [];
        });
        // Junk first, then the vector, split at some point into two batches.
        const all = [...copies, ...vector.envelopes];
        const at = split % (all.length + 1);
        expect(await ledgerOf([all.slice(0, at), all.slice(at)])).toBe(vector.ledger);
      }),
      { numRuns: RUNS },
    );
  });

  it("any vector split into batches (several files, repeats across them) gives the same ledger", async () => {
    const arbitrary = fc.constantFrom(...nonEmpty).chain((vector) => fc.tuple(fc.constant(vector), batchesOf(vector.envelopes, 6, 10)));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([vector, batches]) => {
        expect(await ledgerOf(batches)).toBe(vector.ledger);
      }),
      { numRuns: RUNS },
    );
  });
});
