// Connections as a weapon, against a real relay under a supervisor that
// counts exits, run with a small open-file limit (`ulimit -n 256`) as a small
// server would be: over a thousand idle sockets from many addresses, idle
// WebSockets, and an invite used past its limit across a restart. The relay
// never runs out of file descriptors, closes what idles, and honest members
// keep syncing.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePeer, invite, newPeer, requestToJoin, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { closedWithin, connectRaw, join } from "../support/relay-attacker.ts";
import { countLogged, superviseRelay, type SupervisedRelay } from "../support/relay-supervisor.ts";

const OPEN_FILES = 256;
const PER_ADDRESS = 40;
const IDLE_MS = 3_000;
let supervised: SupervisedRelay;
let peers: Peer[] = [];
let groupHex = "";

beforeAll(async () => {
  supervised = await superviseRelay({
    OPEN_FILES: String(OPEN_FILES),
    TALLY_LIMITS: JSON.stringify({ connectionsPerIp: PER_ADDRESS, requestHeadTimeoutMs: 2_000, idleConnectionMs: IDLE_MS, joinsPerInvite: 2 }),
  });
  ({ groupHex, peers } = await groupOf(supervised.relay.url, ["ann", "bea"]));
}, 90_000);

afterAll(async () => {
  expect(supervised.exits).toBe(0);
  expect(supervised.log()).not.toMatch(/last-resort|EMFILE/);
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await supervised?.stop();
});

async function honestStillSyncing(label: string): Promise<void> {
  const [ann, bea] = peers as [Peer, Peer];
  const record = await write(ann, "listing.create", { type: "offer", title: `After ${label}`, category: "lifts" });
  await waitFor(() => bea.replica!.docs.presentIds().has(record.id), 30_000, `honest sync after ${label}`);
  expect(supervised.exits).toBe(0);
}

/** A TCP connection that never says a word; resolves with the socket once connected (or null if refused outright). */
function idleSocket(port: number, from: string): Promise<{ socket: Socket; closed: Promise<void> } | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: from });
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.resume(); // read what the relay says (a 408), or "close" never comes
    socket.once("connect", () => resolve({ socket, closed }));
    socket.once("error", () => resolve(null));
  });
}

describe("connections as a weapon", () => {
  it("1,100 idle sockets from 28 addresses: capped per address and below the open-file limit, all closed for idling, honest members keep syncing", { timeout: 120_000 }, async () => {
    const before = snapshot(peers[0]!);
    const opened: { socket: Socket; closed: Promise<void> }[] = [];
    for (let a = 0; a < 28; a++) {
      const from = `127.0.0.${a + 2}`;
      const batch = await Promise.all(Array.from({ length: 40 }, () => idleSocket(supervised.relay.port, from)));
      for (const each of batch) if (each) opened.push(each);
      if (opened.length >= 1_100) break;
    }
    expect(opened.length).toBeGreaterThanOrEqual(1_100);
    await honestStillSyncing("1,100 idle sockets");
    // Every idle socket is closed by the relay: at once past a cap, or when it has sent no request head in time.
    await Promise.all(opened.map((o) => o.closed));
    const log = supervised.log();
    expect(countLogged(log, "refused connection")).toBeGreaterThan(0);
    expect(log).toMatch(new RegExp(`accepting up to ${OPEN_FILES - 128} connections, ${PER_ADDRESS} per address`));
    await honestStillSyncing("the idle sockets closed");
    for (const id of before.records) expect(peers[1]!.replica!.docs.presentIds().has(id)).toBe(true);
  });

  it("one address cannot hold more than its share", async () => {
    const from = "127.0.0.99";
    const sockets = (await Promise.all(Array.from({ length: PER_ADDRESS + 10 }, () => idleSocket(supervised.relay.port, from)))).filter((s) => s !== null);
    // Those past the share are closed at once; the share itself later, for idling.
    let closedSoon = 0;
    await Promise.all(sockets.map((s) => Promise.race([s.closed.then(() => closedSoon++), new Promise((r) => setTimeout(r, 1_000))])));
    expect(closedSoon).toBeGreaterThanOrEqual(10);
    await Promise.all(sockets.map((s) => s.closed));
  });

  it("an authenticated WebSocket that goes quiet is closed; an honest device that goes quiet reconnects by itself", { timeout: 60_000 }, async () => {
    const quiet = await connectRaw(supervised.relay.url);
    join(quiet);
    const closed = await closedWithin(quiet, IDLE_MS * 5);
    expect(closed.code).toBe(1001);
    await honestStillSyncing("idle WebSockets closed");
  });
});

describe("invites", () => {
  it("an invite's join limit holds across a restart", { timeout: 90_000 }, async () => {
    const [ann] = peers as [Peer];
    const text = await invite(ann, groupHex);
    const joiners = await Promise.all(["cat", "dan", "eve"].map((name) => newPeer(name, supervised.relay.url)));
    for (const joiner of joiners.slice(0, 2)) await requestToJoin(joiner, supervised.relay.url, text, groupHex);
    await supervised.restart("SIGKILL");
    await expect(requestToJoin(joiners[2]!, supervised.relay.url, text, groupHex)).rejects.toThrow(/429 .*used too often/);
    await Promise.all(joiners.map((p) => closePeer(p).catch(() => {})));
    await honestStillSyncing("a restart");
  });
});
