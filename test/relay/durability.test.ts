// "Synced" means on the relay's disk: the relay is killed with SIGKILL while
// members write; every record it had reported as held to any device must be
// in its stored documents, and devices resync within seconds of its restart.
import { afterAll, describe, expect, it } from "vitest";
import { closePeer, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";
import { killCycle } from "../support/kill-cycle.ts";

const KILLS = 4;
let relay: RelayProcess | null = null;
let peers: Peer[] = [];

let writing = false;

afterAll(async () => {
  writing = false; // a failed check leaves the writers running: stop them before their stores close
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await relay?.kill();
});

describe("relay killed under continuous writes", () => {
  it(`reports nothing as held that it has not stored, over ${KILLS} kill -9 cycles`, { timeout: 180_000 }, async () => {
    relay = await startRelayProcess();
    let groupHex: string;
    ({ peers, groupHex } = await groupOf(relay.url, ["ann", "bea", "cal"]));
    const written = new Map<Peer, string[]>(peers.map((p) => [p, []]));
    writing = true;
    const writers = peers.map(async (peer) => {
      for (let n = 0; writing; n++) {
        const record = await write(peer, "listing.create", { type: "offer", title: `Offer ${n} from ${peer.name}`, category: "gardening" });
        written.get(peer)!.push(record.id);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    let acknowledged = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const cycle = await killCycle(relay, groupHex, written, { liveMs: 700 + kill * 300, downMs: 200 });
      acknowledged += cycle.acknowledged;
      if (process.env.TALLY_TEST_VERBOSE) console.log(`kill ${kill + 1}: ${cycle.acknowledged} acknowledged, ${cycle.missing.length} missing, resync ${cycle.resyncMs} ms`);
      expect(cycle.missing, `kill ${kill + 1}: records reported as held but not on the relay's disk`).toEqual([]);
      // How fast is for the bench to say (bench:relay's kill cycles); here only that devices do come back.
      expect(cycle.resyncMs, `kill ${kill + 1}: resync`).toBeLessThan(60_000);
    }
    writing = false;
    await Promise.all(writers);
    // The check above is not empty: the relay had acknowledged records before each kill.
    expect(acknowledged).toBeGreaterThan(KILLS * 5);
  });
});
