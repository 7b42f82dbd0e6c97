// npm run bench:relay — N authenticated clients on loopback spread over G
// groups, each writing one signed record every INTERVAL; measures delivery
// from write to arrival at every other member, losses and the relay's peak
// RSS, then runs the same load against a stock automerge-repo relay without
// authentication as the baseline. Then: a new device joining a group of
// 10,000 records, from connecting to its ledger derived. Then a fuzz run of
// BENCH_FUZZ_FRAMES frames (default 1,000,000) against a fresh relay
// (relay-fuzz.ts): exits, peak RSS, log size, honest delivery meanwhile.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import {
  DeviceAuthor,
  bytesToHex,
  createGroup,
  generateDemo,
  hexToBytes,
  sha256,
  signerFromSeed,
  utf8,
  type SignedRecord,
  type Signer,
} from "@tally/core";
import { GroupDocuments, GroupReplica, RelayClientAdapter } from "@tally/documents";
import { FileRecordStore } from "@tally/documents/node";
import { peerIdOf } from "../support/relay-attacker.ts";
import { rssMb } from "../support/relay-memory.ts";
import { printKillCycles, runKillCycles } from "./kill-cycles.ts";
import { FUZZ_LIMITS, runFuzz } from "./relay-fuzz.ts";
import { launch, median, percentile, stockRepo, tallyRepo, waitUntil } from "./relay-harness.ts";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 50);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 10_000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 60_000);
const JOIN_RECORDS = Number(process.env.BENCH_JOIN_RECORDS ?? 10_000);
const FUZZ_FRAMES = Number(process.env.BENCH_FUZZ_FRAMES ?? 1_000_000);

interface Member {
  name: string;
  member: Signer;
  device: Signer;
  author: DeviceAuthor;
}

interface BenchGroup {
  groupHex: string;
  members: Member[];
  setup: SignedRecord[];
}

/** Every group's founding records, joins and approvals, signed ahead of time. */
async function prepareGroups(): Promise<BenchGroup[]> {
  const groups: BenchGroup[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const size = Math.floor(CLIENTS / GROUPS) + (g < CLIENTS % GROUPS ? 1 : 0);
    const signer = (label: string) => signerFromSeed(sha256(utf8(`bench-relay/${g}/${label}`)));
    const founderMember = await signer("member/0");
    const founderDevice = await signer("device/0");
    const created = await createGroup(founderMember, founderDevice, {
      name: `Bench group ${g}`,
      founderName: "Coordinator",
      nonce: sha256(utf8(`bench-nonce/${g}`)).slice(0, 16),
      creditLimitMinutes: 600,
      joiningBonusMinutes: 0,
      confirmation: "both",
    });
    const members: Member[] = [{ name: "m0", member: founderMember, device: founderDevice, author: created.author }];
    const setup = [...created.records];
    for (let i = 1; i < size; i++) {
      const member = await signer(`member/${i}`);
      const device = await signer(`device/${i}`);
      const { author, record } = await DeviceAuthor.certified(member, device, created.groupId);
      const join = await author.write("member.join", { name: `Member ${i}`, memberKind: "person" }, { deps: [created.records[1]!.id] });
      const approve = await created.author.write("member.approve", { join: hexToBytes(join.id) }, { deps: [join.id] });
      setup.push(record, join, approve);
      members.push({ name: `m${i}`, member, device, author });
    }
    groups.push({ groupHex: bytesToHex(created.groupId), members, setup });
  }
  return groups;
}

interface Client {
  repo: Repo;
  docs: GroupDocuments;
  member: Member;
  group: BenchGroup;
}

type Connect = (member: Member, group: BenchGroup, founding: Uint8Array[]) => Repo;

