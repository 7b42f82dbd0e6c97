// The stock WebSocket server adapter, guarded: every frame must come from the
// authenticated connection's own peer id, decode as a known message type and
// stay within the connection's rate; anything else closes that socket only.
// (automerge-repo 2.5.6 itself crashes on a single CBOR null frame.)
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { cbor } from "@automerge/automerge-repo";
import type { WebSocket, WebSocketServer } from "ws";

export interface Connection {
  peerId: string;
  deviceHex: string;
  ip: string;
  tokens: number;
  refilledMs: number;
}

const CLIENT_MESSAGE_TYPES = new Set(["join", "request", "sync", "doc-unavailable", "leave", "remote-subscription-change", "remote-heads-changed"]);
const DOCUMENT_ID = /^[1-9A-HJ-NP-Za-km-z]{10,40}$/;

export class GuardedServerAdapter extends WebSocketServerAdapter {
  constructor(
    server: WebSocketServer,
    readonly connections: WeakMap<WebSocket, Connection>,
    readonly rate: { messagesPerSecond: number; messageBurst: number },
    readonly onReject: (connection: Connection | undefined, reason: string) => void,
  ) {
    super(server as never);
  }

  override receiveMessage(messageBytes: Uint8Array, socket: WebSocket): void {
    const connection = this.connections.get(socket);
    const problem = connection ? this.#problem(messageBytes, connection) : "unauthenticated socket";
    if (problem) {
      this.onReject(connection, problem);
      socket.close(1008, problem.slice(0, 100));
      return;
    }
    try {
      super.receiveMessage(messageBytes as never, socket as never);
    } catch (error) {
      this.onReject(connection, `message failed: ${(error as Error).message}`);
      socket.close(1011, "message failed");
    }
  }

  #problem(messageBytes: Uint8Array, connection: Connection): string | null {
    const nowMs = Date.now();
    connection.tokens = Math.min(this.rate.messageBurst, connection.tokens + ((nowMs - connection.refilledMs) * this.rate.messagesPerSecond) / 1000);
    connection.refilledMs = nowMs;
    if (connection.tokens < 1) return "too many messages";
    connection.tokens -= 1;
    let message: unknown;
    try {
      message = cbor.decode(messageBytes);
    } catch {
      return "frame is not CBOR";
    }
    if (message === null || typeof message !== "object" || Array.isArray(message)) return "frame is not a message";
    const { type, senderId, targetId, documentId, data } = message as Record<string, unknown>;
    if (typeof type !== "string" || !CLIENT_MESSAGE_TYPES.has(type)) return `unknown message type`;
    if (senderId !== connection.peerId) return "sender is not this connection's peer";
    if (type !== "join" && targetId !== this.peerId) return "message is not addressed to the relay";
    if (documentId !== undefined && (typeof documentId !== "string" || !DOCUMENT_ID.test(documentId))) return "bad document id";
    if (data !== undefined && !(data instanceof Uint8Array)) return "bad message data";
    if ((type === "sync" || type === "request") && (documentId === undefined || data === undefined)) return "incomplete sync message";
    return null;
  }
}
