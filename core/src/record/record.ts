// A record: canonical signed bytes plus a signature, wrapped in an envelope.
//
//   signed   = CBOR [version, kind, group, device, seq, prev|null, deps, timeMs, body]
//   id       = SHA-256(signed)
//   message  = "tally/v1/record" 0x00 id          (what the device key signs)
//   envelope = CBOR [signed, signature]
//
// The id leaves out the signature, so a re-encoded or malleated signature
// never makes a new record.
import { bytesToHex, compareBytes, concatBytes, hexToBytes, utf8 } from "../encoding/bytes.ts";
import { decodeCanonical, encodeCanonical, NotCanonicalError, type CborValue } from "../encoding/canonical-cbor.ts";
import { sha256 } from "../crypto/sha256.ts";
import type { Signer } from "../crypto/ed25519.ts";
import { bodyProblem, isRecordKind, type Body, type RecordKind } from "./kinds.ts";
import {
  GROUP_ID_BYTES,
  ID_BYTES,
  MAX_DEPS,
  MAX_ENVELOPE_BYTES,
  MAX_SEQ,
  MAX_TIME_MS,
  PROTOCOL_VERSION,
} from "./limits.ts";

export interface RecordFields<K extends RecordKind = RecordKind> {
  kind: K;
  group: Uint8Array;
  device: Uint8Array;
  seq: number;
  prev: Uint8Array | null;
  deps: Uint8Array[];
  timeMs: number;
  body: Body<K>;
}

export interface SignedRecord<K extends RecordKind = RecordKind> extends RecordFields<K> {
  /** Hex of SHA-256 of the signed bytes. */
  id: string;
  signed: Uint8Array;
  signature: Uint8Array;
  envelope: Uint8Array;
  groupHex: string;
  deviceHex: string;
  /** One chain per device per group. */
  chainKey: string;
  prevHex: string | null;
  depsHex: string[];
}

/**
 * A parsed record. A ledger holds hundreds of thousands, so it keeps only the
 * envelope, the body and text ids; byte views are recomputed when asked for.
 */
class ParsedRecord {
  constructor(
    readonly kind: RecordKind,
    readonly seq: number,
    readonly timeMs: number,
    readonly body: Body<RecordKind>,
    readonly id: string,
    readonly envelope: Uint8Array,
    readonly groupHex: string,
    readonly deviceHex: string,
    readonly chainKey: string,
    readonly prevHex: string | null,
    readonly depsHex: string[],
  ) {}
  get signed(): Uint8Array {
    return (splitEnvelope(this.envelope) as [Uint8Array, Uint8Array])[0];
  }
  get signature(): Uint8Array {
    return (splitEnvelope(this.envelope) as [Uint8Array, Uint8Array])[1];
  }
  get group(): Uint8Array {
    return hexToBytes(this.groupHex);
  }
  get device(): Uint8Array {
    return hexToBytes(this.deviceHex);
  }
  get prev(): Uint8Array | null {
    return this.prevHex === null ? null : hexToBytes(this.prevHex);
  }
  get deps(): Uint8Array[] {
    return this.depsHex.map(hexToBytes);
  }
}

/**
 * A refused envelope. `whole` tells which bytes its id hashes: false, the
 * signed part (which is itself malformed, so no record can ever have this id);
 * true, the whole envelope (it did not split, or is too large), an id that
 * names no record.
 */
export type ParseResult = { ok: true; record: SignedRecord } | { ok: false; id: string; reason: string; whole: boolean };

const RECORD_DOMAIN = utf8("tally/v1/record\0");

export function signingMessage(idBytes: Uint8Array): Uint8Array {
  return concatBytes(RECORD_DOMAIN, idBytes);
}

export function chainKeyOf(groupHex: string, deviceHex: string): string {
  return `${groupHex}/${deviceHex}`;
}

function fieldsToCbor(f: RecordFields): CborValue {
  return [PROTOCOL_VERSION, f.kind, f.group, f.device, f.seq, f.prev, f.deps, f.timeMs, f.body as unknown as CborValue];
}

