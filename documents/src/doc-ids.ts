// Document ids are derived from the group id, so every device and the relay
// know a group's documents without being told, and the relay can tell which
// group a document belongs to from its id alone.
//
//   document id (16 bytes) = group id[0..12] ‖ u32 big-endian n
//   n = 0: the group's index; n ≥ 1: record volume n
import { parseAutomergeUrl, stringifyAutomergeUrl, type AutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { bytesToHex, hexToBytes } from "@tally/core";

export const INDEX_DOCUMENT = 0;
export const MAX_VOLUMES = 100_000;
const PREFIX_BYTES = 12;

export function documentUrl(groupHex: string, n: number): AutomergeUrl {
  if (!Number.isInteger(n) || n < 0 || n > MAX_VOLUMES) throw new Error(`no document number ${n}`);
  const id = new Uint8Array(16);
  id.set(hexToBytes(groupHex).subarray(0, PREFIX_BYTES));
  new DataView(id.buffer).setUint32(PREFIX_BYTES, n);
  return stringifyAutomergeUrl(id as unknown as Parameters<typeof stringifyAutomergeUrl>[0]);
}

export function documentIdOf(groupHex: string, n: number): DocumentId {
  return parseAutomergeUrl(documentUrl(groupHex, n)).documentId;
}

/** The group prefix (hex) a group's documents share. */
export function groupPrefix(groupHex: string): string {
  return groupHex.slice(0, PREFIX_BYTES * 2);
}

const described = new Map<string, { prefix: string; n: number } | null>();
const DESCRIBED_MAX = 100_000;

/** Which group prefix and document number a document id stands for, or null if it is not one of ours. */
export function describeDocument(documentId: DocumentId): { prefix: string; n: number } | null {
  // Asked for every (peer, document) pair a relay considers; decoding base58check each time dominated its CPU.
  let known = described.get(documentId);
  if (known === undefined) {
    known = decodeDocumentId(documentId);
    if (described.size >= DESCRIBED_MAX) described.clear();
    described.set(documentId, known);
  }
  return known;
}

function decodeDocumentId(documentId: DocumentId): { prefix: string; n: number } | null {
  let binary: Uint8Array;
  try {
    binary = parseAutomergeUrl(`automerge:${documentId}` as AutomergeUrl).binaryDocumentId;
  } catch {
    return null;
  }
  if (binary.length !== 16) return null;
  const n = new DataView(binary.buffer, binary.byteOffset, 16).getUint32(PREFIX_BYTES);
  if (n > MAX_VOLUMES) return null;
  return { prefix: bytesToHex(binary.subarray(0, PREFIX_BYTES)), n };
}
