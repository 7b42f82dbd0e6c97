// The stock WebSocket server adapter, guarded: every frame must come from the
// authenticated connection's own peer id, start with one join, match the
// message schema, stay within the connection's rate, name a document the
// relay holds for a group it serves, and change it only as the change schema
// allows and within its size limit, with any record of another group one a
// pool's documents may carry (checked against the relay's records, so the
// connection's later messages wait for that answer, in order). Anything else
// closes that socket only, before automerge-repo sees it. (automerge-repo 2.5.6 itself crashes on a
// single CBOR null frame, and on a storage id it cannot use as a file name.)
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { cbor, type Message } from "@automerge/automerge-repo";
import type { WebSocket, WebSocketServer } from "ws";
import type { Limits } from "../limits.ts";
import { checkSyncData, type DocumentKind } from "./change-schema.ts";
import { parseClientMessage } from "./message-schema.ts";

export interface Connection {
  peerId: string;
  deviceHex: string;
  ip: string;
  tokens: number;
  refilledMs: number;
  /** Bytes the connection may still send before it is slowed down. */
  byteTokens: number;
  joined: boolean;
  lastFrameMs: number;
  /** A relay whose key the operator listed (TALLY_RELAY_PEERS): it syncs pools' documents as a peer. */
  relayPeer?: boolean;
  /** Messages waiting behind one whose carried records are being checked, in order. */
  waiting?: Promise<void> | null;
  /** How many messages wait there. */
  queued?: number;
}

export interface GuardOptions {
  limits: Limits;
  /** The document's group and number when the relay holds it for a group it serves, else null. */
  knownDocument(documentId: string): DocumentKind | null;
  /** Bytes stored for a document now. */
  documentBytes(documentId: string): number;
  onReject(connection: Connection | undefined, reason: string): void;
  /** A member's change to a document refused by the change schema: coordinators are told who tried what. */
  onRefusedChange(connection: Connection, message: Message): void;
  /** A peer's changes to a document, taken: called before automerge-repo sees them. */
  onAcceptedChanges(peerId: string, documentId: string, hashes: string[]): void;
  /** Why records of other groups may not be put in this document (only a pool's may hold some), or null. */
  carriedProblem(documentId: string, envelopes: Uint8Array[]): Promise<string | null>;
}

export class GuardedServerAdapter extends WebSocketServerAdapter {
  constructor(
    server: WebSocketServer,
    readonly connections: WeakMap<WebSocket, Connection>,
    readonly guard: GuardOptions,
  ) {
    super(server as never);
  }

  // The stock adapter is "ready" only once a first client connects, and until then automerge-repo waits
  // on it to decide that a document nobody stored is unavailable: a relay restarting with an index that
  // lists a volume it never stored would wait for ever before listening. A relay is the server: no
  // peers at start means nobody else has the document.
  override isReady(): boolean {
    return true;
  }

  override whenReady(): Promise<void> {
    return Promise.resolve();
  }

