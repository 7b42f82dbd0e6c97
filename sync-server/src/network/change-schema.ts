// What a device may change in a group's documents, checked on the sync
// message before automerge-repo applies or stores anything. Honest devices
// only ever (a) share the documents' common genesis, (b) list a volume in the
// index, (c) put a record under its own id in its shard. So a change may only:
//   index:  set volumes[n] = true, for 1 ≤ n ≤ the group's volume cap (or
//           delete it: Automerge's way of settling values several devices set at once);
//   volume: set records[shard][id] = the envelope of the record with that id,
//           within the record size limit; or delete such a key
//           (damage the relay and devices put back from their record stores).
// Anything else (junk bytes, text, lists, counters, a new `records` map, a
// volume numbered 100001) is refused whole, before it costs memory or disk.
// A record of another group is returned as `carried`: only a pool's documents
// may hold one (PROTOCOL §12.8), and whether this one may is decided against
// the relay's records (groups/carried-check.ts) before the change is applied.
import * as Automerge from "@automerge/automerge";
import { MAX_ENVELOPE_BYTES, parseRecord } from "@tally/core";
import { INDEX_GENESIS, SHARDS, VOLUME_GENESIS } from "@tally/documents";

export interface DocumentKind {
  /** Hex of the group id's first 12 bytes, which every record of the group shares. */
  prefix: string;
  /** 0: the index; n ≥ 1: record volume n. */
  n: number;
}

export interface ChangeLimits {
  maxVolumesPerGroup: number;
}

const ID = /^[0-9a-f]{64}$/;
const VOLUME_NUMBER = /^[1-9][0-9]{0,5}$/;

const indexGenesis = Automerge.load<{ volumes: object }>(INDEX_GENESIS);
const volumeGenesis = Automerge.load<{ records: Record<string, object> }>(VOLUME_GENESIS);
const GENESIS_HASHES = new Set([...Automerge.getHeads(indexGenesis), ...Automerge.getHeads(volumeGenesis)]);
const VOLUMES_MAP = Automerge.getObjectId(indexGenesis.volumes) as string;
/** Object id of each shard map of the shared genesis → its shard. */
const SHARD_MAPS = new Map(SHARDS.map((shard) => [Automerge.getObjectId(volumeGenesis.records[shard] as object) as string, shard]));

export interface CheckedSync {
  changeBytes: number;
  hashes: string[];
  /** Envelopes put in the document that are records of another group than the document's. */
  carried: Uint8Array[];
}

/** What the sync message would add to the document (its size, the changes' hashes and records of other groups), or why it is refused. */
export function checkSyncData(kind: DocumentKind, data: Uint8Array, limits: ChangeLimits): CheckedSync | string {
  let message: Automerge.DecodedSyncMessage;
  try {
    message = Automerge.decodeSyncMessage(data);
  } catch {
    return "not an Automerge sync message";
  }
  const out: CheckedSync = { changeBytes: 0, hashes: [], carried: [] };
  for (const bytes of message.changes) {
    out.changeBytes += bytes.length;
    const problem = checkChunk(kind, bytes, limits, out);
    if (problem) return problem;
  }
  return out;
}

/** Automerge chunk types (the byte after the magic number and checksum). */
const DOCUMENT_CHUNK = 0;
const BUNDLE_CHUNK = 3;

/** A chunk is one change, a bundle of changes, or (in a first sync, when the relay has nothing) a whole saved document. */
function checkChunk(kind: DocumentKind, bytes: Uint8Array, limits: ChangeLimits, out: CheckedSync): string | null {
  let changes: Automerge.DecodedChange[];
  try {
    changes = decodeChunk(bytes);
  } catch (error) {
    return `a change that does not decode (chunk type ${bytes[8]}: ${(error as Error).message.slice(0, 60)})`;
  }
  for (const change of changes) {
    const problem = checkChange(kind, change, limits, out.carried);
    if (problem) return problem;
    out.hashes.push(change.hash);
  }
  return null;
}

function decodeChunk(bytes: Uint8Array): Automerge.DecodedChange[] {
  const chunks = splitChunks(bytes);
  if (chunks.some((chunk) => chunk[8] === DOCUMENT_CHUNK)) {
    return Automerge.getAllChanges(Automerge.load(bytes)).map((change) => Automerge.decodeChange(change));
  }
  return chunks.flatMap((chunk) => (chunk[8] === BUNDLE_CHUNK ? Automerge.readBundle(chunk).changes : [Automerge.decodeChange(chunk)]));
}

const MAGIC = [0x85, 0x6f, 0x4a, 0x83];

/** Automerge chunks may come concatenated: magic (4 bytes), checksum (4), type (1), length (LEB128), contents. */
function splitChunks(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (!MAGIC.every((byte, i) => bytes[offset + i] === byte)) throw new Error("not an Automerge chunk");
    let position = offset + 9;
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 28 || position >= bytes.length) throw new Error("bad chunk length");
      const byte = bytes[position++] as number;
      length += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    const end = position + length;
    if (end > bytes.length) throw new Error("truncated chunk");
    chunks.push(bytes.subarray(offset, end));
    offset = end;
  }
  return chunks;
}

function checkChange(kind: DocumentKind, change: Automerge.DecodedChange, limits: ChangeLimits, carried: Uint8Array[]): string | null {
  if (GENESIS_HASHES.has(change.hash)) return null;
  for (const op of change.ops) {
    const problem = kind.n === 0 ? checkIndexOp(op, limits) : checkVolumeOp(kind, op, carried);
    if (problem) return problem;
  }
  return null;
}

function checkIndexOp(op: Automerge.DecodedChange["ops"][number], limits: ChangeLimits): string | null {
  if (op.obj !== VOLUMES_MAP || "insert" in op) return "index change outside the volume list";
  // Automerge writes a delete of the losing values when a device sets a key that several devices set at once.
  if (op.action !== "del" && (op.action !== "set" || op.value !== true)) return "an index entry that is not `true`";
  if (!VOLUME_NUMBER.test(op.key) || Number(op.key) > limits.maxVolumesPerGroup) return `index lists volume ${op.key.slice(0, 12)}, over the cap of ${limits.maxVolumesPerGroup}`;
  return null;
}

function checkVolumeOp(kind: DocumentKind, op: Automerge.DecodedChange["ops"][number], carried: Uint8Array[]): string | null {
  const shard = SHARD_MAPS.get(op.obj);
  if (shard === undefined || "insert" in op || !ID.test(op.key) || !op.key.startsWith(shard)) return "volume change outside the record shards";
  if (op.action === "del") return null;
  const value = op.value as unknown;
  if (op.action !== "set" || !Array.isArray(value)) return "a record that is not bytes";
  if (value.length > MAX_ENVELOPE_BYTES) return "a record over the size limit";
  const envelope = Uint8Array.from(value as number[]);
  const parsed = parseRecord(envelope);
  if (!parsed.ok) return `not a record: ${parsed.reason}`;
  if (parsed.record.id !== op.key) return "a record under another record's id";
  if (!parsed.record.groupHex.startsWith(kind.prefix)) carried.push(envelope);
  return null;
}
