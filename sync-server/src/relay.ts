// The relay: one process, one port. It serves the app, the sync WebSocket
// (automerge-repo over ws, on disk), device authentication at the upgrade,
// join requests through invites, new devices of members, and /health. It is a convenience, never an
// authority: it cannot forge a record, and what it could hide, peers bring back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { bytesToHex, fromBase64Url, inviteSignatureValid, parseInvite, parseRelayAuth, relayAuthValid } from "@tally/core";
import { Challenges } from "./auth/challenges.ts";
import { RelayGroups } from "./groups/relay-groups.ts";
import { EditWatch } from "./groups/edit-watch.ts";
import { serveGroupEdits } from "./http/group-edits.ts";
import { json, readBody } from "./http/json.ts";
import { MemberDevices } from "./http/member-devices.ts";
import { serveStatic } from "./http/static-files.ts";
import { LIMITS, type Limits } from "./limits.ts";
import { GuardedServerAdapter, type Connection } from "./network/guarded-adapter.ts";
import { AtomicFsStorage } from "./storage/atomic-fs-storage.ts";
import { DurableReplies } from "./storage/durable-replies.ts";

export const VERSION = "0.1.0";

export interface RelayOptions {
  port: number;
  host?: string;
  dataDir: string;
  appDir: string;
  limits?: Partial<Limits>;
  log?: (line: string) => void;
}

export interface Relay {
  port: number;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const limits: Limits = { ...LIMITS, ...options.limits };
  const log = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  const startedMs = Date.now();
  const storage = new AtomicFsStorage(`${options.dataDir}/documents`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  const connections = new WeakMap<WebSocket, Connection>();
  const byPeer = new Map<string, Connection>();
  const socketByPeer = new Map<string, WebSocket>();
  const perIp = new Map<string, number>();
  const perDevice = new Map<string, number>();
  const adapter = new GuardedServerAdapter(wss, connections, limits, (connection, reason) =>
    log(`rejected frame device=${connection?.deviceHex.slice(0, 8) ?? "-"} ip=${connection?.ip ?? "-"}: ${reason}`),
  );
  let groups: RelayGroups | null = null;
  // automerge-repo asks for every (peer, document) pair on every change; decisions change only with membership.
  const decisions = new Map<string, boolean>();
  const repo = new Repo({
    storage,
    network: [adapter],
    peerId: `relay-${VERSION}` as PeerId,
    shareConfig: {
      announce: async () => false,
      access: async (peerId, documentId) => {
        const connection = byPeer.get(peerId);
        if (!connection || !groups) return false;
        if (storage.documentBytes(documentId) > limits.maxDocumentBytes) {
          log(`refused document ${documentId}: over ${limits.maxDocumentBytes} bytes`);
          return false;
        }
        const key = `${connection.deviceHex}|${documentId}`;
        let allowed = decisions.get(key);
        if (allowed === undefined) {
          allowed = groups.mayAccess(connection.deviceHex, documentId);
          if (decisions.size > 500_000) decisions.clear();
          decisions.set(key, allowed);
        }
        return allowed;
      },
    },
  });
  new DurableReplies(repo, log).guard(adapter);
  // Clients that connect before the network adapter is attached get a dead socket (automerge-repo startup race).
  await repo.storageId();
  await new Promise((resolve) => setImmediate(resolve));
  groups = new RelayGroups(
    repo,
    options.dataDir,
    () => {
      decisions.clear();
      repo.shareConfigChanged();
    },
    log,
  );
  await groups.load();
  const edits = new EditWatch(repo, groups, options.dataDir, log);
  edits.watch(adapter, (peerId) => byPeer.get(peerId)?.deviceHex ?? null);

  const challenges = new Challenges(limits.challengeTtlMs, limits.maxOutstandingChallenges);
  const joinsByInvite = new Map<string, number>();
  const memberDevices = new MemberDevices(groups, challenges, limits, log);
  const server: Server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log(`error http ${request.method} ${request.url}: ${(error as Error).message}`);
      if (!response.headersSent) json(response, 500, { error: "internal error" });
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://relay");
    if (request.method === "GET" && url.pathname === "/health") {
      return json(response, 200, {
        version: VERSION,
        uptimeS: Math.round((Date.now() - startedMs) / 1000),
        documents: storage.documentCount(),
        groups: groups?.size ?? 0,
        connections: wss.clients.size,
        rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      });
    }
    if (request.method === "GET" && url.pathname === "/auth/challenge") {
      const challenge = challenges.issue(Date.now());
      return challenge ? json(response, 200, { challenge, ttlMs: limits.challengeTtlMs }) : json(response, 503, { error: "busy" });
    }
    if (request.method === "POST" && url.pathname === "/join") return handleJoin(request, response);
    if (request.method === "GET" && url.pathname === "/edits") return serveGroupEdits(url, response, groups as RelayGroups, challenges, edits);
    if (request.method === "POST" && (url.pathname === "/recover" || url.pathname === "/link")) return memberDevices.handle(request, response, url.pathname);
    if (request.method === "GET" || request.method === "HEAD") return serveStatic(options.appDir, url.pathname, response);
    json(response, 405, { error: "method not allowed" });
  }

