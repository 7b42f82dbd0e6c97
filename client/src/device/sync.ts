// The device's automerge-repo: documents in IndexedDB, one authenticated
// connection to the relay that served the app.
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import { bytesToHex } from "@tally/core";
import { GroupReplica, IndexedDBRecordStore, RelayClientAdapter } from "@tally/documents";
import type { Device } from "./device.ts";

export interface Sync {
  repo: Repo;
  adapter: RelayClientAdapter;
  replica(groupHex: string): Promise<GroupReplica>;
}

export function startSync(device: Device, founding: () => Uint8Array[]): Sync {
  const adapter = new RelayClientAdapter({ relayUrl: location.origin, device: device.device, founding });
  const repo = new Repo({
    storage: new IndexedDBStorageAdapter("tally-documents"),
    network: [adapter],
    peerId: `device-${bytesToHex(device.device.publicKey).slice(0, 16)}-${Math.random().toString(36).slice(2, 8)}` as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
  // A socket can look alive for a while after the signal is gone; the browser knows sooner.
  window.addEventListener("offline", () => adapter.reconnect());
  window.addEventListener("online", () => adapter.reconnect());
  const replicas = new Map<string, Promise<GroupReplica>>();
  return {
    repo,
    adapter,
    replica(groupHex) {
      let replica = replicas.get(groupHex);
      if (!replica) {
        replica = (async () => GroupReplica.open({ repo, groupHex, store: await IndexedDBRecordStore.open(`tally-group-${groupHex}`) }))();
        replicas.set(groupHex, replica);
      }
      return replica;
    },
  };
}