/** Why these fields can't form a record, or null. Checked when signing and when parsing. */
export function fieldsProblem(f: RecordFields): string | null {
  if (!isRecordKind(f.kind)) return `unknown record kind "${String(f.kind)}"`;
  if (!(f.group instanceof Uint8Array) || f.group.length !== GROUP_ID_BYTES) return `group must be ${GROUP_ID_BYTES} bytes`;
  if (!(f.device instanceof Uint8Array) || f.device.length !== 32) return "device must be a 32-byte public key";
  if (!Number.isSafeInteger(f.seq) || f.seq < 0 || f.seq > MAX_SEQ) return `seq must be a whole number from 0 to ${MAX_SEQ}`;
  if (f.seq === 0 ? f.prev !== null : !(f.prev instanceof Uint8Array) || f.prev.length !== ID_BYTES) {
    return f.seq === 0 ? "the first record of a chain has no prev" : "prev must be the 32-byte id of the previous record";
  }
  if (!Array.isArray(f.deps) || f.deps.length > MAX_DEPS) return `deps must list at most ${MAX_DEPS} record ids`;
  for (let i = 0; i < f.deps.length; i++) {
    const dep = f.deps[i];
    if (!(dep instanceof Uint8Array) || dep.length !== ID_BYTES) return "deps must be 32-byte record ids";
    if (i > 0 && compareBytes(f.deps[i - 1] as Uint8Array, dep) >= 0) return "deps must be sorted and distinct";
    if (f.prev && compareBytes(f.prev, dep) === 0) return "deps must not repeat prev";
  }
  if (!Number.isSafeInteger(f.timeMs) || f.timeMs < 0 || f.timeMs > MAX_TIME_MS) return "timeMs must be a whole number of milliseconds";
  if (f.kind === "device" ? f.seq !== 0 : f.seq === 0) {
    return f.kind === "device" ? "a device record must be the first of its chain" : "the first record of a chain must be a device record";
  }
  return bodyProblem(f.kind, f.body);
}

/**
 * One string per group, device and chain, shared by all the records that name
 * it: a ledger keeps hundreds of thousands of records of a few thousand
 * devices, and a chain key built per record is a joined string that every
 * map lookup would first copy flat.
 */
export class RecordNames {
  readonly #texts = new Map<string, string>();
  readonly #chains = new Map<string, Map<string, string>>();

  text(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) return known;
    this.#texts.set(text, text);
    return text;
  }

  chain(groupHex: string, deviceHex: string): string {
    let byDevice = this.#chains.get(groupHex);
    if (!byDevice) this.#chains.set(groupHex, (byDevice = new Map()));
    let chainKey = byDevice.get(deviceHex);
    if (chainKey === undefined) {
      // Flattened once, here, by a lookup of the joined string.
      chainKey = chainKeyOf(groupHex, deviceHex);
      this.#texts.set(chainKey, chainKey);
      byDevice.set(deviceHex, chainKey);
    }
    return chainKey;
  }
}

function describe(fields: RecordFields, envelope: Uint8Array, idBytes: Uint8Array, names?: RecordNames): SignedRecord {
  const groupHex = names ? names.text(bytesToHex(fields.group)) : bytesToHex(fields.group);
  const deviceHex = names ? names.text(bytesToHex(fields.device)) : bytesToHex(fields.device);
  const depsHex: string[] = [];
  for (const dep of fields.deps) depsHex.push(bytesToHex(dep));
  return new ParsedRecord(
    fields.kind,
    fields.seq,
    fields.timeMs,
    fields.body,
    bytesToHex(idBytes),
    envelope,
    groupHex,
    deviceHex,
    names ? names.chain(groupHex, deviceHex) : chainKeyOf(groupHex, deviceHex),
    fields.prev ? bytesToHex(fields.prev) : null,
    depsHex,
  ) as unknown as SignedRecord;
}

