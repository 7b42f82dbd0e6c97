// "Synced" must mean "on the relay's disk". A sync message tells a device the
// relay's heads, and the device's outbox clears every record those heads
// include; automerge-repo sends it at once and saves the document up to 100 ms
// later. So a message to a peer about a document waits, while that peer has
// changes in it not yet saved, until the document is saved and fsynced; other
// peers' messages (the change on its way to the rest of the group) go at
// once, since they claim nothing about what those peers wrote. Order per peer
// is kept. Saves of one document are coalesced: messages queued while a save
// runs share the next one.
//
// Every save also takes the document as it is when the save runs, not as it
// was when the save was scheduled: automerge-repo's throttled save can run
// with a copy older than one just saved here, and if that save compacts, its
// snapshot lacks the newer changes while it deletes the chunk that held them.
import * as Automerge from "@automerge/automerge";
import type { DocumentId, Message, NetworkAdapter, Repo } from "@automerge/automerge-repo";

/** Messages one peer may have waiting for a save; past this its connection is too slow to serve. */
const MAX_WAITING_PER_PEER = 10_000;
/** Changes of one peer to one document noted as unsaved at most (oldest dropped first). */
const MAX_UNSAVED_PER_DOCUMENT = 10_000;

export class DurableReplies {
  readonly #saving = new Map<string, Promise<void>>();
  readonly #next = new Map<string, Promise<void>>();
  readonly #queues = new Map<string, { tail: Promise<void>; waiting: number }>();
  /** document → peer → hashes of the changes it sent that are not known to be saved (by document: a save touches only its own). */
  readonly #unsaved = new Map<DocumentId, Map<string, Set<string>>>();

  constructor(
    readonly repo: Repo,
    readonly log: (line: string) => void,
  ) {
    const storage = repo.storageSubsystem;
    if (storage) {
      const saveDoc = storage.saveDoc.bind(storage);
      storage.saveDoc = (documentId, doc) => {
        const handle = repo.handles[documentId];
        return saveDoc(documentId, handle?.isReady() ? handle.doc() : doc);
      };
    }
  }

  /** Makes the adapter's send wait for the documents its messages speak for. */
  guard(adapter: NetworkAdapter): void {
    const send = adapter.send.bind(adapter);
    adapter.send = (message: Message) => this.#send(message, send);
  }

  /** A peer's changes to a document, noted before automerge-repo applies them. */
  noteChanges(peer: string, documentId: DocumentId, hashes: readonly string[]): void {
    const byPeer = this.#unsaved.get(documentId) ?? new Map<string, Set<string>>();
    this.#unsaved.set(documentId, byPeer);
    const unsaved = byPeer.get(peer) ?? new Set<string>();
    byPeer.set(peer, unsaved);
    for (const hash of hashes) unsaved.add(hash);
    // Kept across reconnects (the next save clears them); only changes that never apply (missing deps) could pile up.
    for (const hash of unsaved) {
      if (unsaved.size <= MAX_UNSAVED_PER_DOCUMENT) break;
      unsaved.delete(hash);
    }
  }

  #send(message: Message, send: (message: Message) => void): void {
    const documentId = "documentId" in message ? (message.documentId as DocumentId | undefined) : undefined;
    const peer = message.targetId as string;
    const mustSave = documentId !== undefined && (this.#unsaved.get(documentId)?.get(peer)?.size ?? 0) > 0;
    const queue = this.#queues.get(peer);
    if (!mustSave && !queue) return send(message);
    if (queue && queue.waiting >= MAX_WAITING_PER_PEER) {
      this.log(`dropped a message to peer=${peer}: ${MAX_WAITING_PER_PEER} already wait for the disk`);
      return;
    }
    const waiting = queue ?? { tail: Promise.resolve(), waiting: 0 };
    waiting.waiting++;
    this.#queues.set(peer, waiting);
    // Asked for once the call stack unwinds: automerge-repo sends a reply from
    // inside the update that applies the peer's changes, before the handle holds them.
    const saved = mustSave ? Promise.resolve().then(() => this.saved(documentId)) : undefined;
    waiting.tail = waiting.tail
      .then(() => saved)
      .then(
        () => send(message),
        (error: unknown) => this.log(`error saving document ${documentId} before replying: ${(error as Error).message}`),
      )
      .finally(() => {
        if (--waiting.waiting === 0 && this.#queues.get(peer) === waiting) this.#queues.delete(peer);
      });
  }

  /**
   * Resolves once everything the document holds now is on disk. A save
   * already running may have begun before the latest change, so a caller
   * arriving during one waits for the one after it (shared by all such callers).
   */
  saved(documentId: DocumentId): Promise<void> {
    const next = this.#next.get(documentId);
    if (next) return next;
    const running = this.#saving.get(documentId);
    if (!running) return this.#start(documentId);
    const queued = running.catch(() => {}).then(() => {
      this.#next.delete(documentId);
      return this.#start(documentId);
    });
    this.#next.set(documentId, queued);
    return queued;
  }

  #start(documentId: DocumentId): Promise<void> {
    // A document not loaded (yet) has no heads to report.
    const handle = this.repo.handles[documentId];
    const doc = handle?.isReady() ? handle.doc() : null;
    // The peers' unsaved changes the document holds now: the save starting now covers them.
    const covered = doc ? [...(this.#unsaved.get(documentId)?.values() ?? [])].map((unsaved) => [unsaved, [...unsaved].filter((hash) => Automerge.hasHeads(doc, [hash]))] as const) : [];
    const run = (doc ? this.repo.flush([documentId]) : Promise.resolve())
      .then(() => {
        for (const [unsaved, hashes] of covered) for (const hash of hashes) unsaved.delete(hash);
        this.#forgetSaved(documentId);
      })
      .finally(() => {
        if (this.#saving.get(documentId) === run) this.#saving.delete(documentId);
      });
    this.#saving.set(documentId, run);
    return run;
  }

  #forgetSaved(documentId: DocumentId): void {
    const byPeer = this.#unsaved.get(documentId);
    if (!byPeer) return;
    for (const [peer, unsaved] of byPeer) if (unsaved.size === 0) byPeer.delete(peer);
    if (byPeer.size === 0) this.#unsaved.delete(documentId);
  }
}
