// The relay bench's kill -9 part: a real relay process killed with SIGKILL at
// varied moments while three members write without pause; after each kill,
// every record it had reported as held must be in its stored documents, and
// the devices must resync with the restarted relay. Measured beside the
// relay's own restart time (launch to listening) in the same run.
import { APP_RETRY_MS } from "@tally/documents";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { killCycle } from "../support/kill-cycle.ts";
import { startRelayProcess } from "../support/relay-process.ts";

export interface KillCyclesResult {
  cycles: number;
  written: number;
  acknowledged: number;
  acknowledgedButMissing: number;
  lostAfterResync: number;
  longestResyncMs: number;
  medianResyncMs: number;
  medianRestartMs: number;
}

/** The app's reconnect backoff unless told otherwise (BENCH_KILL_RETRY_MS="min,max"). */
const [minRetryMs, maxRetryMs] = (process.env.BENCH_KILL_RETRY_MS ?? `${APP_RETRY_MS.min},${APP_RETRY_MS.max}`).split(",").map(Number) as [number, number];

export async function runKillCycles(cycles: number, log: (line: string) => void): Promise<KillCyclesResult> {
  const relay = await startRelayProcess();
  const { groupHex, peers } = await groupOf(relay.url, ["ann", "bea", "cal"], { retryMs: { min: minRetryMs, max: maxRetryMs } });
  const written = new Map<Peer, string[]>(peers.map((p) => [p, []]));
  let writing = true;
  const writers = peers.map(async (peer) => {
    for (let n = 0; writing; n++) {
      const record = await write(peer, "listing.create", { type: "offer", title: `Offer ${n} from ${peer.name}`, category: "bench" });
      written.get(peer)!.push(record.id);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const pause = delays(11);
  const resyncs: number[] = [];
  const restarts: number[] = [];
  let acknowledged = 0;
  let missing = 0;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const result = await killCycle(relay, groupHex, written, { liveMs: 200 + pause(), downMs: pause() / 2 });
    acknowledged += result.acknowledged;
    missing += result.missing.length;
    resyncs.push(result.resyncMs);
    restarts.push(result.restartMs);
    if (cycle % 10 === 0 || result.missing.length > 0) {
      log(`kill ${cycle}: ${acknowledged} acknowledged so far, ${missing} missing, longest resync ${Math.max(...resyncs)} ms, this one ${result.resyncMs} ms`);
    }
  }
  writing = false;
  await Promise.all(writers);
  const all = [...written.values()].flat();
  await waitFor(() => peers.every((p) => all.every((id) => p.replica!.docs.presentIds().has(id))), 120_000, "final resync").catch(() => {});
  const lost = all.filter((id) => !peers.every((p) => p.replica!.docs.presentIds().has(id))).length;
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await relay.kill("SIGTERM");
  return {
    cycles,
    written: all.length,
    acknowledged,
    acknowledgedButMissing: missing,
    lostAfterResync: lost,
    longestResyncMs: Math.max(...resyncs),
    medianResyncMs: median(resyncs),
    medianRestartMs: median(restarts),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Deterministic pauses of 0–1,200 ms, so a run can be replayed. */
function delays(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % 1200;
  };
}

/** The relay bench's lines for this part. */
export function printKillCycles(r: KillCyclesResult): void {
  console.log(`\nkill -9 under continuous writes: ${r.cycles} cycles, ${r.written} records written, ${r.acknowledged} acknowledgements checked against the relay's disk\n`);
  console.log("| acknowledged but missing | lost after resync | longest resync ms | median resync ms | baseline: median relay restart ms (launch to listening) |");
  console.log("|---|---|---|---|---|");
  console.log(`| ${r.acknowledgedButMissing} (must be 0) | ${r.lostAfterResync} | ${r.longestResyncMs} (target < 5000) | ${r.medianResyncMs} | ${r.medianRestartMs} |`);
  console.log(JSON.stringify({ killCycles: r }));
}

// Run alone: node --import tsx test/bench/kill-cycles.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  printKillCycles(await runKillCycles(Number(process.env.BENCH_KILL_CYCLES ?? 100), (line) => console.error(line)));
  process.exit(0);
}
