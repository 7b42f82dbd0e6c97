// 10,000 malformed frames against a running relay: each closes only its own
// socket; the relay stays up, its memory stays bounded, honest peers keep syncing.
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { cbor } from "@automerge/automerge-repo";
import { fromBase64Url, newSeed, signRelayAuth, signerFromSeed } from "@tally/core";
import { peerIdOf } from "../support/relay-attacker.ts";
import { rssMb } from "../support/relay-memory.ts";
import { countLogged } from "../support/relay-supervisor.ts";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";
import { bytesFrom } from "../support/deterministic-bytes.ts";

const FRAMES = 10_000;
const CONCURRENCY = 16;
const MAX_FRAME_BYTES = 256 * 1024;
let relay: RelayProcess | null = null;
let peers: Peer[] = [];

afterAll(async () => {
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await relay?.kill();
});


function frame(n: number, peerId: string): Uint8Array {
  const join = cbor.encode({ type: "join", senderId: peerId, peerMetadata: {}, supportedProtocolVersions: ["1"] });
  switch (n % 8) {
    case 0:
      return bytesFrom(n, 1 + (n % 300)); // random bytes
    case 1:
      return join.subarray(0, Math.max(1, (n % join.length) - 1)); // truncated message
    case 2:
      return cbor.encode({ type: "evil", senderId: peerId, targetId: "relay" }); // unknown type
    case 3:
      return new Uint8Array([0xf6]); // CBOR null: crashes a stock automerge-repo 2.5.6 relay
    case 4:
      return cbor.encode({ type: "sync", senderId: "someone-else", targetId: "relay-0.1.0", documentId: "x", data: new Uint8Array(3) }); // spoofed sender
    case 5:
      return cbor.encode([1, 2, 3]); // not a message
    case 6:
      return cbor.encode({ type: "sync", senderId: peerId, targetId: "relay-0.1.0", documentId: "../../etc", data: bytesFrom(n, 50) }); // bad document id
    default:
      return n % 1000 === 7 ? new Uint8Array(MAX_FRAME_BYTES + 1) : cbor.encode({ type: "request", senderId: peerId }); // oversized / incomplete
  }
}

async function connect(url: string): Promise<{ socket: WebSocket; peerId: string }> {
  const device = await signerFromSeed(newSeed());
  const { challenge } = (await (await fetch(`${url}/auth/challenge`)).json()) as { challenge: string };
  const peerId = peerIdOf(device);
  const auth = await signRelayAuth(device, fromBase64Url(challenge)!, peerId);
  const socket = new WebSocket(`${url.replace("http", "ws")}/sync?auth=${auth}`);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { socket, peerId };
}

describe("fuzzed frames", () => {
  it(`${FRAMES} malformed frames close only their sockets; the relay stays up and honest peers keep syncing`, { timeout: 240_000 }, async () => {
    // This file is about frames: one address may ask for as many challenges as it likes here (test/relay/hostile-*.test.ts bounds them).
    relay = await startRelayProcess({ TALLY_LIMITS: JSON.stringify({ maxFrameBytes: MAX_FRAME_BYTES, challengesPerIpPerMinute: 1_000_000 }) });
    ({ peers } = await groupOf(relay.url, ["ann", "bea"]));
    const [ann, bea] = peers as [Peer, Peer];
    const baselineMb = rssMb(relay.child.pid!);

    let sent = 0;
    let closed = 0;
    let honest = 0;
    const fuzzers = Array.from({ length: CONCURRENCY }, async () => {
      while (sent < FRAMES) {
        const n = sent++;
        const { socket, peerId } = await connect(relay!.url);
        const closedNow = new Promise<void>((resolve) => socket.once("close", () => resolve()));
        socket.on("error", () => {});
        socket.send(frame(n, peerId));
        await closedNow;
        closed++;
        if (n % 1000 === 0) {
          // Honest traffic goes on meanwhile.
          const record = await write(ann, "listing.create", { type: "offer", title: `Offer ${n}`, category: "lifts" });
          await waitFor(() => bea.replica!.docs.presentIds().has(record.id), 60_000, "honest sync during fuzzing");
          honest++;
        }
      }
    });
    await Promise.all(fuzzers);
    expect(closed).toBeGreaterThanOrEqual(FRAMES);
    expect(honest).toBeGreaterThanOrEqual(FRAMES / 1000);

    expect(rssMb(relay.child.pid!)).toBeLessThan(Math.max(300, baselineMb + 150));
    const record = await write(bea, "listing.create", { type: "request", title: "Still here?", category: "lifts" });
    await waitFor(() => ann.replica!.docs.presentIds().has(record.id), 60_000, "honest sync after fuzzing");
    expect(relay.child.exitCode).toBeNull();
    // The guard itself refused them (not some crash that happened to close sockets).
    await waitFor(() => countLogged(relay!.logs.join(""), "rejected frame") > FRAMES * 0.9, 60_000, "the refusals logged or summarised");
    // And the log stays small: refused frames are summarised past a few hundred lines a minute.
    expect(relay.logs.join("").length).toBeLessThan(2_000_000);
  });
});
