// npm run bench:pool-relay — the town's relay serving a pool and its groups
// under load (issue 12 item 5: 2,000 connected devices, p99 delivery within
// 1.5× the stock automerge-repo relay under the same load).
//
// One relay process serves pool P and BENCH_GROUPS groups of devices (every
// group admitted to P by its real signed pool.join and P's pool.admit; town
// chains as honest devices write them, pool-relay-town.ts). Every device
// follows its group's documents; BENCH_POOL_FOLLOWERS devices of each group
// also follow P's documents, as a pooled group's phones do (followPools).
// Every device writes one record every BENCH_INTERVAL_MS: an exchange
// proposal to another member of its group (private to the group), or, for a
// follower once in BENCH_POOL_ONE_IN writes, a pool.pay to a follower of
// another group, who answers with a pool.accept as soon as the payment
// reaches it. Delivery is timed from the write to the first arrival at each
// device that must get the record: its group's other devices (through the
// group's documents) and, for pool records, the followers of P in other
// groups (through P's documents, into which the Tally relay carries them,
// PROTOCOL §12.8).
//
// Baseline: a stock automerge-repo relay (stock-relay.ts, no authentication)
// with the same devices, documents, records and timing; having no carrier,
// its devices write their pool records (with what the carrier would add of
// their closure, core carriedIds) into P's documents themselves. Rounds
// alternate which relay goes first; the figure is the median of the rounds'
// p99 ratios. Ends with one JSON line.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Repo } from "@automerge/automerge-repo";
import { bytesToHex, hexToBytes, type SignedRecord, type Signer } from "@tally/core";
import { GroupDocuments, describeDocument, groupPrefix } from "@tally/documents";
import { rssMb } from "../support/relay-memory.ts";
import { launch, median, percentile, stockRepo, tallyRepo, waitUntil, type Takes } from "./relay-harness.ts";
import { carriedRecords, prepareTown, writeOnTownChain, type BenchTown, type TownGroup, type TownMember } from "./pool-relay-town.ts";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 20);
const FOLLOWERS = Number(process.env.BENCH_POOL_FOLLOWERS ?? 5);
const POOL_ONE_IN = Number(process.env.BENCH_POOL_ONE_IN ?? 2);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 60_000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 120_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_MS ?? 900_000);
/** Devices connecting at once while the load is set up, and devices opening the pool's documents at once. */
const CONNECT_BATCH = 20;
const FOLLOW_BATCH = 5;

interface Client {
  repo: Repo;
  docs: GroupDocuments;
  pool: GroupDocuments | null;
  member: TownMember;
  group: TownGroup;
  /** Measured records that reached this device (through either document). */
  seen: Set<string>;
}

interface Side {
  label: string;
  /** Whether the relay carries pool records into P's documents (Tally); otherwise devices write them there. */
  carries: boolean;
  connect(device: Signer, founding: Uint8Array[], takes: Takes): Repo;
  rssMb(): number;
}

const isFollower = (member: TownMember) => member.index < FOLLOWERS;

/**
 * The documents a device takes: its group's, and P's if it follows P. The
 * Tally relay offers P's documents to every device of a group that joined P
 * (PROTOCOL §12.8); a device that does not follow P refuses them here, as
 * 2,000 copies of P's records do not fit in one load generator.
 */
function takesFor(town: BenchTown, group: TownGroup, member: TownMember): Takes {
  const prefixes = new Set([groupPrefix(group.groupHex), ...(isFollower(member) ? [groupPrefix(town.poolHex)] : [])]);
  return (documentId) => prefixes.has(describeDocument(documentId)?.prefix ?? "");
}