  override receiveMessage(messageBytes: Uint8Array, socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (connection?.waiting) {
      connection.queued = (connection.queued ?? 0) + 1;
      if (connection.queued > this.guard.limits.messageBurst) return this.#refuse(connection, socket, "too many messages waiting");
      this.#after(connection, () => {
        connection.queued = (connection.queued ?? 1) - 1;
        this.#receive(messageBytes, socket, connection);
      });
      return;
    }
    this.#receive(messageBytes, socket, connection);
  }

  /** Runs `next` once the connection's earlier messages are through. */
  #after(connection: Connection, next: () => void | Promise<void>): void {
    const waiting: Promise<void> = (connection.waiting ?? Promise.resolve())
      .then(next)
      .catch((error: unknown) => this.guard.onReject(connection, `message failed: ${(error as Error).message}`))
      .finally(() => {
        if (connection.waiting === waiting) connection.waiting = null;
      });
    connection.waiting = waiting;
  }

  #receive(messageBytes: Uint8Array, socket: WebSocket, connection: Connection | undefined): void {
    const problem = connection ? this.#problem(messageBytes, connection, socket) : "unauthenticated socket";
    if (problem instanceof Carried && connection) {
      this.#after(connection, async () => {
        const refused = await this.guard.carriedProblem(problem.documentId, problem.envelopes);
        if (refused) return this.#refuse(connection, socket, refused);
        if (problem.hashes.length > 0) this.guard.onAcceptedChanges(connection.peerId, problem.documentId, problem.hashes);
        this.#deliver(messageBytes, socket, connection);
      });
      return;
    }
    if (problem instanceof Dropped) {
      this.guard.onReject(connection, problem.reason); // the connection goes on with its other documents
      return;
    }
    if (problem) return this.#refuse(connection, socket, problem as string);
    this.#deliver(messageBytes, socket, connection);
  }

  #refuse(connection: Connection | undefined, socket: WebSocket, problem: string): void {
    this.guard.onReject(connection, problem);
    socket.close(1008, problem.slice(0, 100));
  }

  #deliver(messageBytes: Uint8Array, socket: WebSocket, connection: Connection | undefined): void {
    if (socket.readyState !== socket.OPEN) return; // closed while its message waited
    try {
      super.receiveMessage(messageBytes as never, socket as never);
    } catch (error) {
      this.guard.onReject(connection, `message failed: ${(error as Error).message}`);
      socket.close(1011, "message failed");
    }
  }

  /** Why the frame is refused (and its socket closed), or a message dropped while the connection goes on, or one to check further, or null. */
  #problem(messageBytes: Uint8Array, connection: Connection, socket: WebSocket): string | Dropped | Carried | null {
    const nowMs = Date.now();
    connection.lastFrameMs = nowMs;
    if (!this.#withinRate(connection, messageBytes.length, nowMs, socket)) return "too many messages";
    let decoded: unknown;
    try {
      decoded = cbor.decode(messageBytes);
    } catch {
      return "frame is not CBOR";
    }
    const message = parseClientMessage(decoded);
    if (typeof message === "string") return message;
    if (message.senderId !== connection.peerId) return "sender is not this connection's peer";
    if (message.type === "join") {
      if (connection.joined) return "a second join";
      connection.joined = true;
      return null;
    }
    if (!connection.joined) return "a message before join";
    if (message.targetId !== this.peerId) return "message is not addressed to the relay";
    if (message.documentId === undefined) return null;
    const kind = this.guard.knownDocument(message.documentId);
    if (!kind) {
      // Not ours, or a group this relay does not serve: nothing is kept for it.
      this.send({ type: "doc-unavailable", senderId: this.peerId, targetId: message.senderId, documentId: message.documentId } as never);
      return new Dropped(`unknown document ${message.documentId.slice(0, 40)}`);
    }
    if (message.data === undefined || message.type === "remote-heads-changed") return null;
    const checked = checkSyncData(kind, message.data, this.guard.limits);
    if (typeof checked === "string") {
      this.guard.onRefusedChange(connection, message as unknown as Message);
      return checked;
    }
    if (checked.changeBytes > 0 && this.guard.documentBytes(message.documentId) + checked.changeBytes > this.guard.limits.maxDocumentBytes) {
      // What is stored stays served; a device whose change does not fit keeps it and may write elsewhere.
      return new Dropped(`document full (${this.guard.limits.maxDocumentBytes} bytes)`);
    }
    if (checked.carried.length > 0) return new Carried(message.documentId, checked.carried, checked.hashes);
    if (checked.hashes.length > 0) this.guard.onAcceptedChanges(message.senderId, message.documentId, checked.hashes);
    return null;
  }

  /** Messages over the rate close the socket; bytes over the rate slow it down (the socket pauses until they are earned). */
  #withinRate(connection: Connection, bytes: number, nowMs: number, socket: WebSocket): boolean {
    const { messagesPerSecond, messageBurst, bytesPerSecond, byteBurst } = this.guard.limits;
    const elapsedS = (nowMs - connection.refilledMs) / 1000;
    connection.refilledMs = nowMs;
    connection.tokens = Math.min(messageBurst, connection.tokens + elapsedS * messagesPerSecond);
    connection.byteTokens = Math.min(byteBurst, connection.byteTokens + elapsedS * bytesPerSecond);
    if (connection.tokens < 1) return false;
    connection.tokens -= 1;
    connection.byteTokens -= bytes;
    if (connection.byteTokens < 0 && !socket.isPaused) {
      socket.pause();
      setTimeout(() => socket.resume(), Math.ceil((-connection.byteTokens / bytesPerSecond) * 1000)).unref();
    }
    return true;
  }
}

/** A message the relay does not take, on a connection it keeps. */
class Dropped {
  constructor(readonly reason: string) {}
}

/** A message that puts records of other groups into a document: taken only once they are checked. */
class Carried {
  constructor(
    readonly documentId: string,
    readonly envelopes: Uint8Array[],
    readonly hashes: string[],
  ) {}
}