/** Signs fields with a device key and returns the record. Throws on fields no verifier would accept. */
export async function signRecord<K extends RecordKind>(signer: Signer, fields: RecordFields<K>): Promise<SignedRecord<K>> {
  const problem = fieldsProblem(fields);
  if (problem) throw new Error(`cannot sign this record: ${problem}`);
  if (compareBytes(signer.publicKey, fields.device) !== 0) throw new Error("cannot sign this record: the signer is not its device");
  const signed = encodeCanonical(fieldsToCbor(fields));
  const idBytes = sha256(signed);
  const signature = await signer.sign(signingMessage(idBytes));
  const envelope = encodeCanonical([signed, signature]);
  if (envelope.length > MAX_ENVELOPE_BYTES) throw new Error(`cannot sign this record: larger than ${MAX_ENVELOPE_BYTES} bytes`);
  return describe(fields, envelope, idBytes) as SignedRecord<K>;
}

function unparsed(envelope: Uint8Array, reason: string): ParseResult {
  return { ok: false, id: bytesToHex(sha256(envelope)), reason, whole: true };
}

/** Reads a canonically encoded CBOR byte string header at `at`: [start, end] of its content, or null. */
function readByteString(bytes: Uint8Array, at: number): [number, number] | null {
  const head = bytes[at];
  if (head === undefined || head >> 5 !== 2) return null;
  const info = head & 0x1f;
  let length: number;
  let start = at + 1;
  if (info < 24) length = info;
  else if (info === 24 && start < bytes.length) {
    length = bytes[start] as number;
    start += 1;
    if (length < 24) return null;
  } else if (info === 25 && start + 1 < bytes.length) {
    length = ((bytes[start] as number) << 8) | (bytes[start + 1] as number);
    start += 2;
    if (length < 256) return null;
  } else return null;
  return start + length <= bytes.length ? [start, start + length] : null;
}

/** The envelope is CBOR [signed, signature]; read by hand, since its only freedom is two lengths. */
function splitEnvelope(envelope: Uint8Array): [Uint8Array, Uint8Array] | null {
  if (envelope[0] !== 0x82) return null;
  const signed = readByteString(envelope, 1);
  const signature = signed && readByteString(envelope, signed[1]);
  if (!signed || !signature || signature[1] !== envelope.length) return null;
  return [envelope.subarray(signed[0], signed[1]), envelope.subarray(signature[0], signature[1])];
}

/**
 * Parses an envelope. Checks everything that needs no other record: size,
 * canonical encoding, version, field types, body schema. Not the signature.
 */
export function parseRecord(envelope: Uint8Array): ParseResult {
  return parseRecordNamed(envelope, undefined);
}

/** parseRecord, with the group, device and chain strings shared through a name table. */
export function parseRecordNamed(envelope: Uint8Array, names: RecordNames | undefined): ParseResult {
  if (envelope.length > MAX_ENVELOPE_BYTES) return unparsed(envelope, `record is larger than ${MAX_ENVELOPE_BYTES} bytes`);
  const parts = splitEnvelope(envelope);
  if (!parts) return unparsed(envelope, "envelope must be the canonical CBOR of [signed bytes, signature]");
  const [signed] = parts;
  const idBytes = sha256(signed);
  const id = bytesToHex(idBytes);
  let inner: CborValue;
  try {
    inner = decodeCanonical(signed);
  } catch (error) {
    return { ok: false, id, reason: `signed part is ${(error as NotCanonicalError).message}`, whole: false };
  }
  // The version first: a later version may have another number of fields.
  const version = Array.isArray(inner) ? inner[0] : undefined;
  if (Array.isArray(inner) && inner.length > 0 && version !== PROTOCOL_VERSION) {
    return { ok: false, id, reason: `unknown protocol version ${JSON.stringify(version)}`, whole: false };
  }
  if (!Array.isArray(inner) || inner.length !== 9) return { ok: false, id, reason: "signed part must be a 9-element array", whole: false };
  const [, kind, group, device, seq, prev, deps, timeMs, body] = inner;
  const fields = { kind, group, device, seq, prev, deps, timeMs, body } as unknown as RecordFields;
  const problem = fieldsProblem(fields);
  if (problem) return { ok: false, id, reason: problem, whole: false };
  return { ok: true, record: describe(fields, envelope, idBytes, names) };
}