async function runLoad(town: BenchTown, side: Side) {
  const poolTakes: Takes = (documentId) => describeDocument(documentId)?.prefix === groupPrefix(town.poolHex);
  const poolRepo = side.connect(town.poolDevice, town.poolSetup.slice(0, 2).map((r) => r.envelope), poolTakes);
  const poolDocs = await GroupDocuments.open(poolRepo, town.poolHex);
  await poolDocs.write(town.poolSetup);
  const clients: Client[] = [];
  for (const group of town.groups) {
    const founder = group.members[0]!;
    const repo = side.connect(founder.device, group.setup.slice(0, 2).map((r) => r.envelope), takesFor(town, group, founder));
    const docs = await GroupDocuments.open(repo, group.groupHex);
    await docs.write(group.setup);
    if (!side.carries) await poolDocs.write(carriedRecords(town, group));
    clients.push({ repo, docs, pool: null, member: founder, group, seen: new Set() });
  }
  // The pool's documents hold every group's pool.join (and its closure) once the relay took in each group: then its devices may follow P.
  const poolIds = [...town.poolSetup, ...town.groups.flatMap((g) => carriedRecords(town, g))].map((r) => r.id);
  const setupStart = Date.now();
  const holdsAll = (docs: GroupDocuments, ids: readonly string[]) => {
    const present = docs.presentIds();
    return ids.every((id) => present.has(id));
  };
  await waitUntil(() => holdsAll(poolDocs, poolIds), SYNC_TIMEOUT_MS);
  console.error(`${side.label}: pool documents hold ${poolIds.length} records after ${Date.now() - setupStart} ms`);

  // In batches, each synced before the next connects: 2,000 first syncs at once would starve this one process (and time out).
  const setupIds = new Map(town.groups.map((g) => [g.groupHex, g.setup.map((r) => r.id)]));
  const synced = (c: Client) => holdsAll(c.docs, setupIds.get(c.group.groupHex)!) && (c.pool === null || holdsAll(c.pool, poolIds));
  const joining = town.groups.flatMap((group) => group.members.slice(1).map((member) => ({ group, member })));
  for (let i = 0; i < joining.length; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      joining.slice(i, i + CONNECT_BATCH).map(async ({ group, member }) => {
        const repo = side.connect(member.device, [], takesFor(town, group, member));
        return { repo, docs: await GroupDocuments.open(repo, group.groupHex), pool: null, member, group, seen: new Set<string>() };
      }),
    );
    await waitUntil(() => batch.every(synced), SYNC_TIMEOUT_MS);
    clients.push(...batch);
    if (clients.length % 500 < CONNECT_BATCH) console.error(`${side.label}: ${clients.length} devices connected and synced after ${Date.now() - setupStart} ms`);
  }
  const following = clients.filter((c) => isFollower(c.member));
  for (let i = 0; i < following.length; i += FOLLOW_BATCH) {
    const batch = following.slice(i, i + FOLLOW_BATCH);
    await Promise.all(batch.map(async (c) => (c.pool = await GroupDocuments.open(c.repo, town.poolHex))));
    await waitUntil(() => batch.every(synced), SYNC_TIMEOUT_MS);
  }
  const followers = clients.filter((c) => c.pool !== null);
  console.error(`${side.label}: ${clients.length} devices in ${town.groups.length} groups (${followers.length} following the pool) synced after ${Date.now() - setupStart} ms`);
  const result = await measure(town, side, clients, followers, async () => {
    await Promise.all([...clients.map((c) => c.repo), poolRepo].map((repo) => repo.shutdown().catch(() => {})));
  });
  console.error(`${side.label}: ${JSON.stringify(result)}`);
  return result;
}

interface Sent {
  ms: number;
  writer: Client;
}

