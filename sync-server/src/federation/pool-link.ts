// A group relay's one connection to its town's pool relay (TALLY_POOL_RELAY):
// an ordinary automerge-repo peer connection, authenticated with the relay's
// key as a device authenticates with its own, retried with backoff when the
// pool relay is down (nothing is lost: every record is in the group relays'
// stores and on the devices). Everything the pool relay sends is checked as a
// device's frames are (`check`), in order, before the repo sees it; a
// message that fails is dropped with a one-line reason.
import { NetworkAdapter, type Message, type PeerId, type PeerMetadata } from "@automerge/automerge-repo";
import WebSocket from "ws";
import type { Signer } from "@tally/core";
import { RelayClientAdapter, type RelayStatus } from "@tally/documents";

export interface PoolLinkOptions {
  url: string;
  relayKey: Signer;
  minRetryMs: number;
  maxRetryMs: number;
  /** Why a message from the pool relay is not taken, or null. */
  check(message: unknown, from: PeerId): Promise<string | null>;
  onDropped(reason: string): void;
  /** Messages that may wait for their check at once; past this the connection is dropped and made again. */
  maxWaiting: number;
}

export class PoolLink extends NetworkAdapter {
  readonly #inner: RelayClientAdapter;
  #remote: PeerId | null = null;
  #queue: Promise<void> = Promise.resolve();
  #waiting = 0;

  constructor(readonly options: PoolLinkOptions) {
    super();
    this.#inner = new RelayClientAdapter({
      relayUrl: options.url,
      device: options.relayKey,
      WebSocket: WebSocket as never,
      minRetryMs: options.minRetryMs,
      maxRetryMs: options.maxRetryMs,
    });
    this.#inner.on("peer-candidate", (event) => {
      this.#remote = event.peerId;
      this.emit("peer-candidate", event);
    });
    this.#inner.on("peer-disconnected", (event) => {
      if (this.#remote === event.peerId) this.#remote = null;
      this.emit("peer-disconnected", event);
    });
    this.#inner.on("message", (message) => this.#received(message));
  }

  /** The pool relay's peer id while connected. */
  get remotePeerId(): PeerId | null {
    return this.#remote;
  }

  get status(): RelayStatus {
    return this.#inner.status;
  }

  onStatus(listener: (status: RelayStatus) => void): () => void {
    return this.#inner.onStatus(listener);
  }

  #received(message: Message): void {
    const from = this.#remote;
    if (from === null) return;
    if (++this.#waiting > this.options.maxWaiting) {
      this.#waiting = 0;
      this.options.onDropped("too many messages waiting from the pool relay; connecting again");
      this.#inner.reconnect();
      return;
    }
    this.#queue = this.#queue
      .then(async () => {
        const problem = await this.options.check(message, from);
        if (problem) return this.options.onDropped(problem);
        // A message checked after its connection closed belongs to a peer the repo has forgotten.
        if (this.#remote === from) this.emit("message", message);
      })
      .catch((error: unknown) => this.options.onDropped(`message failed: ${(error as Error).message}`))
      .finally(() => {
        this.#waiting = Math.max(0, this.#waiting - 1);
      });
  }

  isReady(): boolean {
    return this.#inner.isReady();
  }

  whenReady(): Promise<void> {
    return this.#inner.whenReady();
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata;
    this.#inner.connect(peerId, peerMetadata);
  }

  send(message: Message): void {
    this.#inner.send(message);
  }

  disconnect(): void {
    this.#inner.disconnect();
  }
}
