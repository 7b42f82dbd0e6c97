// The device's automerge-repo: documents in IndexedDB, one authenticated
// connection to the relay that served the app; a replica per group, each
// following the documents of the pools its group joined (at the same relay).
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import { bytesToHex } from "@tally/core";
import { GroupReplica, IndexedDBRecordStore, RelayClientAdapter } from "@tally/documents";
import type { Device } from "./device.ts";
import { Outbox } from "./outbox.ts";
import { watchPoolDocuments } from "./pool-documents-watch.ts";

export interface Sync {
  repo: Repo;
  adapter: RelayClientAdapter;
  /** Records written here that the relay is not yet known to hold. */
  outbox: Outbox;
  replica(groupHex: string): Promise<GroupReplica>;
}

export async function startSync(device: Device, founding: () => Uint8Array[]): Promise<Sync> {
  const outbox = await Outbox.open();
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
  const sync: Sync = {
    repo,
    adapter,
    outbox,
    replica(groupHex) {
      let replica = replicas.get(groupHex);
      if (!replica) {
        replica = (async () => {
          const opened = await GroupReplica.open({ repo, groupHex, store: await IndexedDBRecordStore.open(`tally-group-${groupHex}`) });
          watchOutbox(outbox, groupHex, opened);
          // The documents of every pool the group has joined feed its ledger: the town's listings, the
          // groups in the pool, and the legs of exchanges across groups in this group's balances.
          opened.followPools();
          watchPoolDocuments(opened, outbox, () => adapter.reconnect());
          keepSnapshots(opened);
          return opened;
        })();
        replicas.set(groupHex, replica);
      }
      return replica;
    },
  };
  // Groups with records still to send sync now, whichever page is open.
  for (const groupHex of outbox.groups()) void sync.replica(groupHex);
  return sync;
}

/** How often a changed ledger's snapshot is kept while the app is open. */
const SNAPSHOT_EVERY_MS = 60_000;

/**
 * The ledger's snapshot is kept while the app is open and whenever it is put
 * away (a phone may then kill it unseen), so that opening it next time,
 * offline too, restores the ledger instead of judging every record again.
 */
function keepSnapshots(replica: GroupReplica): void {
  const keep = () => void replica.keepSnapshot();
  setInterval(keep, SNAPSHOT_EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") keep();
  });
}

function watchOutbox(outbox: Outbox, groupHex: string, replica: GroupReplica): void {
  const check = () => {
    const waiting = outbox.idsOf(groupHex);
    if (waiting.length === 0) return;
    const held = replica.docs.heldByRelay(waiting);
    if (held.size > 0) void outbox.sent(held);
  };
  replica.onWritten((ids) => void outbox.add(groupHex, ids).then(check));
  replica.docs.onPeerHeads(check);
  check();
}
