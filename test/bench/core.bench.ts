// npm run bench:core — the core's speed on a demo group of 100,000 records
// and 5,000 members, each figure beside a baseline measured in the same run.
//
//   verifyPerSec           batched, pre-checked verification (WebCrypto here)
//   tweetnaclVerifyPerSec  the naive baseline: tweetnacl, one signature at a time
//   cold100kMs             derive from nothing: parse, hash, authenticate, judge
//   warm100kMs             derive again with the verified-id cache filled
//   snapshot100kMs         open from the ledger's persisted snapshot instead
//                          (read, parse, check its key, restore; PROTOCOL §7.7)
//   incrementalMs          one new record added to the derived ledger (median)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nacl from "tweetnacl";
import {
  DeviceAuthor,
  Ledger,
  bytesToHex,
  defaultBackend,
  fromExportFile,
  generateDemo,
  hexToBytes,
  memoryCache,
  parseRecord,
  sha256,
  signerFromSeed,
  signingMessage,
  toExportFile,
  utf8,
  verifySignatures,
  type LedgerSnapshot,
  type SignedRecord,
} from "@tally/core";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SEED = 1;
const VERIFY_SAMPLE = 5_000;
const TWEETNACL_SAMPLE = 200;
const INCREMENTAL_RUNS = 21;

async function demoEnvelopes(): Promise<Uint8Array[]> {
  const dir = join(process.cwd(), ".tmp", "bench");
  const file = join(dir, `demo-${MEMBERS}-${RECORDS}-${SEED}.json`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    const records = await generateDemo({ members: MEMBERS, records: RECORDS, seed: SEED });
    writeFileSync(file, toExportFile(records.map((r) => r.envelope)));
    console.error(`generated ${records.length} demo records in ${((performance.now() - started) / 1000).toFixed(1)} s (${file})`);
  }
  return fromExportFile(readFileSync(file, "utf8"));
}

