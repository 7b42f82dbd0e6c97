// npm run bench:pool — a town of 20 demo groups of 5,000 records each in one
// pool (core/src/demo/town.ts: 100,000 records and the pool's own), each
// figure beside a baseline measured in the same run.
//
//   derive  cold derive of the whole town; warm open from the ledger's
//           snapshot (PROTOCOL §7.7) against a warm derive with the
//           verified-id cache filled (the warm figure before snapshots)
//   phone   what a phone of one group holds (its group and the pool
//           documents: the pool's records and what they carry, core
//           carriedIds) against the whole town; opening it offline as
//           the app does (GroupReplica.open: its store, its documents and
//           the snapshot it kept), against the same without the snapshot
//   online  a first visit: every group's and the pool's records put on a real
//           relay process on loopback (which carries into the pool's
//           documents what they carry), then a new device of a member of
//           one group syncs its group's documents and the pool's and
//           derives, against the same device syncing its group alone
//
// BENCH_PARTS (default derive,phone,online), BENCH_GROUPS, BENCH_RECORDS
// (per group), BENCH_WARM_RUNS. Ends with one JSON line.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import nacl from "tweetnacl";
import WebSocket from "ws";
import {
  Ledger,
  carriedIds,
  fromExportFile,
  generateTown,
  hexToBytes,
  bytesToHex,
  memoryCache,
  parseRecord,
  sha256,
  signerFromSeed,
  signingMessage,
  toExportFile,
  utf8,
  type LedgerSnapshot,
  type LedgerView,
  type SignedRecord,
} from "@tally/core";
import { GroupDocuments, GroupReplica, RelayClientAdapter } from "@tally/documents";
import { FileRecordStore } from "@tally/documents/node";
import { startRelayProcess } from "../support/relay-process.ts";
import { peerIdOf } from "../support/relay-attacker.ts";

// automerge-repo waits, unguarded, up to a minute for a document a peer says it has (DocSynchronizer): the relay offers a
// pooled group's founder the pool's documents it never opens. The relay logs such a rejection and goes on; so does this.
process.on("unhandledRejection", (reason) => console.error(`unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`));

const GROUPS = Number(process.env.BENCH_GROUPS ?? 20);
const PER_GROUP = Number(process.env.BENCH_RECORDS ?? 5_000);
const SEED = 1;
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 3);
const PARTS = new Set((process.env.BENCH_PARTS ?? "derive,phone,online").split(","));
const TWEETNACL_SAMPLE = 200;
const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_MS ?? 120_000);
const DIR = join(process.cwd(), ".tmp", "bench");

interface TownFile {
  poolHex: string;
  groups: string[];
}

/** The town, generated once into .tmp/bench (a few minutes), then read back. */
async function townEnvelopes(): Promise<{ envelopes: Uint8Array[]; meta: TownFile }> {
  // Named by the generator's version too: a town written before town chains (PROTOCOL §12.9) is not the same town.
  const file = join(DIR, `town-v2-${GROUPS}-${PER_GROUP}-${SEED}.json`);
  const metaFile = `${file}.meta`;
  if (!existsSync(file) || !existsSync(metaFile)) {
    mkdirSync(DIR, { recursive: true });
    const started = performance.now();
    const town = await generateTown({ groups: GROUPS, recordsPerGroup: PER_GROUP, seed: SEED });
    writeFileSync(file, toExportFile(town.records.map((r) => r.envelope)));
    writeFileSync(metaFile, JSON.stringify({ poolHex: town.poolHex, groups: town.groups.map((g) => g.groupHex) } satisfies TownFile));
    console.error(`generated the town, ${town.records.length} records, in ${((performance.now() - started) / 1000).toFixed(0)} s (${file})`);
  }
  return { envelopes: fromExportFile(readFileSync(file, "utf8")), meta: JSON.parse(readFileSync(metaFile, "utf8")) as TownFile };
}

