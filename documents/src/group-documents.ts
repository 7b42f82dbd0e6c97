// A group's records as they travel: an index document listing record volumes,
// and volumes of bounded size holding each record as one atomic byte value,
// keyed by id in maps sharded by id prefix. Transport only: whoever reads
// them hands the envelopes to the core, which decides what they are worth.
import * as Automerge from "@automerge/automerge";
import { decodeHeads, type DocHandle, type DocHandleChangePayload, type Repo, type StorageId } from "@automerge/automerge-repo";
import { documentUrl, INDEX_DOCUMENT } from "./doc-ids.ts";
import { idsOf, isMap, listedVolumes, recordsOf, repairIndex, repairVolume } from "./document-structure.ts";
import { INDEX_GENESIS, shardOf, VOLUME_GENESIS, type IndexDoc, type VolumeDoc } from "./genesis.ts";

/** Automerge's load time grows faster than the document past ~30,000 records; stay well under. */
export const MAX_RECORDS_PER_VOLUME = 10_000;

export interface RecordEnvelope {
  id: string;
  envelope: Uint8Array;
}

export type RecordsListener = (change: { added: RecordEnvelope[]; removed: string[] }) => void;

/** Finds a document, or creates it from the shared genesis when nobody has it yet (offline, or new). */
async function openDocument<T>(repo: Repo, groupHex: string, n: number, genesis: Uint8Array): Promise<DocHandle<T>> {
  const url = documentUrl(groupHex, n);
  const handle = await repo.find<T>(url, { allowableStates: ["ready", "unavailable"] });
  if (handle.state === "ready") return handle;
  return repo.import<T>(genesis, { docId: handle.documentId });
}

export class GroupDocuments {
  readonly #volumes = new Map<number, DocHandle<VolumeDoc>>();
  readonly #opening = new Map<number, Promise<DocHandle<VolumeDoc>>>();
  readonly #listeners = new Set<RecordsListener>();
  readonly #peerHeadsListeners = new Set<() => void>();

  private constructor(
    readonly repo: Repo,
    readonly groupHex: string,
    readonly index: DocHandle<IndexDoc>,
  ) {}

