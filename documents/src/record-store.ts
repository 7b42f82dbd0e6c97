// The device's own copy of every authentic record it has seen, kept apart
// from the shared documents: if a record disappears from a document, it is
// put back from here. Keys and the verified-id cache live beside it.
import type { RecordEnvelope } from "./group-documents.ts";

export interface RecordStore {
  /** Every stored record. */
  load(): Promise<RecordEnvelope[]>;
  /** Stores the records whose ids are not stored yet; durable when the promise resolves. */
  add(records: readonly RecordEnvelope[]): Promise<void>;
  has(id: string): boolean;
  get(id: string): Promise<Uint8Array | null>;
  /**
   * Stores records this device signed, in chain order, and moves the chain's
   * head to the last of them, in one durable step.
   */
  addOwn(deviceHex: string, records: readonly RecordEnvelope[]): Promise<void>;
  /** The id of the newest record this device key signed here, as stored: another tab may have written it since this store was opened. */
  ownChainHead(deviceHex: string): Promise<string | null>;
  /** Ids proven authentic (and certificates proven valid, as "cert:<id>"), for warm starts. */
  loadVerified(): Promise<string[]>;
  addVerified(ids: readonly string[]): Promise<void>;
  /**
   * The snapshot of the ledger this device derived from these records
   * (PROTOCOL §7.7), as JSON text, or null: kept here because only a snapshot
   * kept where the records are kept may be trusted. A cache: losing it only
   * makes the next start slower.
   */
  loadSnapshot(): Promise<string | null>;
  saveSnapshot(json: string): Promise<void>;
  /** Small secrets kept beside the records: device and member keys. */
  saveSecret(name: string, bytes: Uint8Array): Promise<void>;
  loadSecret(name: string): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** Secret names are file and key names; keep them plain. */
export function assertSecretName(name: string): void {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) throw new Error(`bad secret name "${name}"`);
}
