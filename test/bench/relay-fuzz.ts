// The fuzz run of `npm run bench:relay`: over a million frames from the
// devices of a real member of a group (the deepest any frame can reach),
// mixed from what the relay must serve and what it must refuse: valid sync
// messages, requests for unknown and over-the-cap documents, and, to end each
// connection, one hostile frame — malformed bytes and CBOR, but mostly valid
// CBOR and valid Automerge changes with hostile content (junk records, a
// volume numbered 100001, 3,000 volumes, a replaced structure, text and
// lists, records under another id or of another group). Meanwhile two honest
// members keep writing. Reports frames, exits, peak RSS and log size.
import * as Automerge from "@automerge/automerge";
import type { ChildProcess } from "node:child_process";
import WebSocket from "ws";
import { Repo, cbor, parseAutomergeUrl, stringifyAutomergeUrl, type PeerId } from "@automerge/automerge-repo";
import { DeviceAuthor, bytesToHex, createGroup, hexToBytes, sha256, signerFromSeed, utf8, type SignedRecord, type Signer } from "@tally/core";
import { GroupDocuments, INDEX_GENESIS, VOLUME_GENESIS, documentIdOf, type IndexDoc, type VolumeDoc } from "@tally/documents";
import { RelayClientAdapter } from "@tally/documents";
import { RELAY_PEER_ID, connectRaw, peerIdOf, throwawayGroup, type RawConnection } from "../support/relay-attacker.ts";
import { peakRssMb } from "../support/relay-memory.ts";
import { bytesFrom } from "../support/deterministic-bytes.ts";

/** What the fuzz relay is started with: one address stands for many devices here, and frames are limited only by the machine. */
export const FUZZ_LIMITS = { messagesPerSecond: 1_000_000, messageBurst: 1_000_000, challengesPerIpPerMinute: 1_000_000, connectionsPerIp: 1_000, groupsPerIpPerHour: 1_000 };

const FUZZERS = 8;
const SERVED_PER_CONNECTION = 500;
const PING_EVERY = 250;
/** Distinct served frames per fuzzer, encoded once (each fuzzer keeps one peer id). */
const SERVED_POOL = 4_000;

export interface FuzzResult {
  frames: number;
  connections: number;
  hostileAutomerge: number;
  malformed: number;
  closedByRelay: number;
  notClosed: number;
  exits: number;
  peakRssMb: number;
  logMb: number;
  honestWritten: number;
  honestDelivered: number;
  honestP99Ms: number;
  seconds: number;
}

interface FuzzGroup {
  groupHex: string;
  founder: { device: Signer; author: DeviceAuthor };
  members: Signer[];
  setup: SignedRecord[];
}

async function fuzzGroup(label: string, size: number): Promise<FuzzGroup> {
  const signer = (name: string) => signerFromSeed(sha256(utf8(`bench-fuzz/${label}/${name}`)));
  const member = await signer("member/0");
  const device = await signer("device/0");
  const created = await createGroup(member, device, { name: `Fuzz ${label}`, founderName: "Coordinator", nonce: sha256(utf8(`fuzz/${label}`)).slice(0, 16), creditLimitMinutes: 600, joiningBonusMinutes: 0, confirmation: "both" });
  const setup = [...created.records];
  const members: Signer[] = [];
  for (let i = 1; i <= size; i++) {
    const memberKey = await signer(`member/${i}`);
    const memberDevice = await signer(`device/${i}`);
    const { author, record } = await DeviceAuthor.certified(memberKey, memberDevice, created.groupId);
    const join = await author.write("member.join", { name: `Member ${i}`, memberKind: "person" }, { deps: [created.records[1]!.id] });
    setup.push(record, join, await created.author.write("member.approve", { join: hexToBytes(join.id) }, { deps: [join.id] }));
    members.push(memberDevice);
  }
  return { groupHex: bytesToHex(created.groupId), founder: { device, author: created.author }, members, setup };
}

