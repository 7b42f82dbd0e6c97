// What a relay told a device it holds, and what is really on its disk: for
// checking that "synced" means stored, after the relay is killed.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Automerge from "@automerge/automerge";
import { Repo, type PeerId, type StorageId } from "@automerge/automerge-repo";
import { GroupDocuments } from "@tally/documents";
import { AtomicFsStorage } from "../../sync-server/src/storage/atomic-fs-storage.ts";
import type { Peer } from "./peer.ts";

/** The relay's storage id as the peer learnt it when it connected. */
export function relayStorageId(peer: Peer): StorageId | null {
  for (const [peerId, metadata] of Object.entries(peer.repo.peerMetadataByPeerId)) {
    if (peerId.startsWith("relay-") && metadata?.storageId) return metadata.storageId;
  }
  return null;
}

/** Of the records the peer wrote, those the relay's last sync messages to it said it holds. */
export function acknowledgedByRelay(peer: Peer, ids: readonly string[]): Set<string> {
  const storageId = relayStorageId(peer);
  return storageId && peer.replica ? peer.replica.docs.heldBy(storageId, ids) : new Set();
}

/** Record ids in a (stopped) relay's stored documents, read from a copy so nothing is written there. */
export async function recordsOnRelayDisk(dataDir: string, groupHex: string): Promise<Set<string>> {
  const copy = mkdtempSync(join(tmpdir(), "tally-relay-disk-"));
  try {
    cpSync(join(dataDir, "documents"), copy, { recursive: true });
    const repo = new Repo({ storage: new AtomicFsStorage(copy), network: [], peerId: "disk-reader" as PeerId });
    const docs = await GroupDocuments.open(repo, groupHex);
    const ids = docs.presentIds();
    const loaded = Object.values(repo.handles).flatMap((handle) => (handle.isReady() ? [handle.doc()] : []));
    await repo.shutdown();
    // Freed at once: a bench reads the relay's disk a hundred times, and the wasm heap would not wait for the garbage collector.
    for (const doc of loaded) Automerge.free(doc);
    return ids;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