function parsedAll(envelopes: readonly Uint8Array[]): SignedRecord[] {
  return envelopes.map((e) => {
    const parsed = parseRecord(e);
    if (!parsed.ok) throw new Error(`a town record does not parse: ${parsed.reason}`);
    return parsed.record;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const ms = (since: number) => Math.round(performance.now() - since);
const ratio = (baseline: number, figure: number) => `${(baseline / Math.max(figure, 1)).toFixed(1)}x`;
const kb = (bytes: number) => Math.round(bytes / 1024);

function expectCleanTown(view: LedgerView, records: number, poolHex: string): void {
  const complete = (view.poolExchanges ?? []).filter((e) => e.status === "complete").length;
  if (view.invalid.length > 0 || view.pending.length > 0 || view.totals.sumMinutes !== 0 || view.totals.records !== records) {
    throw new Error(`the town's ledger is not clean: ${view.invalid.length} invalid, ${view.pending.length} pending, ${view.totals.records} records`);
  }
  if (Object.values(view.pools?.[poolHex]?.groups ?? {}).filter((g) => g.status === "member").length !== GROUPS || complete === 0) {
    throw new Error("the town's groups are not all in the pool, or no exchange across groups completed");
  }
}

const results: Record<string, unknown> = { groups: GROUPS, recordsPerGroup: PER_GROUP };
const table: string[] = ["| figure | Tally | baseline (same run) | ratio | target |", "|---|---|---|---|---|"];
/** Each figure is also printed as it is measured: a long run shows what it has so far. */
const row = (line: string): void => {
  table.push(line);
  console.error(line);
};

const { envelopes, meta } = await townEnvelopes();
const poolHex = meta.poolHex;
const groupHex = meta.groups[0] as string;
// Parsed only after the derive part: records held beside the ledger being timed would only make its garbage collection slower.
let parsed: SignedRecord[] | null = null;
const allRecords = (): SignedRecord[] => (parsed ??= parsedAll(envelopes));
console.error(`town: ${envelopes.length} records, ${GROUPS} groups of ${PER_GROUP} and the pool's`);

// ---- derive -------------------------------------------------------------------
if (PARTS.has("derive")) {
  const sample = parsedAll(envelopes.slice(0, TWEETNACL_SAMPLE));
  let started = performance.now();
  for (const r of sample) if (!nacl.sign.detached.verify(signingMessage(hexToBytes(r.id)), r.signature, hexToBytes(r.deviceHex))) throw new Error("tweetnacl refused a town signature");
  const naiveColdMs = Math.round((envelopes.length * (performance.now() - started)) / TWEETNACL_SAMPLE);
  const cache = memoryCache();
  started = performance.now();
  let cold: Ledger | null = await Ledger.derive(envelopes, { cache });
  const coldMs = ms(started);
  const reference = bytesToHex(sha256(utf8(JSON.stringify(cold.view()))));
  expectCleanTown(cold.view(), envelopes.length, poolHex);
  started = performance.now();
  const snapshotFile = join(DIR, `town-${GROUPS}-${PER_GROUP}-${SEED}.snapshot.json`);
  writeFileSync(snapshotFile, JSON.stringify(cold.snapshot()));
  const snapshotWriteMs = ms(started);
  cold = null; // a device starting warm holds one ledger, not two
  const warmCache: number[] = [];
  const warmSnapshot: number[] = [];
  // Each kind in a row, the ledger before released, as bench:core does: taking turns put one's garbage on the other.
  for (let run = 0; run < WARM_RUNS; run++) {
    started = performance.now();
    let warm: Ledger | null = await Ledger.derive(envelopes, { cache });
    warmCache.push(ms(started));
    warm = null;
    void warm;
  }
  for (let run = 0; run < WARM_RUNS; run++) {
    started = performance.now();
    const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as LedgerSnapshot;
    let opened: Ledger | null = await Ledger.restore(envelopes, snapshot);
    warmSnapshot.push(ms(started));
    if (!opened.stats.fromSnapshot) throw new Error("the snapshot of the town was not used");
    if (run === 0 && bytesToHex(sha256(utf8(JSON.stringify(opened.view())))) !== reference) throw new Error("the ledger opened from the snapshot differs from the derived one");
    opened = null;
    void opened;
  }
  Object.assign(results, {
    cold100kMs: coldMs,
    naiveCold100kMs: naiveColdMs,
    warmSnapshot100kMs: median(warmSnapshot),
    warmCache100kMs: median(warmCache),
    warmSnapshotRuns: warmSnapshot,
    warmCacheRuns: warmCache,
    snapshotWriteMs,
    snapshotMb: Number((readFileSync(snapshotFile).length / 1e6).toFixed(1)),
  });
  row(`| cold derive of ${envelopes.length} records, ms | ${coldMs} | ${naiveColdMs} (tweetnacl on every record, extrapolated) | ${ratio(naiveColdMs, coldMs)} | <= 5000 |`);
  row(`| warm open from the snapshot (read, parse, check the key, restore), ms, median of ${WARM_RUNS} | ${median(warmSnapshot)} | ${median(warmCache)} (warm derive, verified-id cache filled) | ${ratio(median(warmCache), median(warmSnapshot))} | <= 1000 |`);
}

// ---- phone ---------------------------------------------------------------------
/** The records a phone of `groupHex` holds: its group's, the pool's own, and what the pool's documents carry of every group. */
function phoneRecords(): { phone: SignedRecord[]; poolDocuments: SignedRecord[] } {
  const records = allRecords();
  const byId = new Map(records.map((r) => [r.id, r]));
  const poolIds = new Set(records.filter((r) => r.groupHex === poolHex).map((r) => r.id));
  for (const member of meta.groups) {
    for (const id of carriedIds(records, { groupHex: member, poolHex, admitted: true })) poolIds.add(id);
  }
  const poolDocuments = [...poolIds].map((id) => byId.get(id) as SignedRecord);
  const phoneIds = new Set([...records.filter((r) => r.groupHex === groupHex).map((r) => r.id), ...poolIds]);
  return { phone: [...phoneIds].map((id) => byId.get(id) as SignedRecord), poolDocuments };
}

/**
 * A phone's store filled with these records, all verified before (as after
 * its first visit), then opened offline as the app opens it
 * (GroupReplica.open, no network): with the snapshot the replica kept
 * (keepSnapshot), and, as the baseline, without it (deriving with the
 * verified ids, the app's path before snapshots).
 */
async function openOffline(held: readonly SignedRecord[]): Promise<{ deriveMs: number; snapshotMs: number; view: LedgerView }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-pool-phone-"));
  const store = await FileRecordStore.open(join(dir, "store"));
  await store.add(held.map((r) => ({ id: r.id, envelope: r.envelope })));
  await store.close();
  const open = async (): Promise<{ ms: number; view: LedgerView; fromSnapshot: boolean }> => {
    const started = performance.now();
    // The group's documents come from the phone's own storage, as from IndexedDB in the app.
    const repo = new Repo({ storage: new NodeFSStorageAdapter(join(dir, "repo")), network: [] });
    const reopened = await FileRecordStore.open(join(dir, "store"));
    const replica = await GroupReplica.open({ repo, groupHex, store: reopened });
    const view = replica.view();
    const elapsed = ms(started);
    await replica.keepSnapshot();
    await repo.flush();
    await repo.shutdown();
    await reopened.close();
    return { ms: elapsed, view, fromSnapshot: replica.ledger.stats.fromSnapshot };
  };
  await open(); // the first open verifies every record, writes the group's into its documents and keeps the snapshot
  rmSync(join(dir, "store", "ledger.snapshot.json"));
  const derived = await open(); // and keeps it again
  const restored = await open();
  if (!restored.fromSnapshot || derived.fromSnapshot) throw new Error("the phone's snapshot was not used, or used when it was removed");
  if (JSON.stringify(restored.view) !== JSON.stringify(derived.view)) throw new Error("the phone's ledger opened from its snapshot differs from the derived one");
  rmSync(dir, { recursive: true, force: true });
  return { deriveMs: derived.ms, snapshotMs: restored.ms, view: restored.view };
}

if (PARTS.has("phone")) {
  const records = allRecords();
  const { phone, poolDocuments } = phoneRecords();
  const bytes = (list: readonly SignedRecord[]) => list.reduce((sum, r) => sum + r.envelope.length, 0);
  const offline = await openOffline(phone);
  const own = offline.view.accounts;
  const mirror = own[`${groupHex}:pool:${poolHex}`];
  if (!mirror || offline.view.invalid.length > 0) throw new Error("the phone's ledger does not show its group's mirror account in the pool, or judges a record invalid");
  Object.assign(results, {
    phoneRecords: phone.length,
    phoneKb: kb(bytes(phone)),
    poolDocumentRecords: poolDocuments.length,
    allRecords: records.length,
    allKb: kb(bytes(records)),
    phoneOfflineMs: offline.deriveMs,
    phoneOfflineSnapshotMs: offline.snapshotMs,
    phonePending: offline.view.pending.length,
  });
  row(`| records a phone of one group holds (its group + the pool documents) | ${phone.length} (${poolDocuments.length} in the pool documents) | ${records.length} (the whole town) | ${ratio(records.length, phone.length)} fewer | not all |`);
  row(`| bytes a phone of one group holds, KB | ${kb(bytes(phone))} | ${kb(bytes(records))} (the whole town) | ${ratio(bytes(records), bytes(phone))} fewer | — |`);
  row(`| phone opens offline as the app does (GroupReplica.open from its store and the snapshot it kept, then the view), ms | ${offline.snapshotMs} | ${offline.deriveMs} (the same phone without a snapshot, deriving with its verified ids) | ${ratio(offline.deriveMs, offline.snapshotMs)} | <= 2000 |`);
}

// ---- online --------------------------------------------------------------------
/** A device's repo, connected to the relay with its device key. */
function deviceRepo(url: string, device: Awaited<ReturnType<typeof signerFromSeed>>, dir: string | null, founding?: () => Uint8Array[]): Repo {
  return new Repo({
    ...(dir ? { storage: new NodeFSStorageAdapter(join(dir, "repo")) } : {}),
    network: [new RelayClientAdapter({ relayUrl: url, device, WebSocket: WebSocket as never, minRetryMs: 100, maxRetryMs: 1000, ...(founding ? { founding } : {}) })],
    peerId: peerIdOf(device, `bench-${Math.random().toString(36).slice(2, 8)}`) as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = SYNC_TIMEOUT_MS): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A new device of member `member` of the group: opens its replica (and the pool's documents when asked), until it holds `expected` records. */
async function firstVisit(url: string, member: number, withPool: boolean, expected: number, timeoutMs = SYNC_TIMEOUT_MS): Promise<{ ms: number; records: number; poolRecords: number }> {
  const device = await signerFromSeed(sha256(utf8(`tally-demo/${SEED}/0/device/${member}/0`)));
  const dir = mkdtempSync(join(tmpdir(), "bench-pool-visit-"));
  const started = performance.now();
  const repo = deviceRepo(url, device, dir);
  const replica = await GroupReplica.open({ repo, groupHex, store: await FileRecordStore.open(join(dir, "store")) });
  // As the app does: the replica opens the documents of the pools its group joined, and tries again as records arrive.
  if (withPool) replica.followPools();
  await waitUntil(() => replica.ledger.view().totals.records >= expected, `${expected} records on the new device (it holds ${replica.ledger.view().totals.records})`, timeoutMs);
  await replica.settled();
  const elapsed = ms(started);
  const view = replica.ledger.view();
  const poolRecords = view.totals.records - PER_GROUP;
  await repo.shutdown();
  rmSync(dir, { recursive: true, force: true });
  return { ms: elapsed, records: view.totals.records, poolRecords };
}

if (PARTS.has("online")) {
  const records = allRecords();
  const { phone } = phoneRecords();
  const group = records.filter((r) => r.groupHex === groupHex);
  const pool = records.filter((r) => r.groupHex === poolHex);
  // Every group is founded from this one address here.
  const relay = await startRelayProcess({ TALLY_LIMITS: JSON.stringify({ connectionsPerIp: 100, groupsPerIpPerHour: GROUPS + 1 }) });
  try {
    // Every group's founder and the pool's coordinator put their records on the relay, as their phones would have, and the
    // relay carries what the pool carries of each group into the pool's documents itself (PROTOCOL §12.8): here one
    // town relay serves every group and the pool. One phone at a time, each until the relay holds its records: twenty repos
    // syncing 5,000 records each at once in this one process starve it into automerge-repo's timeouts.
    const putOnRelay = async (device: Awaited<ReturnType<typeof signerFromSeed>>, hex: string, own: readonly SignedRecord[]): Promise<void> => {
      const repo = deviceRepo(relay.url, device, null, () => own.slice(0, 2).map((r) => r.envelope));
      const docs = await GroupDocuments.open(repo, hex);
      await docs.write(own.map((r) => ({ id: r.id, envelope: r.envelope })));
      const ids = own.map((r) => r.id);
      await waitUntil(() => docs.heldByRelay(ids).size === ids.length, `the relay to hold group ${hex.slice(0, 8)}'s records`);
      await repo.shutdown();
      console.error(`on the relay: ${hex.slice(0, 8)}, ${own.length} records`);
    };
    console.error(`putting the pool on the relay (${pool.length} records)`);
    await putOnRelay(await signerFromSeed(sha256(utf8(`tally-town/${SEED}/device`))), poolHex, pool);
    for (const [index, hex] of meta.groups.entries()) {
      const device = await signerFromSeed(sha256(utf8(`tally-demo/${SEED}/${index}/device/0/0`)));
      await putOnRelay(device, hex, records.filter((r) => r.groupHex === hex));
    }
    // Another member's phone syncs the group and the pool first: the relay then holds it all, checked, before the timed visits.
    await firstVisit(relay.url, 2, true, phone.length, 10 * SYNC_TIMEOUT_MS);
    const alone = await firstVisit(relay.url, 3, false, group.length);
    let withPool: Awaited<ReturnType<typeof firstVisit>> | { error: string };
    try {
      withPool = await firstVisit(relay.url, 1, true, phone.length);
    } catch (error) {
      withPool = { error: (error as Error).message };
    }
    Object.assign(results, { firstVisitGroupMs: alone.ms, firstVisitWithPool: withPool });
    if ("ms" in withPool) {
      row(`| first visit online: its group and the pool documents synced from a relay process and derived, ms | ${withPool.ms} (${withPool.records} records) | ${alone.ms} (its group alone, ${alone.records}) | ${ratio(alone.ms, withPool.ms)} | <= 10000 |`);
    } else {
      row(`| first visit online with the pool documents | not measured: ${withPool.error} | ${alone.ms} (its group alone) | — | <= 10000 |`);
    }
  } catch (error) {
    console.error(`the relay's log:\n${relay.logs.join("").slice(-4000)}`);
    throw error;
  } finally {
    await relay.kill("SIGTERM");
  }
}

console.log(`\npool benchmark: ${envelopes.length} records, ${GROUPS} groups of ${PER_GROUP} in one pool\n`);
console.log(table.join("\n"));
console.log("");
console.log(JSON.stringify(results));
process.exit(0);