function checksOf(records: SignedRecord[]) {
  return records.map((r) => ({ publicKey: hexToBytes(r.deviceHex), message: signingMessage(hexToBytes(r.id)), signature: r.signature }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const envelopes = await demoEnvelopes();
const records = envelopes.map((e) => {
  const parsed = parseRecord(e);
  if (!parsed.ok) throw new Error(`demo record does not parse: ${parsed.reason}`);
  return parsed.record;
});

// Verification: the same signatures through the project's verifier and through naive tweetnacl.
const sample = checksOf(records.slice(0, VERIFY_SAMPLE));
await verifySignatures(sample.slice(0, 100)); // backend detection and warm-up
let started = performance.now();
const verdicts = await verifySignatures(sample);
const verifyMs = performance.now() - started;
if (!verdicts.every(Boolean)) throw new Error("a demo signature failed to verify");
const verifyPerSec = Math.round(sample.length / (verifyMs / 1000));
started = performance.now();
for (const c of sample.slice(0, TWEETNACL_SAMPLE)) {
  if (!nacl.sign.detached.verify(c.message, c.signature, c.publicKey)) throw new Error("tweetnacl rejected a demo signature");
}
const tweetnaclVerifyPerSec = Math.round(TWEETNACL_SAMPLE / ((performance.now() - started) / 1000));

// Derivation, cold then warm.
const cache = memoryCache();
started = performance.now();
let cold: Ledger | null = await Ledger.derive(envelopes, { cache });
const cold100kMs = Math.round(performance.now() - started);
const coldSignatures = cold.stats.signaturesChecked;
const view = cold.view();
if (view.invalid.length > 0 || view.pending.length > 0 || view.totals.sumMinutes !== 0) throw new Error("the demo ledger is not clean");
cold = null; // a device starting warm holds one ledger, not two
started = performance.now();
const warm = await Ledger.derive(envelopes, { cache });
const warm100kMs = Math.round(performance.now() - started);
if (JSON.stringify(warm.view().accounts) !== JSON.stringify(view.accounts)) throw new Error("warm and cold ledgers differ");
const snapshotOfWarm = warm.snapshot();


// Incremental: the founder (a coordinator) records donations one at a time.
const founderDevice = await signerFromSeed(sha256(utf8(`tally-demo/${SEED}/0/device/0/0`)));
const founderHex = bytesToHex(founderDevice.publicKey);
const head = records.filter((r) => r.deviceHex === founderHex).reduce((a, b) => (b.seq > a.seq ? b : a));
const author = new DeviceAuthor(founderDevice, hexToBytes(head.groupHex), { seq: head.seq, id: head.id });
const recipient = Object.entries(view.accounts).find(([id, a]) => a.status === "active" && a.type === "member" && !id.endsWith(founderHex))![0];
const times: number[] = [];
for (let i = 0; i < INCREMENTAL_RUNS; i++) {
  const record = await author.write("donation", { to: hexToBytes(recipient.split(":")[1] as string), minutes: 15 });
  const before = warm.balanceOf(recipient);
  started = performance.now();
  await warm.add([record.envelope]);
  times.push(performance.now() - started);
  if (warm.balanceOf(recipient) !== before + 15) throw new Error("the incremental donation did not count");
}
const incrementalMs = Number(median(times).toFixed(2));

// Warm again, from the snapshot a device keeps of its ledger (median of three), after the incremental runs so its garbage does not fall on them.
const snapshotFile = join(process.cwd(), ".tmp", "bench", `demo-${MEMBERS}-${RECORDS}-${SEED}.snapshot.json`);
writeFileSync(snapshotFile, JSON.stringify(snapshotOfWarm));
const snapshotTimes: number[] = [];
for (let run = 0; run < 3; run++) {
  started = performance.now();
  const opened = await Ledger.restore(envelopes, JSON.parse(readFileSync(snapshotFile, "utf8")) as LedgerSnapshot);
  snapshotTimes.push(performance.now() - started);
  if (!opened.stats.fromSnapshot) throw new Error("the snapshot was not used");
  if (run === 0 && JSON.stringify(opened.view().accounts) !== JSON.stringify(view.accounts)) throw new Error("the ledger opened from the snapshot differs");
}
const snapshot100kMs = Math.round(median(snapshotTimes));

const naiveCold100kMs = Math.round((records.length / tweetnaclVerifyPerSec) * 1000);
const backend = (await defaultBackend()).name;
console.log(`\ncore benchmark: ${records.length} records, ${MEMBERS} members, ${coldSignatures} signatures checked cold (${backend})\n`);
console.log("| figure | Tally | baseline | ratio | target |");
console.log("|---|---|---|---|---|");
console.log(`| verify, signatures/s | ${verifyPerSec} | ${tweetnaclVerifyPerSec} (tweetnacl, one by one) | ${(verifyPerSec / tweetnaclVerifyPerSec).toFixed(0)}x | >= 50x |`);
console.log(`| cold derive, ms | ${cold100kMs} | ${naiveCold100kMs} (tweetnacl on every record, extrapolated) | ${(naiveCold100kMs / cold100kMs).toFixed(0)}x | <= 5000 |`);
console.log(`| warm derive, ms | ${warm100kMs} | ${cold100kMs} (cold) | ${(cold100kMs / warm100kMs).toFixed(1)}x | <= 1000 |`);
console.log(`| warm open from the snapshot, ms (median of 3) | ${snapshot100kMs} | ${warm100kMs} (warm derive) | ${(warm100kMs / snapshot100kMs).toFixed(1)}x | <= 1000 |`);
console.log(`| one record incrementally, ms | ${incrementalMs} | ${warm100kMs} (warm derive) | ${Math.round(warm100kMs / incrementalMs)}x | <= 5 |`);
console.log("");
console.log(JSON.stringify({ verifyPerSec, tweetnaclVerifyPerSec, cold100kMs, warm100kMs, snapshot100kMs, incrementalMs, records: records.length, members: MEMBERS, signaturesChecked: coldSignatures }));
