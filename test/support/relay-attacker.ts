// A hostile client for relay tests: it speaks the relay's protocol by hand
// (challenge, signed upgrade, CBOR frames) so it can send what no honest
// device would, from any loopback address (127.0.0.0/8 is all loopback on
// Linux, so "another address" is 127.0.0.2, 127.0.0.3, …).
import { request } from "node:http";
import * as Automerge from "@automerge/automerge";
import WebSocket from "ws";
import { cbor } from "@automerge/automerge-repo";
import { bytesToHex, createGroup, fromBase64Url, newSeed, sha256, signRelayAuth, signerFromSeed, utf8, type Signer } from "@tally/core";

export const RELAY_PEER_ID = "relay-0.1.0";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request from a chosen loopback address (fetch cannot choose its source address). */
export function http(url: string, options: { method?: string; body?: string; from?: string; path?: string } = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, path: options.path ?? target.pathname + target.search, method: options.method ?? "GET", localAddress: options.from, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

export async function challenge(url: string, from?: string): Promise<Uint8Array | null> {
  const answer = await http(`${url}/auth/challenge`, { from });
  if (answer.status !== 200) return null;
  return fromBase64Url((JSON.parse(answer.body) as { challenge: string }).challenge);
}

/** The peer id an honest device uses: bound to its device key. */
export function peerIdOf(device: Signer, suffix = Math.random().toString(36).slice(2, 8)): string {
  return `device-${bytesToHex(device.publicKey).slice(0, 16)}-${suffix}`;
}

export interface RawConnection {
  socket: WebSocket;
  peerId: string;
  device: Signer;
  /** Frames the relay sent, decoded. */
  received: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown> | Uint8Array): void;
}

export interface ConnectOptions {
  device?: Signer;
  peerId?: string;
  founding?: Uint8Array[];
  from?: string;
}

/** Authenticates and opens a sync socket; rejects with the relay's answer when refused. */
export async function connectRaw(url: string, options: ConnectOptions = {}): Promise<RawConnection> {
  const device = options.device ?? (await signerFromSeed(newSeed()));
  const peerId = options.peerId ?? peerIdOf(device);
  const proof = await challenge(url, options.from);
  if (!proof) throw new Error(`no challenge: ${(await http(`${url}/auth/challenge`, { from: options.from })).status}`);
  const auth = await signRelayAuth(device, proof, peerId, options.founding ?? []);
  const socket = new WebSocket(`${url.replace("http", "ws")}/sync?auth=${auth}`, { localAddress: options.from });
  const received: Record<string, unknown>[] = [];
  socket.on("message", (data: Buffer) => {
    try {
      received.push(cbor.decode(new Uint8Array(data)) as Record<string, unknown>);
    } catch {
      received.push({ undecodable: true });
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => reject(new Error(`refused ${response.statusCode}: ${body.trim()}`)));
    });
    socket.once("error", reject);
  });
  socket.on("error", () => {});
  return {
    socket,
    peerId,
    device,
    received,
    closed,
    send(message) {
      socket.send(message instanceof Uint8Array ? message : cbor.encode(message));
    },
  };
}

/** Sends automerge-repo's join message, with whatever peer metadata the attacker likes. */
export function join(connection: RawConnection, peerMetadata: unknown = {}): void {
  connection.send({ type: "join", senderId: connection.peerId, peerMetadata, supportedProtocolVersions: ["1"] });
}

/** A throwaway group anyone can found: its founder device and the records that found it. */
export async function throwawayGroup(label: string): Promise<{ device: Signer; groupHex: string; founding: Uint8Array[] }> {
  const member = await signerFromSeed(sha256(utf8(`throwaway-member/${label}`)));
  const device = await signerFromSeed(sha256(utf8(`throwaway-device/${label}`)));
  const created = await createGroup(member, device, {
    name: `Throwaway ${label}`,
    founderName: "Mallory",
    nonce: sha256(utf8(`throwaway-nonce/${label}`)).slice(0, 16),
    creditLimitMinutes: 600,
    joiningBonusMinutes: 0,
    confirmation: "both",
  });
  return { device, groupHex: bytesToHex(created.groupId), founding: created.records.map((r) => r.envelope) };
}

/** Resolves once the relay has closed this connection (or rejects after a deadline). */
export async function closedWithin(connection: RawConnection, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("the relay kept the connection open")), timeoutMs)));
  try {
    return await Promise.race([connection.closed, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A sync message from a device that holds `doc` and knows nothing of the relay's copy. */
export function syncMessageFrom(doc: Automerge.Doc<unknown>): Uint8Array {
  const [, message] = Automerge.generateSyncMessage(doc, Automerge.initSyncState());
  if (!message) throw new Error("nothing to sync");
  return message;
}

/** Sends a sync (or request) message for a document, carrying whatever Automerge document the attacker built. */
export function sendDocument(connection: RawConnection, documentId: string, doc: Automerge.Doc<unknown>, type: "sync" | "request" = "sync"): void {
  connection.send({ type, senderId: connection.peerId, targetId: RELAY_PEER_ID, documentId, data: syncMessageFrom(doc) });
}

/** Sends every change of `doc` that `since` lacks, as one sync message (what a device sends once it knows the relay's heads). */
export function sendChanges(connection: RawConnection, documentId: string, since: Automerge.Doc<unknown>, doc: Automerge.Doc<unknown>): void {
  const changes = Automerge.getChanges(since, doc);
  const data = Automerge.encodeSyncMessage({ heads: Automerge.getHeads(doc), need: [], have: [{ lastSync: Automerge.getHeads(since), bloom: new Uint8Array() }], changes });
  connection.send({ type: "sync", senderId: connection.peerId, targetId: RELAY_PEER_ID, documentId, data });
}
