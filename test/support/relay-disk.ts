// What a relay told a device it holds, and what is really on its disk: for
// checking that "synced" means stored, after the relay is killed.
import { join } from "node:path";
import * as Automerge from "@automerge/automerge";
import type { StorageId } from "@automerge/automerge-repo";
import { INDEX_DOCUMENT, documentIdOf, type IndexDoc, type VolumeDoc } from "@tally/documents";
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

/**
 * Record ids in a (stopped) relay's stored documents, read straight from its
 * chunks (nothing is written there). Each document is freed once read: a
 * bench reads the disk a hundred times, and the wasm heap would not wait for
 * the garbage collector.
 */
export async function recordsOnRelayDisk(dataDir: string, groupHex: string): Promise<Set<string>> {
  const storage = new AtomicFsStorage(join(dataDir, "documents"));
  const read = async <T,>(n: number, take: (doc: Automerge.Doc<T>) => void): Promise<void> => {
    const chunks = await storage.loadRange([documentIdOf(groupHex, n)]);
    if (chunks.length === 0) return;
    const doc = Automerge.loadIncremental(Automerge.init<T>(), concat(chunks.flatMap((c) => (c.data ? [c.data] : []))));
    try {
      take(doc);
    } finally {
      Automerge.free(doc);
    }
  };
  let volumes: number[] = [];
  await read<IndexDoc>(INDEX_DOCUMENT, (index) => (volumes = Object.keys(index.volumes ?? {}).map(Number).filter((n) => n >= 1)));
  const ids = new Set<string>();
  for (const n of [1, ...volumes.filter((v) => v !== 1)]) {
    await read<VolumeDoc>(n, (volume) => {
      for (const shard of Object.values(volume.records ?? {})) {
        if (shard === null || typeof shard !== "object") continue;
        for (const [id, envelope] of Object.entries(shard)) if (envelope instanceof Uint8Array) ids.add(id);
      }
    });
  }
  return ids;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