async function runLoad(label: string, url: string, groups: BenchGroup[], connect: Connect, rssOf: () => Promise<number>) {
  const clients: Client[] = [];
  for (const group of groups) {
    const founderRepo = connect(group.members[0]!, group, group.setup.slice(0, 2).map((r) => r.envelope));
    const founderDocs = await GroupDocuments.open(founderRepo, group.groupHex);
    await founderDocs.write(group.setup.map((r) => ({ id: r.id, envelope: r.envelope })));
    clients.push({ repo: founderRepo, docs: founderDocs, member: group.members[0]!, group });
  }
  // Let the relay take in every group's membership before members ask for the documents.
  await new Promise((r) => setTimeout(r, 2_000));
  for (const group of groups) {
    for (const member of group.members.slice(1)) {
      const repo = connect(member, group, []);
      clients.push({ repo, docs: await GroupDocuments.open(repo, group.groupHex), member, group });
    }
  }
  const setupIds = new Map(groups.map((g) => [g.groupHex, g.setup.map((r) => r.id)]));
  const syncStart = Date.now();
  await waitUntil(() => clients.every((c) => setupIds.get(c.group.groupHex)!.every((id) => c.docs.presentIds().has(id))), 180_000);
  console.error(`${label}: ${clients.length} clients in ${groups.length} groups synced in ${Date.now() - syncStart} ms`);

  const sentAt = new Map<string, { ms: number; writer: Client }>();
  const latencies: number[] = [];
  let expected = 0;
  for (const client of clients) {
    client.docs.onRecords(({ added }) => {
      const now = Date.now();
      for (const record of added) {
        const sent = sentAt.get(record.id);
        if (sent !== undefined && sent.writer !== client) latencies.push(now - sent.ms);
      }
    });
  }
  let peakRssMb = await rssOf();
  const rssTimer = setInterval(() => void rssOf().then((rss) => (peakRssMb = Math.max(peakRssMb, rss))), 1_000);
  const started = Date.now();
  const writers = clients.map(async (client, i) => {
    await new Promise((r) => setTimeout(r, (i * INTERVAL_MS) / clients.length));
    let n = 0;
    while (Date.now() - started < DURATION_MS) {
      const record = await client.member.author.write("listing.create", { type: "offer", title: `Offer ${n++}`, category: "bench" }, { deps: [] });
      sentAt.set(record.id, { ms: Date.now(), writer: client });
      expected += client.group.members.length - 1;
      await client.docs.write([{ id: record.id, envelope: record.envelope }]);
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  });
  await Promise.all(writers);
  await waitUntil(() => latencies.length >= expected, 30_000).catch(() => {});
  clearInterval(rssTimer);
  await Promise.all(clients.map((c) => c.repo.shutdown().catch(() => {})));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => percentile(latencies, p);
  return { written: sentAt.size, delivered: latencies.length, lost: expected - latencies.length, p50Ms: pct(50), p99Ms: pct(99), relayRssMb: peakRssMb };
}

/** A new device of an existing member joins a group of JOIN_RECORDS records: connect, sync, derive. */
async function newDeviceJoin(url: string): Promise<{ records: number; ms: number }> {
  const records = await generateDemo({ members: Math.max(10, Math.floor(JOIN_RECORDS / 50)), records: JOIN_RECORDS, seed: 11 });
  const groupHex = records[0]!.groupHex;
  const founderDevice = await signerFromSeed(sha256(utf8("tally-demo/11/0/device/0/0")));
  const founder = new Repo({
    network: [new RelayClientAdapter({ relayUrl: url, device: founderDevice, WebSocket: WebSocket as never, founding: () => records.slice(0, 2).map((r) => r.envelope) })],
    peerId: peerIdOf(founderDevice, "founder") as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
  const docs = await GroupDocuments.open(founder, groupHex);
  await docs.write(records.map((r) => ({ id: r.id, envelope: r.envelope })));
  await new Promise((r) => setTimeout(r, 3_000)); // the relay stores and judges them
  // Member 1's device, on a phone that has never seen the group.
  const device = await signerFromSeed(sha256(utf8("tally-demo/11/0/device/1/0")));
  const dir = mkdtempSync(join(tmpdir(), "bench-join-"));
  const started = Date.now();
  const repo = new Repo({
    network: [new RelayClientAdapter({ relayUrl: url, device, WebSocket: WebSocket as never })],
    peerId: peerIdOf(device, "newdevice") as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
  const replica = await GroupReplica.open({ repo, groupHex, store: await FileRecordStore.open(dir) });
  await waitUntil(() => replica.ledger.view().totals.records >= JOIN_RECORDS, 60_000);
  await replica.settled();
  const ms = Date.now() - started;
  await repo.shutdown();
  await founder.shutdown();
  return { records: replica.view().totals.valid, ms };
}

type LoadResult = Awaited<ReturnType<typeof runLoad>>;

async function loadTally(): Promise<{ result: LoadResult; url: string; child: ChildProcess }> {
  const groups = await prepareGroups();
  const tally = await launch("sync-server/src/main.ts", {
    DATA_DIR: mkdtempSync(join(tmpdir(), "bench-tally-")),
    // Every simulated device connects from 127.0.0.1: the per-address allowances are raised to match.
    TALLY_LIMITS: JSON.stringify({ connectionsPerIp: CLIENTS * 2 + 10, challengesPerIpPerMinute: CLIENTS * 20, groupsPerIpPerHour: GROUPS * 2 + 10 }),
  });
  const result = await runLoad(
    "tally",
    tally.url,
    groups,
    (member, _group, founding) => tallyRepo(tally.url, member.device, founding),
    async () => rssMb(tally.child.pid!),
  );
  return { result, ...tally };
}

/** The same load, the same documents and records, against the stock relay. Fresh authors: same keys, same chains. */
async function loadStock(): Promise<LoadResult> {
  const groups = await prepareGroups();
  const stock = await launch("test/bench/stock-relay.ts", { DATA_DIR: mkdtempSync(join(tmpdir(), "bench-stock-")) });
  const result = await runLoad(
    "stock",
    stock.url,
    groups,
    (member) => stockRepo(stock.url, member.name),
    async () => rssMb(stock.child.pid!),
  );
  stock.child.kill("SIGTERM");
  return result;
}

// On a shared machine the load from others drifts over minutes, so the two
// relays take turns (Tally first in odd rounds, stock first in even ones) and
// the figure is the median of the rounds' ratios.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PARTS = new Set((process.env.BENCH_PARTS ?? "load,join,fuzz,kill").split(","));
const rounds: { tally: LoadResult; stock: LoadResult }[] = [];
let join10k: { records: number; ms: number } | null = null;
for (let round = 0; PARTS.has("load") && round < ROUNDS; round++) {
  const stockFirst = round % 2 === 1 ? await loadStock() : null;
  const tally = await loadTally();
  if (round === 0 && PARTS.has("join")) join10k = await newDeviceJoin(tally.url);
  tally.child.kill("SIGTERM");
  rounds.push({ tally: tally.result, stock: stockFirst ?? (await loadStock()) });
}
if (rounds.length > 0) {
  console.log(`\nrelay benchmark: ${CLIENTS} clients, ${GROUPS} groups, one record per client every ${INTERVAL_MS / 1000} s for ${DURATION_MS / 1000} s, ${rounds.length} rounds\n`);
  console.log("| round | relay | written | delivered | lost | p50 ms | p99 ms | peak RSS MB |");
  console.log("|---|---|---|---|---|---|---|---|");
  rounds.forEach((round, i) => {
    for (const [name, r] of [["Tally (authenticated)", round.tally], ["stock automerge-repo (no auth)", round.stock]] as const) {
      console.log(`| ${i + 1} | ${name} | ${r.written} | ${r.delivered} | ${r.lost} | ${r.p50Ms} | ${r.p99Ms} | ${r.relayRssMb} |`);
    }
  });
  const ratios = rounds.map((r) => r.tally.p99Ms / r.stock.p99Ms);
  console.log(`\np99 ratio Tally / stock per round: ${ratios.map((r) => r.toFixed(2)).join(", ")}; median ${median(ratios).toFixed(2)} (target <= 1.5)`);
  console.log(JSON.stringify({ clients: CLIENTS, groups: GROUPS, rounds: rounds.map((r) => ({ tally: r.tally, stock: r.stock })), medianP99Ratio: median(ratios) }));
}
if (join10k) console.log(`new device joining a group of ${join10k.records} records: synced and derived in ${join10k.ms} ms (target <= 3000)\n`);

if (PARTS.has("fuzz")) {
  const fuzzRelay = await launch("sync-server/src/main.ts", { DATA_DIR: mkdtempSync(join(tmpdir(), "bench-fuzz-")), TALLY_LIMITS: JSON.stringify(FUZZ_LIMITS) });
  const fuzz = await runFuzz(fuzzRelay.url, fuzzRelay.child, FUZZ_FRAMES);
  fuzzRelay.child.kill("SIGTERM");
  console.log(
    `fuzz: ${fuzz.frames} frames over ${fuzz.connections} connections in ${fuzz.seconds} s (${fuzz.hostileAutomerge} valid Automerge changes with hostile content, ${fuzz.malformed} malformed), ` +
      `${fuzz.closedByRelay} closed by the relay, ${fuzz.notClosed} left open; relay exits ${fuzz.exits} (target 0); peak RSS ${fuzz.peakRssMb} MB; log ${fuzz.logMb} MB; ` +
      `honest writes meanwhile ${fuzz.honestDelivered}/${fuzz.honestWritten} delivered, p99 ${fuzz.honestP99Ms} ms\n`,
  );
  console.log(JSON.stringify({ fuzz }));
}

if (PARTS.has("kill")) printKillCycles(await runKillCycles(Number(process.env.BENCH_KILL_CYCLES ?? 100), (line) => console.error(line)));
process.exit(0);
