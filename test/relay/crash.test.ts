// The relay is killed with SIGKILL at random moments while five peers write;
// after every restart and resync, no record is missing anywhere.
import { afterAll, describe, expect, it } from "vitest";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";

const KILLS = 20;
let relay: RelayProcess | null = null;
let peers: Peer[] = [];

afterAll(async () => {
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await relay?.kill();
});

/** A deterministic sequence of delays, so a failure can be replayed. */
function* delays(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state % 400;
  }
}

/** Whether every peer's documents hold every one of these records (one look at each peer's documents per call). */
function allHold(peers: Peer[], ids: string[]): boolean {
  return peers.every((peer) => {
    const present = peer.replica!.docs.presentIds();
    return ids.every((id) => present.has(id));
  });
}

describe("relay killed at random moments", () => {
  it(`loses nothing over ${KILLS} kill -9 and restarts`, { timeout: 240_000 }, async () => {
    relay = await startRelayProcess();
    ({ peers } = await groupOf(relay.url, ["ann", "bea", "cal", "dev", "eve"]));
    const written: string[] = [];
    let writing = true;
    const writers = peers.map(async (peer, i) => {
      for (let n = 0; writing; n++) {
        const record = await write(peer, "listing.create", { type: "offer", title: `Offer ${n} from ${peer.name}`, category: "gardening" });
        written.push(record.id);
        await new Promise((r) => setTimeout(r, 120 + i * 11));
      }
    });
    const pause = delays(7);
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((r) => setTimeout(r, 100 + (pause.next().value as number)));
      await relay.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, pause.next().value as number));
      await relay.restart();
      const before = [...written];
      const started = Date.now();
      await waitFor(() => allHold(peers, before), 30_000, `resync after kill ${kill + 1}`);
      if (process.env.TALLY_TEST_VERBOSE) console.log(`kill ${kill + 1}: ${before.length} records, resync ${Date.now() - started} ms`);
    }
    writing = false;
    await Promise.all(writers);
    await waitFor(() => allHold(peers, written), 60_000, "final resync");
    // Documents first, then each replica's ledger catches up with them.
    await waitFor(() => peers.every((p) => p.replica!.view().listings.length === written.length), 60_000, "ledgers caught up");
    for (const peer of peers) {
      const view = peer.replica!.view();
      expect(view.invalid).toEqual([]);
      expect(view.listings.length).toBe(written.length);
    }
    expect(relay.logs.join("")).not.toMatch(/Error|error upgrade/);
  });
});
