// Writing records as one device: keeps the device's chain (seq, prev) so every
// record it signs links to the one before.
import { bytesToHex, compareBytes, hexToBytes } from "../encoding/bytes.ts";
import type { Signer } from "../crypto/ed25519.ts";
import type { Body, RecordKind } from "../record/kinds.ts";
import { signRecord, type SignedRecord } from "../record/record.ts";
import { MAX_DEPS } from "../record/limits.ts";
import { certifyDevice, groupIdFor } from "./identity.ts";

export interface WriteOptions {
  /** Ids (hex) of records the author has seen on other chains; at most MAX_DEPS. */
  deps?: readonly string[];
  /** Wall-clock time for display only; never used by any rule. */
  timeMs?: number;
}

export class DeviceAuthor {
  #seq: number;
  #prev: Uint8Array | null;

  constructor(
    readonly signer: Signer,
    readonly group: Uint8Array,
    chainHead: { seq: number; id: string } | null = null,
  ) {
    this.#seq = chainHead ? chainHead.seq + 1 : 0;
    this.#prev = chainHead ? hexToBytes(chainHead.id) : null;
  }

  get nextSeq(): number {
    return this.#seq;
  }

  /** Id (hex) of the record the next one links to as prev, or null before the certificate. */
  get prevId(): string | null {
    return this.#prev ? bytesToHex(this.#prev) : null;
  }

  async write<K extends RecordKind>(kind: K, body: Body<K>, options: WriteOptions = {}): Promise<SignedRecord<K>> {
    const prevHex = this.#prev ? bytesToHex(this.#prev) : null;
    const deps = [...new Set(options.deps ?? [])]
      .filter((id) => id !== prevHex)
      .map(hexToBytes)
      .sort(compareBytes);
    if (deps.length > MAX_DEPS) throw new Error(`a record may name at most ${MAX_DEPS} deps`);
    const record = await signRecord(this.signer, {
      kind,
      group: this.group,
      device: this.signer.publicKey,
      seq: this.#seq,
      prev: this.#prev,
      deps,
      timeMs: options.timeMs ?? 0,
      body,
    });
    this.#seq++;
    this.#prev = hexToBytes(record.id);
    return record;
  }

  /** The device's first record in a group: its certificate from the member key. */
  static async certified(member: Signer, device: Signer, group: Uint8Array, options: WriteOptions = {}) {
    const author = new DeviceAuthor(device, group);
    const cert = await certifyDevice(member, group, device.publicKey);
    const record = await author.write("device", { member: member.publicKey, cert }, options);
    return { author, record };
  }
}

export interface NewGroup {
  name: string;
  founderName: string;
  nonce: Uint8Array;
  creditLimitMinutes: number;
  joiningBonusMinutes: number;
  confirmation: "both" | "payer";
}

/** Creates a group: the founder device's certificate and the genesis record. */
export async function createGroup(member: Signer, device: Signer, group: NewGroup, options: WriteOptions = {}) {
  const groupId = groupIdFor(member.publicKey, device.publicKey, group.nonce);
  const { author, record: certificate } = await DeviceAuthor.certified(member, device, groupId, options);
  const genesis = await author.write("group.create", group, options);
  return { groupId, author, records: [certificate, genesis] as SignedRecord[] };
}
