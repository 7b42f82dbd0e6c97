// One kill -9 cycle of a relay under writes (for the durability test and the
// relay bench): let it run, note what it has reported to each device as held,
// kill it, compare with its disk, restart it and time the devices' resync.
import { acknowledgedByRelay, recordsOnRelayDisk } from "./relay-disk.ts";
import { waitFor, type Peer } from "./peer.ts";
import type { RelayProcess } from "./relay-process.ts";

export interface KillCycle {
  /** Records the relay had reported as held just before it was killed. */
  acknowledged: number;
  /** Of those, the ones not in its stored documents (must be none). */
  missing: string[];
  /** From the restarted relay listening to every record written before the kill being held again. */
  resyncMs: number;
  /** From launching the relay process to it listening (the floor under any resync). */
  restartMs: number;
}

export async function killCycle(
  relay: RelayProcess,
  groupHex: string,
  written: ReadonlyMap<Peer, readonly string[]>,
  timing: { liveMs: number; downMs: number; resyncTimeoutMs?: number },
): Promise<KillCycle> {
  await new Promise((r) => setTimeout(r, timing.liveMs));
  const acknowledged = new Set<string>();
  const before = new Map<Peer, string[]>();
  for (const [peer, ids] of written) {
    before.set(peer, [...ids]);
    for (const id of acknowledgedByRelay(peer, ids)) acknowledged.add(id);
  }
  await relay.kill("SIGKILL");
  const onDisk = await recordsOnRelayDisk(relay.dataDir, groupHex);
  const missing = [...acknowledged].filter((id) => !onDisk.has(id)).sort();
  await new Promise((r) => setTimeout(r, timing.downMs));
  const launched = Date.now();
  await relay.restart();
  const started = Date.now();
  await waitFor(
    () => [...before].every(([peer, ids]) => acknowledgedByRelay(peer, ids).size === ids.length),
    timing.resyncTimeoutMs ?? 90_000,
    "devices to resync with the restarted relay",
  );
  return { acknowledged: acknowledged.size, missing, resyncMs: Date.now() - started, restartMs: started - launched };
}
