// A group's records as they travel: an index document listing record volumes,
// and volumes of bounded size holding each record as one atomic byte value,
// keyed by id in maps sharded by id prefix. Transport only: whoever reads
// them hands the envelopes to the core, which decides what they are worth.
import * as Automerge from "@automerge/automerge";
import { decodeHeads, type DocHandle, type DocHandleChangePayload, type Repo, type StorageId } from "@automerge/automerge-repo";
import { documentUrl, INDEX_DOCUMENT } from "./doc-ids.ts";
import { INDEX_GENESIS, SHARDS, shardOf, VOLUME_GENESIS, type IndexDoc, type VolumeDoc } from "./genesis.ts";

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
    index.on("change", () => void docs.#openListedVolumes());
    await docs.#openListedVolumes();
    return docs;
  }

  /** Volume numbers listed in the index, ascending. */
  volumeNumbers(): number[] {
    const volumes = this.index.doc()?.volumes ?? {};
    return Object.keys(volumes)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1)
      .sort((a, b) => a - b);
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
    const added: RecordEnvelope[] = [];
    const removed: string[] = [];
    for (const patch of payload.patches) {
      const [root, shard, id] = patch.path;
      if (root !== "records" || typeof shard !== "string" || typeof id !== "string" || patch.path.length !== 3) continue;
      if (patch.action === "put" && patch.value instanceof Uint8Array) added.push({ id, envelope: patch.value });
      else if (patch.action === "del") removed.push(id);
    }
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
  heldBy(storageId: StorageId, ids: readonly string[]): Set<string> {
    const held = new Set<string>();
    for (const handle of this.#volumes.values()) {
      const heads = handle.getSyncInfo(storageId)?.lastHeads;
      const doc = handle.doc();
      if (!heads || !doc) continue;
      // Heads from before the shared genesis show no records at all.
      const theirs = Automerge.view(doc, decodeHeads(heads)).records as VolumeDoc["records"] | undefined;
      for (const id of ids) if (theirs?.[shardOf(id)]?.[id] !== undefined) held.add(id);
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
    for (const handle of this.#volumes.values()) {
      const records = handle.doc()?.records ?? {};
      for (const shard of SHARDS) for (const id of Object.keys(records[shard] ?? {})) ids.add(id);
    }
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
    this.index.change((doc) => {
      doc.volumes[String(n)] = true;
    });
    return n;
  }
}

function countRecords(doc: VolumeDoc | undefined): number {
  let count = 0;
  for (const shard of SHARDS) count += Object.keys(doc?.records?.[shard] ?? {}).length;
  return count;
}

function recordsOf(doc: VolumeDoc | undefined): RecordEnvelope[] {
  const out: RecordEnvelope[] = [];
  for (const shard of SHARDS) {
    const records = doc?.records?.[shard] ?? {};
    for (const id of Object.keys(records)) {
      const envelope = records[id];
      if (envelope instanceof Uint8Array) out.push({ id, envelope });
    }
  }
  return out;
}

/** Every record of several groups (a town pool): the core derives them as one ledger of separate groups. */
export async function poolRecords(repo: Repo, groupHexes: readonly string[]): Promise<RecordEnvelope[]> {
  const groups = await Promise.all(groupHexes.map(async (groupHex) => (await GroupDocuments.open(repo, groupHex)).records()));
  return groups.flat();
}
