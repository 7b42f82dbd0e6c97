// A ledger snapshot: what judging a set of records found, as plain JSON data,
// so a device that holds exactly that set again opens its ledger without
// judging every record anew. Keyed by the set it covers (snapshotKey); a
// device uses it only when the key equals that of the records it holds, and
// derives from scratch otherwise. Its trust model is PROTOCOL.md §7.7.
//
// A record is named by its place among the covered records in id order;
// other strings (accounts, chain keys, reasons) are written once in
// `strings` and named by index; vector clocks, shared by many records, are
// written once in `clocks`.
import { sha256 } from "../crypto/sha256.ts";
import { bytesToHex } from "../encoding/bytes.ts";
import type { SignedRecord } from "../record/record.ts";

export const SNAPSHOT_VERSION = 1;

/** A ruling: [record, clock, value]; the rest of its causal point is the record's. */
export type RulingData = [number, number, unknown];
/** Rulings by key (an account, a member key, a pool). */
export type RulingMapData = [number, RulingData[]][];

export interface GroupStateData {
  status: RulingMapData;
  role: RulingMapData;
  standingReasons: RulingMapData;
  limit: RulingMapData;
  profiles: RulingMapData;
  recoveryByAccount: RulingMapData;
  recoveryByKey: RulingMapData;
  poolStanding: RulingMapData;
  settings: RulingData[];
  genesis: RulingData | null;
  /** [account, describedBy (or -1), name, memberKind, proxy] */
  accounts: [number, number, string, string, boolean][];
  joins: unknown[];
  decidedJoins: number[];
  listings: ListingData[];
  /** chain key, member key: flat pairs. */
  certs: number[];
}

export interface ListingData {
  id: number;
  type: string;
  account: number;
  fields: unknown;
  updates: RulingData[];
  closedBy: number[];
  answers: RulingMapData;
}

/** [id, kind, fixed: [record, flat (account, minutes)], exchange or null, corrections] */
export type SourceData = [number, string, [number, number[]][], ExchangeData | null, number[]];
/** [payer, payerSigned, payerAlone, flat (payee, minutes, signed 0|1), declines: [record, parties]] */
export type ExchangeData = [number, boolean, boolean, number[], [number, number[]][]];

export interface GroupData {
  hex: number;
  /** Judged records, ENTRY_FIELDS numbers each: record, status (0 valid, 1 invalid, 2 frozen), Lamport number, clock (-1 none), account (-1 none), reason (-1 none). */
  entries: number[];
  /** Records still waiting for a parent: judged again (parked) when restored. */
  waiting: number[];
  frozen: number[];
  revoked: number[];
  authorityChains: number[];
  sources: SourceData[];
  sourceOfRecord: number[];
  balances: number[];
  state: GroupStateData;
}

export interface LedgerSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** snapshotKey of the records the snapshot covers. */
  key: string;
  /** The ids of the records it covers, in id order: a record is named by its place here. */
  ids: string[];
  strings: string[];
  /** Each clock as flat (chain key, seq) pairs. */
  clocks: number[][];
  /** Held records that are not authentic (most are, so the exceptions are listed). */
  notAuthentic: number[];
  certValid: number[];
  groups: GroupData[];
}

export const ENTRY_FIELDS = 6;
export const STATUS_CODES = ["valid", "invalid", "frozen"] as const;

/** The records a snapshot covers, in id order: a snapshot names a record by its place here. */
export function inIdOrder(records: Iterable<SignedRecord>): SignedRecord[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The held records in the order of a snapshot's ids, or null unless they are
 * exactly the records it names (no more, no fewer) and its ids are in
 * strictly increasing order. Linear: no sort on opening.
 */
export function inSnapshotOrder(ids: readonly string[], held: ReadonlyMap<string, SignedRecord>): SignedRecord[] | null {
  if (!Array.isArray(ids) || ids.length !== held.size) return null;
  const out: SignedRecord[] = new Array(ids.length);
  let previous = "";
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    const record = held.get(id);
    if (record === undefined || !(id > previous)) return null;
    out[i] = record;
    previous = id;
  }
  return out;
}

/**
 * The key of a set of records: SHA-256 over every distinct record (its id
 * and the signature of the copy held) in id order, then every refused
 * envelope's id in order. Two sets with equal keys hold the same bytes, so
 * they derive the same ledger.
 */
export function snapshotKey(sorted: readonly SignedRecord[], refusedIds: Iterable<string>): string {
  const refused = [...refusedIds].sort();
  const signatures = sorted.map((r) => r.signature);
  let size = refused.length * 65;
  for (const signature of signatures) size += 67 + signature.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  const ascii = (text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  };
  sorted.forEach((record, i) => {
    const signature = signatures[i] as Uint8Array;
    ascii(record.id);
    bytes[at++] = signature.length >> 8;
    bytes[at++] = signature.length & 0xff;
    bytes.set(signature, at);
    at += signature.length;
    bytes[at++] = 10;
  });
  for (const id of refused) {
    ascii(id);
    bytes[at++] = 10;
  }
  if (at !== size) throw new Error("snapshot key input out of step");
  return bytesToHex(sha256(bytes));
}
