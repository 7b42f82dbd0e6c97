// The conformance vectors' generator. Deterministic: fixed key labels, no
// clock, no randomness, so running it again writes the same bytes.
//
//   node --import tsx core/test/vectors/generate.ts     (rewrites core/test/vectors/cases/)
//
// Each vector's records are derived by the reference ledger, and the result
// must pass the checks written by hand with the vector before it is written.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { deriveLedger, toCanonicalJson, toExportFile } from "../../src/index.ts";
import { CaseList, type VectorCase } from "./case.ts";
import { firstFailure } from "./checks.ts";
import { membershipCases } from "./cases-membership.ts";
import { activityCases } from "./cases-activity.ts";
import { ledgerCases } from "./cases-ledger.ts";
import { encodingCases } from "./cases-encoding.ts";
import { signatureCases } from "./cases-signatures.ts";
import { reviewCases } from "./cases-review.ts";
import { mergeTradeCases, poolCases } from "./cases-pool.ts";

export const VECTORS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "cases");

export function allCases(): VectorCase[] {
  const list = new CaseList();
  membershipCases(list);
  activityCases(list);
  ledgerCases(list);
  encodingCases(list);
  signatureCases(list);
  reviewCases(list);
  poolCases(list);
  mergeTradeCases(list);
  return list.cases;
}

export interface VectorFiles {
  id: string;
  /** The records, as an export file (PROTOCOL.md §3.4). */
  records: string;
  /** The expected ledger: the full view, in canonical JSON. */
  ledger: string;
}

/** Builds one vector and checks its ledger against the vector's own checks; throws if one fails. */
export async function buildVector(vector: VectorCase): Promise<VectorFiles> {
  const built = await vector.build();
  const view = await deriveLedger(built.envelopes);
  const failure = firstFailure(view, built.checks);
  if (failure) throw new Error(`vector ${vector.id}: ${failure}`);
  if (built.checks.length === 0) throw new Error(`vector ${vector.id} states no check`);
  return { id: vector.id, records: `${toExportFile(built.envelopes)}\n`, ledger: toCanonicalJson(view) };
}

export function indexOf(cases: readonly VectorCase[]): string {
  return toCanonicalJson({ format: "tally-conformance-vectors", version: 1, vectors: cases.map((c) => ({ id: c.id, covers: c.covers, title: c.title })) });
}

async function main(): Promise<void> {
  const cases = allCases();
  fs.rmSync(VECTORS_DIR, { recursive: true, force: true });
  fs.mkdirSync(VECTORS_DIR, { recursive: true });
  for (const vector of cases) {
    const files = await buildVector(vector);
    fs.writeFileSync(path.join(VECTORS_DIR, `${vector.id}.records.json`), files.records);
    fs.writeFileSync(path.join(VECTORS_DIR, `${vector.id}.ledger.json`), files.ledger);
  }
  fs.writeFileSync(path.join(VECTORS_DIR, "index.json"), indexOf(cases));
  process.stdout.write(`wrote ${cases.length} vectors to ${path.relative(process.cwd(), VECTORS_DIR)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