function relayRepo(url: string, device: Signer, founding: Uint8Array[] = []): Repo {
  return new Repo({
    network: [new RelayClientAdapter({ relayUrl: url, device, WebSocket: WebSocket as never, founding: () => founding, minRetryMs: 100, maxRetryMs: 1_000 })],
    peerId: peerIdOf(device, Math.random().toString(36).slice(2, 8)) as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
}

/** Sync data carrying every change of `doc` past `since`. */
function changesData(since: Automerge.Doc<unknown>, doc: Automerge.Doc<unknown>): Uint8Array {
  return Automerge.encodeSyncMessage({ heads: Automerge.getHeads(doc), need: [], have: [{ lastSync: Automerge.getHeads(since), bloom: new Uint8Array() }], changes: Automerge.getChanges(since, doc) });
}


function unknownDocumentId(n: number): string {
  const bytes = bytesFrom(n + 7, 16);
  return parseAutomergeUrl(stringifyAutomergeUrl(bytes as never)).documentId;
}

/** Hostile Automerge content, built once: each is a valid sync message whose changes the relay must refuse. */
async function hostileChanges(group: FuzzGroup, someRecord: SignedRecord): Promise<Uint8Array[]> {
  const volume = Automerge.load<VolumeDoc>(VOLUME_GENESIS);
  const index = Automerge.load<IndexDoc>(INDEX_GENESIS);
  const onVolume = (change: (doc: VolumeDoc) => void) => changesData(volume, Automerge.change(Automerge.clone(volume), change));
  const onIndex = (change: (doc: IndexDoc) => void) => changesData(index, Automerge.change(Automerge.clone(index), change));
  const other = await throwawayGroup("fuzz-other-group");
  const id = someRecord.id;
  const shard = id.slice(0, 2);
  return [
    onVolume((doc) => void (doc.records[shard]![id] = bytesFrom(1, 3_000))), // junk in place of a record
    onVolume((doc) => void (doc.records[shard]![id] = new Uint8Array(200_000))), // far over the record size limit
    onVolume((doc) => void (doc.records["ab"]!["ab".padEnd(64, "0")] = someRecord.envelope)), // a real record under another id
    onVolume((doc) => void (doc.records[shard]![id] = other.founding[1]!)), // another group's record
    onVolume((doc) => void ((doc as unknown as { records: string }).records = "gone")), // the structure replaced by text
    onVolume((doc) => void delete doc.records[shard]), // a shard map deleted
    onVolume((doc) => void ((doc as unknown as Record<string, unknown>).junk = Array.from({ length: 2_000 }, (_, i) => i))), // a list
    onIndex((doc) => void (doc.volumes["100001"] = true)), // a volume number past every limit
    onIndex((doc) => {
      for (let n = 1; n <= 3_000; n++) doc.volumes[String(n)] = true; // 3,000 volumes in one change
    }),
    onIndex((doc) => void ((doc.volumes as Record<string, unknown>)["1"] = "yes")), // an index entry that is not true
    Automerge.encodeSyncMessage({ heads: [], need: [], have: [], changes: [new Uint8Array([0x85, 0x6f, 0x4a, 0x83, 1, 2, 3, 4, 1, 5, 9, 9, 9, 9, 9])] }), // a change chunk that does not decode
  ];
}

/** Frames that end a connection: malformed bytes and CBOR, and hostile content in valid messages. */
function hostileFrame(n: number, peerId: string, group: FuzzGroup, hostile: Uint8Array[]): { bytes: Uint8Array; automerge: boolean } {
  const to = { senderId: peerId, targetId: RELAY_PEER_ID };
  const kind = n % (hostile.length + 8);
  if (kind < hostile.length) {
    const documentId = documentIdOf(group.groupHex, kind < 7 || kind === hostile.length - 1 ? 1 : 0);
    return { bytes: cbor.encode({ type: "sync", ...to, documentId, data: hostile[kind] }), automerge: true };
  }
  const malformed = [
    () => bytesFrom(n, 1 + (n % 300)),
    () => new Uint8Array([0xf6]),
    () => cbor.encode([1, 2, 3]),
    () => cbor.encode({ type: "evil", ...to }),
    () => cbor.encode({ type: "sync", senderId: "someone-else", targetId: RELAY_PEER_ID, documentId: documentIdOf(group.groupHex, 1), data: new Uint8Array(3) }),
    () => cbor.encode({ type: "join", senderId: peerId, peerMetadata: { storageId: "../../etc" } }),
    () => cbor.encode({ type: "sync", ...to, documentId: documentIdOf(group.groupHex, 0), data: bytesFrom(n, 64) }),
    () => cbor.encode({ type: "request", ...to, documentId: documentIdOf(group.groupHex, 0), data: new Uint8Array(1), extra: true }),
  ];
  return { bytes: malformed[kind - hostile.length]!(), automerge: false };
}

/** Frames the relay serves (or answers and drops) with the connection kept open; one in 50 is a full sync round, the costly kind. */
function servedFrame(n: number, peerId: string, group: FuzzGroup, headsOnly: Uint8Array): Uint8Array {
  const to = { senderId: peerId, targetId: RELAY_PEER_ID };
  if (n % 50 === 0) return cbor.encode({ type: "sync", ...to, documentId: documentIdOf(group.groupHex, (n / 50) % 3), data: headsOnly });
  switch (n % 4) {
    case 0:
      return cbor.encode({ type: "request", ...to, documentId: unknownDocumentId(n), data: headsOnly });
    case 1:
      return cbor.encode({ type: "sync", ...to, documentId: documentIdOf(group.groupHex, 33 + (n % 90_000)), data: headsOnly }); // over the volume cap
    case 2:
      return cbor.encode({ type: "doc-unavailable", ...to, documentId: documentIdOf(group.groupHex, 2) });
    default:
      return cbor.encode({ type: "remote-subscription-change", ...to, add: ["0b8a4c39-55b2-4c1e-9e0e-2c5a3f5e7d11"] });
  }
}

/** Waits until the relay has answered everything sent so far: a request for an unknown document is answered in order. */
async function roundTrip(connection: RawConnection, n: number): Promise<boolean> {
  const documentId = unknownDocumentId(1_000_000_000 + n);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), 30_000);
    const onMessage = (data: Buffer) => {
      const message = cbor.decode(new Uint8Array(data)) as { documentId?: string };
      if (message.documentId === documentId) done(true);
    };
    const onClose = () => done(false);
    function done(answered: boolean): void {
      clearTimeout(timer);
      connection.socket.off("message", onMessage);
      connection.socket.off("close", onClose);
      resolve(answered);
    }
    connection.socket.on("message", onMessage);
    connection.socket.on("close", onClose);
    connection.send({ type: "request", senderId: connection.peerId, targetId: RELAY_PEER_ID, documentId, data: EMPTY_SYNC });
  });
}

