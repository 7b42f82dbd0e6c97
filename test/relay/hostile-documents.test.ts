// A hostile member (a real, approved device of the group) edits the group's
// documents by hand, against a real relay under a supervisor that counts
// exits: junk in place of records, a new structure, thousands of volumes, a
// flood past the document size limit. The relay refuses each change before
// it applies or stores it, never exits, and what the group stored is still
// served to everyone, even after a restart with a limit below its size.
import * as Automerge from "@automerge/automerge";
import { readdirSync, statSync } from "node:fs";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeviceAuthor, bytesToHex, hexToBytes } from "@tally/core";
import { INDEX_GENESIS, VOLUME_GENESIS, documentIdOf, type IndexDoc, type VolumeDoc } from "@tally/documents";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { closedWithin, connectRaw, join, sendChanges, throwawayGroup, type RawConnection } from "../support/relay-attacker.ts";
import { rssMb } from "../support/relay-memory.ts";
import { countLogged, superviseRelay, type SupervisedRelay } from "../support/relay-supervisor.ts";

const MAX_DOCUMENT_BYTES = 1024 * 1024;
// Mutable on purpose: the supervisor restarts the relay with this same environment, so an operator's new limit applies after a restart.
const env = { TALLY_LIMITS: JSON.stringify({ maxDocumentBytes: MAX_DOCUMENT_BYTES }) };
let supervised: SupervisedRelay;
let peers: Peer[] = [];
let groupHex = "";

beforeAll(async () => {
  supervised = await superviseRelay(env);
  ({ groupHex, peers } = await groupOf(supervised.relay.url, ["ann", "bea", "mal"]));
}, 90_000);

afterAll(async () => {
  expect(supervised.exits).toBe(0);
  expect(supervised.log()).not.toMatch(/last-resort/);
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await supervised?.stop();
});

function storedBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = joinPath(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? storedBytes(path) : stat.size;
  }
  return total;
}

async function honestStillSyncing(label: string): Promise<void> {
  const [ann, bea] = peers as [Peer, Peer];
  const record = await write(ann, "listing.create", { type: "offer", title: `After ${label}`, category: "lifts" });
  await waitFor(() => bea.replica!.docs.presentIds().has(record.id), 20_000, `honest sync after ${label}`);
  expect(supervised.exits).toBe(0);
}

/** Mal's hostile app: Mal's own device key (a member's), speaking the protocol by hand. */
async function malsApp(): Promise<RawConnection> {
  const connection = await connectRaw(supervised.relay.url, { device: peers[2]!.device });
  join(connection, {});
  return connection;
}

/** Mal's change to a volume, starting from the shared genesis; the relay must close Mal's connection for it. */
async function volumeChangeRefused(change: (doc: VolumeDoc) => void, reason: RegExp): Promise<void> {
  const connection = await malsApp();
  const genesis = Automerge.load<VolumeDoc>(VOLUME_GENESIS);
  sendChanges(connection, documentIdOf(groupHex, 1), genesis, Automerge.change(Automerge.clone(genesis), change));
  const closed = await closedWithin(connection);
  expect(closed.code).toBe(1008);
  expect(closed.reason).toMatch(reason);
}

