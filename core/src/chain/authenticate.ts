// Which records are authentic. A record is authentic when its own signature is
// valid, or when an authentic record of the same chain links back to it by id
// (prev), because that signature covers the hash of this record. So a device
// starting cold checks one signature per chain head and only hashes the rest.
//
// Validity never depends on which signatures happened to be checked: the
// answer is a function of the set of records (and of signatures already known
// good, which are facts about those same bytes).
import { verifySignatures, type SignatureBackend, type SignatureCheck } from "../crypto/ed25519.ts";
import { hexToBytes } from "../encoding/bytes.ts";
import { signingMessage, type SignedRecord } from "../record/record.ts";

/** Ids already proven authentic on this device; injected so it can be persisted at the edges. */
export interface AuthenticCache {
  has(id: string): boolean;
  add(id: string): void;
}

export function memoryCache(): AuthenticCache & { size(): number } {
  const ids = new Set<string>();
  return { has: (id) => ids.has(id), add: (id) => void ids.add(id), size: () => ids.size };
}

export interface AuthenticationResult {
  authentic: Set<string>;
  signaturesChecked: number;
  /** Records made authentic by one of their extra signatures, not the one they carry: id → that signature. */
  verifiedBy: Map<string, Uint8Array>;
}

const UNKNOWN = 0;
const AUTHENTIC = 1;
const FAILED = 2;

/**
 * @param records unique by id
 * @param extraSignatures other signatures seen for the same id (a copy with a damaged or re-encoded signature)
 */
export async function authenticate(
  records: readonly SignedRecord[],
  options: { cache?: AuthenticCache; backend?: SignatureBackend; extraSignatures?: Map<string, Uint8Array[]> } = {},
): Promise<AuthenticationResult> {
  const cache = options.cache;
  if (cache && records.every((r) => cache.has(r.id))) {
    // Warm start: everything was proven before.
    return { authentic: new Set(records.map((r) => r.id)), signaturesChecked: 0, verifiedBy: new Map() };
  }
  const index = new Map<string, number>();
  records.forEach((r, i) => index.set(r.id, i));
  const state = new Uint8Array(records.length);
  // parentOf[i]: the record i vouches for, if i links to it correctly within its chain.
  const parentOf = new Int32Array(records.length).fill(-1);
  const openChildren = new Uint32Array(records.length);
  const chainMembers = new Map<string, number[]>();
  records.forEach((r, i) => {
    const members = chainMembers.get(r.chainKey);
    if (members) members.push(i);
    else chainMembers.set(r.chainKey, [i]);
    if (r.prevHex === null) return;
    const p = index.get(r.prevHex);
    if (p === undefined) return;
    const parent = records[p] as SignedRecord;
    if (parent.chainKey === r.chainKey && parent.seq === r.seq - 1) {
      parentOf[i] = p;
      openChildren[p] = (openChildren[p] as number) + 1;
    }
  });

  const markAuthentic = (start: number) => {
    for (let i = start; i !== -1 && state[i] !== AUTHENTIC; i = parentOf[i] as number) {
      state[i] = AUTHENTIC;
    }
  };
  records.forEach((r, i) => {
    if (options.cache?.has(r.id)) markAuthentic(i);
  });

  let candidates: number[] = [];
  records.forEach((_, i) => {
    if (state[i] === UNKNOWN && openChildren[i] === 0) candidates.push(i);
  });

  let signaturesChecked = 0;
  const verifiedBy = new Map<string, Uint8Array>();
  while (candidates.length > 0) {
    const checks: SignatureCheck[] = [];
    const owners: number[] = [];
    /** Per checked record, in order: the index in checks where its extra signatures start. */
    const extraFrom: number[] = [];
    for (const i of candidates) {
      if (state[i] !== UNKNOWN) continue;
      const r = records[i] as SignedRecord;
      const message = signingMessage(hexToBytes(r.id));
      // Every signature seen for the id counts: junk attached by anyone can never hide a valid one.
      const extras = options.extraSignatures?.get(r.id) ?? [];
      for (const signature of [r.signature, ...extras]) {
        checks.push({ publicKey: r.device, message, signature });
        owners.push(i);
      }
      extraFrom.push(checks.length - extras.length);
    }
    const verdicts = await verifySignatures(checks, options.backend);
    signaturesChecked += checks.length;
    const valid = new Set<number>();
    let checked = -1;
    verdicts.forEach((ok, k) => {
      const i = owners[k] as number;
      if (k === 0 || owners[k - 1] !== i) checked++;
      if (!ok || valid.has(i)) return;
      valid.add(i);
      if (k >= (extraFrom[checked] as number)) verifiedBy.set((records[i] as SignedRecord).id, checks[k]!.signature);
    });
    const failedChains = new Set<string>();
    for (const i of new Set(owners)) {
      if (valid.has(i)) markAuthentic(i);
      else if (state[i] === UNKNOWN) {
        state[i] = FAILED;
        failedChains.add((records[i] as SignedRecord).chainKey);
      }
    }
    // A failed signature leaves its ancestors unvouched; check the rest of that
    // chain in one more batch rather than one record per round.
    candidates = [];
    for (const chain of [...failedChains].sort()) {
      for (const i of chainMembers.get(chain) as number[]) if (state[i] === UNKNOWN) candidates.push(i);
    }
  }

  const authentic = new Set<string>();
  records.forEach((r, i) => {
    if (state[i] === AUTHENTIC) {
      authentic.add(r.id);
      options.cache?.add(r.id);
    }
  });
  return { authentic, signaturesChecked, verifiedBy };
}