const EMPTY_SYNC = Automerge.generateSyncMessage(Automerge.init(), Automerge.initSyncState())[1]!;

export async function runFuzz(url: string, relay: ChildProcess, targetFrames: number): Promise<FuzzResult> {
  let exits = 0;
  relay.once("exit", () => exits++);
  let logBytes = 0;
  relay.stdout?.on("data", (chunk: Buffer) => (logBytes += chunk.length));

  // The fuzzing devices are approved members of a group; two more members are honest and keep writing.
  const group = await fuzzGroup("bench", FUZZERS);
  const honest = await fuzzGroup("honest", 1);
  const founders = [relayRepo(url, group.founder.device, group.setup.slice(0, 2).map((r) => r.envelope)), relayRepo(url, honest.founder.device, honest.setup.slice(0, 2).map((r) => r.envelope))];
  await (await GroupDocuments.open(founders[0]!, group.groupHex)).write(group.setup.map((r) => ({ id: r.id, envelope: r.envelope })));
  const writerDocs = await GroupDocuments.open(founders[1]!, honest.groupHex);
  await writerDocs.write(honest.setup.map((r) => ({ id: r.id, envelope: r.envelope })));
  const readerRepo = relayRepo(url, honest.members[0]!);
  const readerDocs = await GroupDocuments.open(readerRepo, honest.groupHex);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  readerDocs.onRecords(({ added }) => {
    for (const record of added) {
      const sent = sentAt.get(record.id);
      if (sent !== undefined) latencies.push(Date.now() - sent);
    }
  });

  const headsOnly = Automerge.generateSyncMessage(Automerge.load(INDEX_GENESIS), Automerge.initSyncState())[1]!;
  const hostile = await hostileChanges(group, group.setup[2]!);
  // The relay knows the members once it has judged the setup records: a member's request is then answered with the document.
  for (const deadline = Date.now() + 60_000; ; ) {
    const probe = await connectRaw(url, { device: group.members[0]! });
    probe.send({ type: "join", senderId: probe.peerId, peerMetadata: {} });
    probe.send({ type: "request", senderId: probe.peerId, targetId: RELAY_PEER_ID, documentId: documentIdOf(group.groupHex, 1), data: Automerge.generateSyncMessage(Automerge.init(), Automerge.initSyncState())[1]! });
    await new Promise((r) => setTimeout(r, 500));
    probe.socket.close();
    if (probe.received.some((m) => m.type === "sync")) break;
    if (Date.now() > deadline) throw new Error("the relay never admitted the fuzzing members");
  }

  const started = Date.now();
  let writing = true;
  const writer = (async () => {
    for (let n = 0; writing; n++) {
      const record = await honest.founder.author.write("listing.create", { type: "offer", title: `During fuzz ${n}`, category: "bench" }, { deps: [] });
      sentAt.set(record.id, Date.now());
      await writerDocs.write([{ id: record.id, envelope: record.envelope }]);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();

  const counts = { frames: 0, connections: 0, hostileAutomerge: 0, malformed: 0, closedByRelay: 0, notClosed: 0 };
  let peak = 0;
  const sampler = setInterval(() => relay.pid && exits === 0 && (peak = Math.max(peak, peakRssMb(relay.pid))), 1_000);
  await Promise.all(
    group.members.map(async (device, f) => {
      const peerId = peerIdOf(device, `fuzzer${f}`);
      const served = Array.from({ length: SERVED_POOL }, (_, i) => servedFrame(f * 1_000_003 + i, peerId, group, headsOnly));
      for (let c = 0; counts.frames < targetFrames && exits === 0; c++) {
        const connection = await connectRaw(url, { device, peerId });
        counts.connections++;
        connection.send({ type: "join", senderId: connection.peerId, peerMetadata: { storageId: "6f1b6a2e-8c1d-4b7e-9a55-0d3c2b1a9e8f", isEphemeral: false } });
        counts.frames++;
        const seed = f * 1_000_003 + c * SERVED_PER_CONNECTION;
        for (let i = 0; i < SERVED_PER_CONNECTION; i++) {
          connection.socket.send(served[(c * SERVED_PER_CONNECTION + i) % SERVED_POOL]!);
          counts.frames++;
          if (i % PING_EVERY === PING_EVERY - 1) {
            counts.frames++;
            if (!(await roundTrip(connection, seed + i))) break;
          }
        }
        const last = hostileFrame(seed, connection.peerId, group, hostile);
        connection.send(last.bytes);
        counts.frames++;
        if (last.automerge) counts.hostileAutomerge++;
        else counts.malformed++;
        const closed = await Promise.race([connection.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
        if (closed) counts.closedByRelay++;
        else {
          counts.notClosed++;
          connection.socket.terminate();
        }
      }
    }),
  );
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  writing = false;
  await writer;
  const deadline = Date.now() + 20_000;
  while (latencies.length < sentAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (relay.pid && exits === 0) peak = Math.max(peak, peakRssMb(relay.pid));
  await Promise.all([...founders, readerRepo].map((repo) => repo.shutdown().catch(() => {})));
  latencies.sort((a, b) => a - b);
  return {
    ...counts,
    exits,
    peakRssMb: peak,
    logMb: Math.round((logBytes / 1024 / 1024) * 100) / 100,
    honestWritten: sentAt.size,
    honestDelivered: latencies.length,
    honestP99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? NaN,
    seconds: Math.round(seconds),
  };
}