async function measure(town: BenchTown, side: Side, clients: Client[], followers: Client[], close: () => Promise<void>) {
  const sentAt = new Map<string, Sent>();
  const groupLatencies: number[] = [];
  const poolLatencies: number[] = [];
  /** pool.pay id → the payee's device, which accepts it when it arrives. */
  const payees = new Map<string, Client>();
  const written = { group: 0, pool: 0 };
  let expected = 0;
  let failures = 0;
  const followersOf = new Map<TownGroup, number>();
  for (const f of followers) followersOf.set(f.group, (followersOf.get(f.group) ?? 0) + 1);

  /** Writes the records into the writer's group documents (and, on the stock relay, into P's: it has no carrier); returns when the measured one was written. */
  const send = async (writer: Client, records: SignedRecord[], pool: boolean): Promise<void> => {
    const measured = records[records.length - 1]!;
    sentAt.set(measured.id, { ms: Date.now(), writer });
    expected += writer.group.members.length - 1 + (pool ? followers.length - (followersOf.get(writer.group) ?? 0) : 0);
    if (pool) written.pool++;
    else written.group++;
    await writer.docs.write(records);
    if (pool && !side.carries) {
      const present = writer.pool!.presentIds();
      await writer.pool!.write(carriedRecords(town, writer.group).filter((r) => !present.has(r.id)));
    }
  };
  const accept = (payee: Client, payId: string, payer: Client) =>
    writeOnTownChain(payee.group, payee.member, "pool.accept", { pool: town.poolId, fromGroup: payer.group.groupId, payment: hexToBytes(payId), payee: payee.member.member.publicKey })
      .then((records) => send(payee, records, true))
      .catch(() => failures++);
  const arrived = (client: Client, ids: readonly { id: string }[]) => {
    const now = Date.now();
    for (const { id } of ids) {
      const sent = sentAt.get(id);
      if (sent === undefined || sent.writer === client || client.seen.has(id)) continue;
      client.seen.add(id);
      (sent.writer.group === client.group ? groupLatencies : poolLatencies).push(now - sent.ms);
      if (payees.get(id) === client) void accept(client, id, sent.writer);
    }
  };
  for (const client of clients) {
    client.docs.onRecords(({ added }) => arrived(client, added));
    client.pool?.onRecords(({ added }) => arrived(client, added));
  }

  let messages = 0;
  for (const client of clients) client.repo.networkSubsystem.on("message", () => messages++);
  let peakRssMb = side.rssMb();
  const rssTimer = setInterval(() => (peakRssMb = Math.max(peakRssMb, side.rssMb())), 1_000);
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const started = Date.now();
  const writers = clients.map(async (client, i) => {
    // Starts spread over one interval in an order that mixes the groups (7,919 is prime), so a run shorter than the interval still loads every group.
    const startMs = (((i * 7_919) % clients.length) * INTERVAL_MS) / clients.length;
    if (startMs >= DURATION_MS) return;
    await new Promise((r) => setTimeout(r, startMs));
    for (let n = 0; Date.now() - started < DURATION_MS; n++) {
      const payee = client.pool && (i + n) % POOL_ONE_IN === 0 ? payeeFor(followers, client, i + n) : null;
      const records = payee
        ? await writeOnTownChain(client.group, client.member, "pool.pay", {
            pool: town.poolId,
            payer: client.member.member.publicKey,
            toGroup: payee.group.groupId,
            payee: payee.member.member.publicKey,
            minutes: 30,
            description: `Help across the town ${n}`,
          })
        : [await proposal(client, n)];
      if (payee) payees.set(records[records.length - 1]!.id, payee);
      await send(client, records, payee !== null).catch(() => failures++);
      // No wait past the end of the run: it would only hold the results back.
      if (Date.now() - started + INTERVAL_MS >= DURATION_MS) break;
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  });
  await Promise.all(writers);
  const delivered = () => groupLatencies.length + poolLatencies.length;
  await waitUntil(() => delivered() >= expected, 60_000).catch(() => {});
  lag.disable();
  clearInterval(rssTimer);
  await close();
  const all = [...groupLatencies, ...poolLatencies].sort((a, b) => a - b);
  groupLatencies.sort((a, b) => a - b);
  poolLatencies.sort((a, b) => a - b);
  return {
    written: written.group + written.pool,
    writtenPool: written.pool,
    delivered: all.length,
    lost: expected - all.length,
    failures,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    groupP99Ms: percentile(groupLatencies, 99),
    poolDelivered: poolLatencies.length,
    poolP50Ms: percentile(poolLatencies, 50),
    poolP99Ms: percentile(poolLatencies, 99),
    relayRssMb: peakRssMb,
    loadLagP99Ms: Math.round(lag.percentile(99) / 1e6),
    /** Sync messages the devices received during the load. */
    messages,
  };
}

/** A follower of P in another group, chosen in turn. */
function payeeFor(followers: readonly Client[], payer: Client, turn: number): Client | null {
  for (let k = 0; k < followers.length; k++) {
    const candidate = followers[(turn * 7 + k) % followers.length]!;
    if (candidate.group !== payer.group) return candidate;
  }
  return null;
}

/** An exchange proposal to the next member of the writer's group: private to the group, never carried. */
async function proposal(client: Client, n: number): Promise<SignedRecord> {
  const members = client.group.members;
  const other = members[(client.member.index + 1 + (n % (members.length - 1))) % members.length]!;
  const record = await client.member.author.write(
    "exchange.propose",
    { payer: client.member.member.publicKey, payees: [{ account: other.member.publicKey, minutes: 30 }], description: `Help ${n}` },
    { deps: [client.group.govHead] },
  );
  client.group.records.push(record);
  return record;
}

type LoadResult = Awaited<ReturnType<typeof runLoad>>;

async function loadTally(): Promise<LoadResult> {
  const town = await prepareTown(CLIENTS, GROUPS);
  const tally = await launch("sync-server/src/main.ts", {
    DATA_DIR: mkdtempSync(join(tmpdir(), "bench-pool-tally-")),
    // Every simulated device connects from 127.0.0.1: the per-address allowances are raised to match.
    TALLY_LIMITS: JSON.stringify({ connectionsPerIp: CLIENTS * 2 + 10, challengesPerIpPerMinute: CLIENTS * 20, groupsPerIpPerHour: GROUPS * 2 + 10 }),
  });
  try {
    return await runLoad(town, {
      label: "tally",
      carries: true,
      connect: (device, founding, takes) => tallyRepo(tally.url, device, founding, takes),
      rssMb: () => rssMb(tally.child.pid!),
    });
  } finally {
    tally.child.kill("SIGTERM");
  }
}

async function loadStock(): Promise<LoadResult> {
  const town = await prepareTown(CLIENTS, GROUPS);
  const stock = await launch("test/bench/stock-relay.ts", { DATA_DIR: mkdtempSync(join(tmpdir(), "bench-pool-stock-")) });
  try {
    return await runLoad(town, {
      label: "stock",
      carries: false,
      connect: (device, _founding, takes) => stockRepo(stock.url, bytesToHex(device.publicKey).slice(0, 16), takes),
      rssMb: () => rssMb(stock.child.pid!),
    });
  } finally {
    stock.child.kill("SIGTERM");
  }
}

// A timeout inside automerge-repo (a document a starved device waited for) is reported, not fatal: the waits above say whether setup finished.
let reported = 0;
process.on("unhandledRejection", (error) => {
  if (reported++ < 10) console.error(`unhandled: ${(error as Error).message}`);
});

const rounds: { tally: LoadResult; stock: LoadResult }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // BENCH_ONLY_TALLY=1: the Tally side alone, for profiling (no ratio).
  if (process.env.BENCH_ONLY_TALLY) {
    console.error(JSON.stringify(await loadTally()));
    continue;
  }
  const stockFirst = round % 2 === 1 ? await loadStock() : null;
  const tally = await loadTally();
  rounds.push({ tally, stock: stockFirst ?? (await loadStock()) });
  console.error(`round ${round + 1}: ${JSON.stringify(rounds[round])}`);
}
console.log(
  `\npool relay benchmark: ${CLIENTS} devices in ${GROUPS} groups of one pool, ${FOLLOWERS} per group following the pool; one record per device every ${INTERVAL_MS / 1000} s for ${DURATION_MS / 1000} s ` +
    `(a follower's every ${POOL_ONE_IN}th a pool.pay, answered by a pool.accept); ${rounds.length} rounds\n`,
);
console.log("| round | relay | written (pool) | delivered | lost | p50 ms | p99 ms | group p99 ms | pool deliveries | pool p50 ms | pool p99 ms | peak RSS MB | load generator lag p99 ms |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
rounds.forEach((round, i) => {
  for (const [name, r] of [["Tally (pool relay)", round.tally], ["stock automerge-repo", round.stock]] as const) {
    console.log(`| ${i + 1} | ${name} | ${r.written} (${r.writtenPool}) | ${r.delivered} | ${r.lost} | ${r.p50Ms} | ${r.p99Ms} | ${r.groupP99Ms} | ${r.poolDelivered} | ${r.poolP50Ms} | ${r.poolP99Ms} | ${r.relayRssMb} | ${r.loadLagP99Ms} |`);
  }
});
const ratios = rounds.map((r) => r.tally.p99Ms / r.stock.p99Ms);
const poolRatios = rounds.map((r) => r.tally.poolP99Ms / r.stock.poolP99Ms);
console.log(`\np99 ratio Tally / stock per round: ${ratios.map((r) => r.toFixed(2)).join(", ")}; median ${median(ratios).toFixed(2)} (target <= 1.5); pool records alone: median ${median(poolRatios).toFixed(2)}`);
console.log(
  JSON.stringify({ devices: CLIENTS, groups: GROUPS, poolFollowersPerGroup: FOLLOWERS, intervalMs: INTERVAL_MS, durationMs: DURATION_MS, rounds, medianP99Ratio: median(ratios), medianPoolP99Ratio: median(poolRatios) }),
);
process.exit(0);
