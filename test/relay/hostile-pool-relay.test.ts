// A group relay's pool relay (TALLY_POOL_RELAY) is only another peer: a
// hostile one, here a fake speaking the relay protocol by hand, gets every
// message checked as a device's frames are. Garbage, messages under another
// sender, changes to the group's own documents, a change the schema refuses,
// a record of a group that never joined the pool: each is dropped with a
// logged reason, the relay never exits, and the group syncs on.
import { createServer, type Server } from "node:http";
import * as Automerge from "@automerge/automerge";
import { cbor } from "@automerge/automerge-repo";
import { WebSocketServer, type WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexToBytes, newSeed, parseRecord, toBase64Url } from "@tally/core";
import { INDEX_GENESIS, VOLUME_GENESIS, documentIdOf, shardOf, type IndexDoc, type VolumeDoc } from "@tally/documents";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { freePort } from "../support/relay-process.ts";
import { throwawayGroup } from "../support/relay-attacker.ts";
import { superviseRelay, type SupervisedRelay } from "../support/relay-supervisor.ts";

const FAKE_PEER_ID = "pool-relay-fake";

interface FakePoolRelay {
  url: string;
  server: Server;
  /** The group relay's socket and peer id, once it joined. */
  socket: WebSocket | null;
  relayPeerId: string;
  /** Document ids the group relay sent messages about. */
  documents: Set<string>;
}

/** Answers challenges, takes the upgrade, answers join with peer; records what the group relay sends. */
async function fakePoolRelay(): Promise<FakePoolRelay> {
  const port = await freePort();
  const wss = new WebSocketServer({ noServer: true });
  const fake: FakePoolRelay = { url: `ws://127.0.0.1:${port}`, server: createServer(), socket: null, relayPeerId: "", documents: new Set() };
  fake.server.on("request", (request, response) => {
    if (request.url !== "/auth/challenge") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ challenge: toBase64Url(newSeed()), ttlMs: 60_000 }));
  });
  fake.server.on("upgrade", (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws)));
  wss.on("connection", (ws: WebSocket) => {
    ws.on("message", (data: Buffer) => {
      const message = cbor.decode(new Uint8Array(data)) as { type: string; senderId: string; documentId?: string };
      if (message.type === "join") {
        fake.socket = ws;
        fake.relayPeerId = message.senderId;
        ws.send(cbor.encode({ type: "peer", senderId: FAKE_PEER_ID, targetId: message.senderId, peerMetadata: {}, selectedProtocolVersion: "1" }));
      } else if (message.documentId) fake.documents.add(message.documentId);
    });
  });
  await new Promise<void>((resolve) => fake.server.listen(port, "127.0.0.1", resolve));
  return fake;
}

/** A sync message carrying every change of `doc` that `since` lacks. */
function changesOf<T>(since: Automerge.Doc<T>, doc: Automerge.Doc<T>): Uint8Array {
  return Automerge.encodeSyncMessage({ heads: Automerge.getHeads(doc), need: [], have: [{ lastSync: Automerge.getHeads(since), bloom: new Uint8Array() }], changes: Automerge.getChanges(since, doc) });
}

let fake: FakePoolRelay;
let supervised: SupervisedRelay;
let peers: Peer[] = [];
let groupHex = "";
let poolHex = "";

beforeAll(async () => {
  fake = await fakePoolRelay();
  supervised = await superviseRelay({ TALLY_POOL_RELAY: fake.url, TALLY_LIMITS: JSON.stringify({ poolRetryMinMs: 200, poolRetryMaxMs: 2_000 }) });
  ({ groupHex, peers } = await groupOf(supervised.relay.url, ["gil", "hal"]));
  poolHex = (await throwawayGroup("hostile-pool")).groupHex;
  await write(peers[0]!, "pool.join", { pool: hexToBytes(poolHex) });
  await waitFor(() => fake.documents.has(documentIdOf(poolHex, 0)), 60_000, "the group relay to sync the pool's index with its pool relay");
}, 120_000);

afterAll(async () => {
  expect(supervised.exits).toBe(0);
  expect(supervised.log()).not.toMatch(/last-resort/);
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await supervised?.stop();
  fake?.server.close();
});

describe("a hostile pool relay", () => {
  it("gets each bad message dropped with its reason; the relay stays up and its group syncs on", async () => {
    const send = (message: unknown) => fake.socket!.send(message instanceof Uint8Array ? message : cbor.encode(message));
    const to = { senderId: FAKE_PEER_ID, targetId: fake.relayPeerId };
    const outsider = await throwawayGroup("hostile-pool-outsider");
    const outsiderGenesis = outsider.founding[1] as Uint8Array;
    const outsiderId = (parseRecord(outsiderGenesis) as { ok: true; record: { id: string } }).record.id;
    const volumeGenesis = Automerge.load<VolumeDoc>(VOLUME_GENESIS);
    const indexGenesis = Automerge.load<IndexDoc>(INDEX_GENESIS);

    send(Uint8Array.from([0xff, 0x00, 0x13]));
    send(cbor.encode(null));
    send({ type: "sync", senderId: "someone-else", targetId: fake.relayPeerId, documentId: documentIdOf(poolHex, 0), data: new Uint8Array(3) });
    send({ type: "sync", ...to, documentId: documentIdOf(groupHex, 1), data: new Uint8Array(3) });
    send({ type: "ephemeral", ...to, documentId: documentIdOf(poolHex, 0), data: new Uint8Array(3) });
    send({ type: "sync", ...to, documentId: documentIdOf(poolHex, 0), data: changesOf(indexGenesis, Automerge.change(Automerge.clone(indexGenesis), (doc) => void (doc.volumes["999999"] = true))) });
    send({
      type: "sync",
      ...to,
      documentId: documentIdOf(poolHex, 1),
      data: changesOf(volumeGenesis, Automerge.change(Automerge.clone(volumeGenesis), (doc) => void (doc.records[shardOf(outsiderId)]![outsiderId] = outsiderGenesis))),
    });

    const dropped = () => supervised.log().split("\n").filter((line) => line.includes("pool relay message dropped"));
    await waitFor(() => dropped().length >= 5, 60_000, "five messages dropped");
    const reasons = dropped().join("\n");
    expect(reasons).toContain("not a message of the pool relay's own");
    expect(reasons).toContain(`a document that is not of a pool this relay's groups joined (${documentIdOf(groupHex, 1)})`);
    expect(reasons).toContain("message dropped: unknown message type");
    expect(reasons).toMatch(/index lists volume 999999, over the cap/);
    expect(reasons).toMatch(/group [0-9a-f]{8} has no valid pool\.join of pool/);

    expect((await fetch(`${supervised.relay.url}/health`)).status).toBe(200);
    const [gil, hal] = peers as [Peer, Peer];
    const record = await write(gil, "listing.create", { type: "offer", title: "Still here", category: "repairs" });
    await waitFor(() => hal.replica!.docs.presentIds().has(record.id), 30_000, "honest sync after the attacks");
    expect(Object.keys(gil.replica!.view().groups)).not.toContain(outsider.groupHex);
  }, 120_000);
});