describe("a member's hand-made changes to the volumes", () => {
  it("junk, a new structure, or a record under the wrong id or group is refused before it is stored", async () => {
    const documents = joinPath(supervised.relay.dataDir, "documents");
    const before = snapshot(peers[0]!);
    const bytesBefore = storedBytes(documents);
    const [ann] = peers as [Peer];
    const real = await ann.store.get(before.records[0]!);
    const someone = before.records[1]!;
    const other = await throwawayGroup("other-group-record");

    await volumeChangeRefused((doc) => void (doc.records[someone.slice(0, 2)]![someone] = new Uint8Array(75 * 1024).fill(0x55)), /record over the size limit/);
    await volumeChangeRefused((doc) => void (doc.records[someone.slice(0, 2)]![someone] = new Uint8Array([0xde, 0xad, 0xbe, 0xef])), /not a record/);
    await volumeChangeRefused((doc) => void (doc.records[someone.slice(0, 2)]![someone] = new Uint8Array(0)), /not a record/);
    await volumeChangeRefused((doc) => void (doc.records[someone.slice(0, 2)]![someone] = other.founding[1]!), /another record's id/);
    await volumeChangeRefused((doc) => {
      const id = "ab".padEnd(64, "0");
      doc.records["ab"]![id] = real!;
    }, /another record's id/);
    await volumeChangeRefused((doc) => void ((doc as unknown as { records: string }).records = "gone"), /outside the record shards/);
    await volumeChangeRefused((doc) => void delete doc.records["ab"], /outside the record shards/);
    await volumeChangeRefused((doc) => void ((doc as unknown as Record<string, unknown>).junk = Array.from({ length: 1000 }, (_, i) => i)), /outside the record shards/);

    expect(storedBytes(documents) - bytesBefore).toBeLessThan(256 * 1024); // honest traffic only (sync states), never the junk
    await honestStillSyncing("junk changes");
    for (const peer of peers.slice(0, 2)) for (const id of before.records) expect(peer.replica!.docs.presentIds().has(id)).toBe(true);
  });

  it("valid records past the document size limit are refused while the relay runs, and Mal's connection stays usable", { timeout: 90_000 }, async () => {
    const mal = peers[2]!;
    const flood: { id: string; envelope: Uint8Array }[] = [];
    // Signed on Mal's chain but never kept by Mal's phone: only the relay is offered them.
    const author = new DeviceAuthor(mal.device, hexToBytes(groupHex), mal.replica!.ledger.chainHead(groupHex, bytesToHex(mal.device.publicKey)));
    for (let i = 0; i < 4_000; i++) flood.push(await author.write("listing.create", { type: "offer", title: `Flood ${i}`, description: "x".repeat(200), category: "junk" }, { deps: [] }));
    const connection = await malsApp();
    const genesis = Automerge.load<VolumeDoc>(VOLUME_GENESIS);
    const flooded = Automerge.change(Automerge.clone(genesis), (doc) => {
      for (const record of flood) doc.records[record.id.slice(0, 2)]![record.id] = record.envelope;
    });
    const refusedBefore = countLogged(supervised.log(), "rejected frame");
    sendChanges(connection, documentIdOf(groupHex, 1), genesis, flooded);
    await waitFor(() => /document full/.test(supervised.log()), 60_000, "the flood refused as over the limit");
    expect(countLogged(supervised.log(), "rejected frame")).toBeGreaterThan(refusedBefore);
    expect(connection.socket.readyState).toBe(connection.socket.OPEN);
    connection.socket.close();
    const ids = peers[0]!.replica!.docs.presentIds();
    expect(flood.some((r) => ids.has(r.id))).toBe(false);
    await honestStillSyncing("a flood of valid records");
  });
});

describe("a member's claims", () => {
  it("a volume claimed and never sent: the relay holds it ready from the shared genesis and answers at once, never waiting on the claimant", async () => {
    const connection = await malsApp();
    const claimed = documentIdOf(groupHex, 7);
    // "I have volume 7 at the genesis' heads": automerge-repo would wait 60 s for it, then fail outside any handler.
    connection.send({ type: "sync", senderId: connection.peerId, targetId: "relay-0.1.0", documentId: claimed, data: Automerge.generateSyncMessage(Automerge.load(VOLUME_GENESIS), Automerge.initSyncState())[1]! });
    await waitFor(() => connection.received.some((m) => m.documentId === claimed && m.type === "sync"), 60_000, "the relay's answer for volume 7");
    connection.socket.close();
    await honestStillSyncing("a claimed volume");
  });
});

describe("a member's hand-made changes to the index", () => {
  it("3,000 volumes in one change are refused at once; up to the cap is bounded work", { timeout: 90_000 }, async () => {
    const genesis = Automerge.load<IndexDoc>(INDEX_GENESIS);
    const rssBefore = rssMb(supervised.relay.child.pid!);
    const connection = await malsApp();
    const started = Date.now();
    sendChanges(
      connection,
      documentIdOf(groupHex, 0),
      genesis,
      Automerge.change(Automerge.clone(genesis), (doc) => {
        for (let n = 1; n <= 3_000; n++) doc.volumes[String(n)] = true;
      }),
    );
    expect((await closedWithin(connection)).reason).toMatch(/volume 33, over the cap of 32/);
    expect(Date.now() - started).toBeLessThan(5_000);

    // At the cap, the relay opens 32 volumes: bounded, and the group goes on.
    const atCap = await malsApp();
    sendChanges(
      atCap,
      documentIdOf(groupHex, 0),
      genesis,
      Automerge.change(Automerge.clone(genesis), (doc) => {
        for (let n = 1; n <= 32; n++) doc.volumes[String(n)] = true;
      }),
    );
    await honestStillSyncing("32 volumes");
    atCap.socket.close();
    expect(rssMb(supervised.relay.child.pid!) - rssBefore).toBeLessThan(200);
  });
});

describe("after a restart", () => {
  it("everything stored is served, even when the operator lowers the document limit below what is stored", { timeout: 120_000 }, async () => {
    const [ann, bea] = peers as [Peer, Peer];
    for (let i = 0; i < 5; i++) await write(ann, "listing.create", { type: "request", title: `Before restart ${i}`, category: "garden" });
    await waitFor(() => JSON.stringify(snapshot(bea).records) === JSON.stringify(snapshot(ann).records), 60_000, "synced before restart");
    const stored = snapshot(ann);
    bea.adapter.setOffline(true);
    await bea.replica!.settled();

    env.TALLY_LIMITS = JSON.stringify({ maxDocumentBytes: 1_000 });
    await supervised.restart("SIGKILL");
    bea.adapter.setOffline(false);
    await waitFor(() => ann.adapter.status === "online" && bea.adapter.status === "online", 60_000, "both back online");
    // A device that has nothing asks for the volume (now far over the limit): it is served all the same.
    const fresh = await connectRaw(supervised.relay.url, { device: bea.device });
    join(fresh, {});
    fresh.send({ type: "request", senderId: fresh.peerId, targetId: "relay-0.1.0", documentId: documentIdOf(groupHex, 1), data: Automerge.generateSyncMessage(Automerge.init(), Automerge.initSyncState())[1]! });
    await waitFor(() => fresh.received.some((m) => m.type === "sync" && m.documentId === documentIdOf(groupHex, 1)), 60_000, "the volume served after restart");
    fresh.socket.close();
    expect(supervised.log()).not.toMatch(/refused document/);
    for (const id of stored.records) expect(ann.replica!.docs.presentIds().has(id)).toBe(true);
  });
});
