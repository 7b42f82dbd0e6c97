// "Synced" must mean "on the relay's disk". A sync message tells a device the
// relay's heads, and the device's outbox clears every record those heads
// include; automerge-repo sends it at once and saves the document up to 100 ms
// later. So every message the relay sends about a document waits until that
// document is saved and fsynced, in order per peer. Saves of one document are
// coalesced: messages queued while a save runs share the next one.
//
// Every save also takes the document as it is when the save runs, not as it
// was when the save was scheduled: automerge-repo's throttled save can run
// with a copy older than one just saved here, and if that save compacts, its
// snapshot lacks the newer changes while it deletes the chunk that held them.
import type { DocumentId, Message, NetworkAdapter, Repo } from "@automerge/automerge-repo";

/** Messages one peer may have waiting for a save; past this its connection is too slow to serve. */
const MAX_WAITING_PER_PEER = 10_000;

export class DurableReplies {
  readonly #saving = new Map<string, Promise<void>>();
  readonly #next = new Map<string, Promise<void>>();
  readonly #queues = new Map<string, { tail: Promise<void>; waiting: number }>();

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

  #send(message: Message, send: (message: Message) => void): void {
    const documentId = "documentId" in message ? (message.documentId as DocumentId | undefined) : undefined;
    const peer = message.targetId as string;
    const queue = this.#queues.get(peer) ?? { tail: Promise.resolve(), waiting: 0 };
    if (queue.waiting >= MAX_WAITING_PER_PEER) {
      this.log(`dropped a message to peer=${peer}: ${MAX_WAITING_PER_PEER} already wait for the disk`);
      return;
    }
    queue.waiting++;
    this.#queues.set(peer, queue);
    // Asked for once the call stack unwinds: automerge-repo sends a reply from
    // inside the update that applies the peer's changes, before the handle holds them.
    const saved = Promise.resolve().then(() => (documentId ? this.saved(documentId) : undefined));
    queue.tail = queue.tail
      .then(() => saved)
      .then(
        () => send(message),
        (error: unknown) => this.log(`error saving document ${documentId} before replying: ${(error as Error).message}`),
      )
      .finally(() => {
        if (--queue.waiting === 0 && this.#queues.get(peer) === queue) this.#queues.delete(peer);
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
    const ready = this.repo.handles[documentId]?.isReady() ?? false;
    const run = (ready ? this.repo.flush([documentId]) : Promise.resolve()).finally(() => {
      if (this.#saving.get(documentId) === run) this.#saving.delete(documentId);
    });
    this.#saving.set(documentId, run);
    return run;
  }
}