  async function handleJoin(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, limits.maxRequestBytes);
    let parsed: { invite?: unknown; records?: unknown };
    try {
      parsed = JSON.parse(body ?? "") as typeof parsed;
    } catch {
      return json(response, 400, { error: "expected JSON {invite, records}" });
    }
    const invite = typeof parsed.invite === "string" ? parseInvite(parsed.invite) : null;
    const records = Array.isArray(parsed.records) ? parsed.records.map((r) => (typeof r === "string" ? fromBase64Url(r) : null)) : [];
    if (!invite || records.length !== 2 || records.some((r) => r === null)) return json(response, 400, { error: "expected an invite and two records" });
    const key = parsed.invite as string;
    const used = joinsByInvite.get(key) ?? 0;
    if (used >= limits.joinsPerInvite) return json(response, 429, { error: "this invite has been used too often" });
    if (!(await inviteSignatureValid(invite))) return json(response, 403, { error: "the invite's signature is not valid" });
    const problem = await (groups as RelayGroups).join(invite, records as Uint8Array[], Date.now());
    if (problem) return json(response, 403, { error: problem });
    joinsByInvite.set(key, used + 1);
    log(`join request accepted group=${bytesToHex(invite.group).slice(0, 8)}`);
    json(response, 202, { ok: true });
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    authenticate(request)
      .then((result) => {
        if (typeof result === "string") {
          log(`refused connection ip=${request.socket.remoteAddress}: ${result}`);
          socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${result}\n`);
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => accept(ws, result));
      })
      .catch((error: unknown) => {
        log(`error upgrade: ${(error as Error).message}`);
        socket.destroy();
      });
  });

  async function authenticate(request: IncomingMessage): Promise<Connection | string> {
    const url = new URL(request.url ?? "/", "http://relay");
    if (url.pathname !== "/sync") return "not the sync endpoint";
    const ip = request.socket.remoteAddress ?? "?";
    if ((perIp.get(ip) ?? 0) >= limits.connectionsPerIp) return "too many connections from this address";
    const auth = parseRelayAuth(url.searchParams.get("auth") ?? "");
    if (!auth) return "missing or malformed auth";
    if (!challenges.redeem(auth.challenge, Date.now())) return "unknown, used or expired challenge";
    if (!(await relayAuthValid(auth))) return "bad signature";
    const deviceHex = bytesToHex(auth.device);
    if ((perDevice.get(deviceHex) ?? 0) >= limits.connectionsPerDevice) return "too many connections for this device";
    const previous = byPeer.get(auth.peerId);
    if (previous && previous.deviceHex !== deviceHex) return "peer id in use by another device";
    if (auth.founding.length > 0) await (groups as RelayGroups).found(deviceHex, auth.founding);
    return { peerId: auth.peerId, deviceHex, ip, tokens: limits.messageBurst, refilledMs: Date.now() };
  }

  function accept(ws: WebSocket, connection: Connection): void {
    // The same device reconnecting before its old socket timed out (lost signal): the new one replaces it.
    const previous = socketByPeer.get(connection.peerId);
    if (previous) previous.terminate();
    socketByPeer.set(connection.peerId, ws);
    connections.set(ws, connection);
    byPeer.set(connection.peerId, connection);
    perIp.set(connection.ip, (perIp.get(connection.ip) ?? 0) + 1);
    perDevice.set(connection.deviceHex, (perDevice.get(connection.deviceHex) ?? 0) + 1);
    log(`connected device=${connection.deviceHex.slice(0, 8)} peer=${connection.peerId} ip=${connection.ip}`);
    ws.on("error", (error) => log(`error socket device=${connection.deviceHex.slice(0, 8)}: ${error.message}`));
    ws.on("close", () => {
      if (socketByPeer.get(connection.peerId) === ws) {
        socketByPeer.delete(connection.peerId);
        byPeer.delete(connection.peerId);
      }
      perIp.set(connection.ip, (perIp.get(connection.ip) ?? 1) - 1);
      perDevice.set(connection.deviceHex, (perDevice.get(connection.deviceHex) ?? 1) - 1);
      log(`disconnected device=${connection.deviceHex.slice(0, 8)} peer=${connection.peerId}`);
    });
    wss.emit("connection", ws, undefined);
  }

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await repo.shutdown();
    },
  };
}