  static async open(repo: Repo, groupHex: string): Promise<GroupDocuments> {
    const index = await openDocument<IndexDoc>(repo, groupHex, INDEX_DOCUMENT, INDEX_GENESIS);
    const docs = new GroupDocuments(repo, groupHex, index);
    index.on("change", () => {
      void docs.#openListedVolumes();
      // Deferred: never change a document inside automerge-repo's handling of a change to it.
      queueMicrotask(() => docs.#keepIndexListing());
    });
    await docs.#openListedVolumes();
    return docs;
  }

  /**
   * Volume numbers in use, ascending: those the index lists, and those this
   * device has open (a member may have damaged the index; the volumes are still there).
   */
  volumeNumbers(): number[] {
    const numbers = new Set([...listedVolumes(this.index.doc()), ...this.#opening.keys()]);
    return [...numbers].sort((a, b) => a - b);
  }

  /** Lists again every volume open here that the index no longer lists (or rebuilds a damaged index). */
  #keepIndexListing(): void {
    const doc = this.index.doc();
    if (!doc) return;
    const listed = new Set(listedVolumes(doc));
    const unlisted = [...this.#opening.keys()].filter((n) => !listed.has(n));
    if (unlisted.length > 0 || !isMap(doc.volumes)) this.index.change((d) => repairIndex(d, unlisted));
  }

  async #openListedVolumes(): Promise<void> {
    await Promise.all(this.volumeNumbers().map((n) => this.#volume(n)));
  }

  #volume(n: number): Promise<DocHandle<VolumeDoc>> {
    let opening = this.#opening.get(n);
    if (!opening) {
      opening = openDocument<VolumeDoc>(this.repo, this.groupHex, n, VOLUME_GENESIS).then((handle) => {
        this.#volumes.set(n, handle);
        handle.on("change", (payload) => this.#onVolumeChange(n, payload));
        // Deferred: a listener's failure must never reach automerge-repo's message handling.
        handle.on("remote-heads", () => queueMicrotask(() => this.#peerHeadsListeners.forEach((listener) => listener())));
        const added = recordsOf(handle.doc());
        if (added.length > 0) this.#emit({ added, removed: [] });
        return handle;
      });
      this.#opening.set(n, opening);
    }
    return opening;
  }

  #onVolumeChange(n: number, payload: DocHandleChangePayload<VolumeDoc>): void {
    if (payload.patches.some(isStructural)) return this.#emitDifference(payload);
    const added: RecordEnvelope[] = [];
    const removed: string[] = [];
    for (const patch of payload.patches) {
      const [root, shard, id] = patch.path;
      if (root !== "records" || typeof shard !== "string" || typeof id !== "string" || patch.path.length !== 3) continue;
      if (patch.action === "put" && patch.value instanceof Uint8Array) added.push({ id, envelope: patch.value });
      else if (patch.action === "del" || patch.action === "put") removed.push(id); // deleted, or no longer bytes
    }
    if (added.length > 0 || removed.length > 0) this.#emit({ added, removed });
  }

  /** A change to the shape (`records` or a shard map replaced or deleted): compare the records before and after. */
  #emitDifference(payload: DocHandleChangePayload<VolumeDoc>): void {
    const before = new Set(idsOf(payload.patchInfo.before));
    const after = recordsOf(payload.doc);
    const afterIds = new Set(after.map((r) => r.id));
    const added = after.filter((r) => !before.has(r.id));
    const removed = [...before].filter((id) => !afterIds.has(id));
    if (added.length > 0 || removed.length > 0) this.#emit({ added, removed });
  }

  #emit(change: { added: RecordEnvelope[]; removed: string[] }): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Called with the records of every volume as it opens, then with each change. */
  onRecords(listener: RecordsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called when a peer's reported heads of any volume change (what it holds). */
  onPeerHeads(listener: () => void): () => void {
    this.#peerHeadsListeners.add(listener);
    return () => this.#peerHeadsListeners.delete(listener);
  }

  /** Of these ids, those a peer (by its storage id) holds, as far as its last reported heads show. */
  /** Which of these records the relay is known to hold: the repo's one peer that stores documents (a device talks to one relay). */
  heldByRelay(ids: readonly string[]): Set<string> {
    const relay = Object.values(this.repo.peerMetadataByPeerId).find((metadata) => metadata?.storageId && !metadata.isEphemeral)?.storageId;
    return relay ? this.heldBy(relay, ids) : new Set();
  }

  heldBy(storageId: StorageId, ids: readonly string[]): Set<string> {
    const held = new Set<string>();
    for (const handle of this.#volumes.values()) {
      const heads = handle.getSyncInfo(storageId)?.lastHeads;
      const doc = handle.doc();
      if (!heads || !doc) continue;
      // Heads from before the shared genesis show no records at all.
      const theirs = Automerge.view(doc, decodeHeads(heads)).records as VolumeDoc["records"] | undefined;
      for (const id of ids) if (theirs?.[shardOf(id)]?.[id] instanceof Uint8Array) held.add(id);
    }
    return held;
  }

  /** Every record in every volume. */
  async records(): Promise<RecordEnvelope[]> {
    await this.#openListedVolumes();
    return this.volumeNumbers().flatMap((n) => recordsOf(this.#volumes.get(n)?.doc()));
  }

  /** Ids present in the documents now. */
  presentIds(): Set<string> {
    const ids = new Set<string>();
    for (const handle of this.#volumes.values()) for (const id of idsOf(handle.doc())) ids.add(id);
    return ids;
  }

  /**
   * Writes records that are not in the documents yet (or, with overwrite, puts
   * them back over whatever their key holds), many per change, into the lowest
   * volume with room, opening a new volume when all are full.
   */
  async write(records: readonly RecordEnvelope[], options: { overwrite?: boolean } = {}): Promise<number> {
    const present = options.overwrite ? new Set<string>() : this.presentIds();
    const missing = records.filter((r) => !present.has(r.id));
    let next = 0;
    while (next < missing.length) {
      const n = await this.#volumeWithRoom();
      const handle = this.#volumes.get(n) as DocHandle<VolumeDoc>;
      const room = MAX_RECORDS_PER_VOLUME - countRecords(handle.doc());
      const batch = missing.slice(next, next + room);
      handle.change((doc) => {
        repairVolume(doc);
        for (const record of batch) doc.records[shardOf(record.id)]![record.id] = record.envelope;
      });
      next += batch.length;
    }
    return missing.length;
  }

  async #volumeWithRoom(): Promise<number> {
    const numbers = this.volumeNumbers();
    for (const n of numbers) {
      if (countRecords((await this.#volume(n)).doc()) < MAX_RECORDS_PER_VOLUME) return n;
    }
    const n = (numbers[numbers.length - 1] ?? 0) + 1;
    await this.#volume(n);
    this.index.change((doc) => repairIndex(doc, [n]));
    return n;
  }
}

function countRecords(doc: VolumeDoc | undefined): number {
  return recordsOf(doc).length;
}

/** A patch that replaces or deletes `records` or one of its shard maps, rather than one record. */
function isStructural(patch: { path: readonly unknown[] }): boolean {
  return patch.path.length === 0 || (patch.path[0] === "records" && patch.path.length < 3);
}

/** Every record of several groups (a town pool): the core derives them as one ledger of separate groups. */
export async function poolRecords(repo: Repo, groupHexes: readonly string[]): Promise<RecordEnvelope[]> {
  const groups = await Promise.all(groupHexes.map(async (groupHex) => (await GroupDocuments.open(repo, groupHex)).records()));
  return groups.flat();
}
