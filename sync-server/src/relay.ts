// The relay: one process, one port. It serves the app, the sync WebSocket
// (automerge-repo over ws, on disk), device authentication at the upgrade,
// join requests through invites, new devices of members, and /health. It is a convenience, never an
// authority: it cannot forge a record, and what it could hide, peers bring back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { Repo, type DocumentId, type NetworkAdapterInterface, type PeerId } from "@automerge/automerge-repo";
import { bytesToHex, fromBase64Url, inviteSignatureValid, parseInvite, parseRecord, parseRelayAuth, relayAuthValid } from "@tally/core";
import { documentIdOf } from "@tally/documents";
import { Challenges } from "./auth/challenges.ts";
import { peerIdBelongsTo } from "./auth/peer-id.ts";
import { BoundedLog } from "./bounded-log.ts";
import { RelayGroups } from "./groups/relay-groups.ts";
import { RelayPools } from "./groups/relay-pools.ts";
import { loadRelayKey } from "./federation/relay-key.ts";
import { PoolLink } from "./federation/pool-link.ts";
import { checkSyncData } from "./network/change-schema.ts";
import { parseClientMessage } from "./network/message-schema.ts";
import { EditWatch } from "./groups/edit-watch.ts";
import { serveGroupEdits } from "./http/group-edits.ts";
import { InviteUses } from "./http/invite-uses.ts";
import { json, readBody } from "./http/json.ts";
import { MemberDevices } from "./http/member-devices.ts";
import { securityHeaderLines, setSecurityHeaders } from "./http/security-headers.ts";
import { serveStatic } from "./http/static-files.ts";
import { LIMITS, type Limits } from "./limits.ts";
import { RelayMetrics } from "./operations/metrics.ts";
import { Budget, addressKey } from "./network/budget.ts";
import { GuardedServerAdapter, type Connection } from "./network/guarded-adapter.ts";
import { capConnections } from "./network/connection-caps.ts";
import { sweepIdle } from "./network/idle-sweep.ts";
import { servedDocuments } from "./network/served-documents.ts";
import { clientAddress } from "./http/client-address.ts";
import { AtomicFsStorage } from "./storage/atomic-fs-storage.ts";
import { DurableReplies } from "./storage/durable-replies.ts";
import { RelayPush } from "./push/relay-push.ts";
import type { PushConfig } from "./push/push-config.ts";

export const VERSION = "0.1.0";

export interface RelayOptions {
  port: number;
  host?: string;
  dataDir: string;
  appDir: string;
  limits?: Partial<Limits>;
  log?: (line: string) => void;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For's last hop (see http/client-address.ts). */
  trustProxy?: boolean;
  /** The bearer token for GET /metrics; without one, /metrics answers 404. */
  metricsToken?: string;
  /** Web Push (push/push-config.ts); without it, push is off. */
  push?: PushConfig;
  /** The town's pool relay (http(s) URL) this relay keeps one connection to, for its groups' pools (TALLY_POOL_RELAY). */
  poolRelayUrl?: string | null;
  /** Relay keys (hex) of the relays allowed to sync as peers (TALLY_RELAY_PEERS). */
  relayPeers?: readonly string[];
}

export interface Relay {
  port: number;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const limits: Limits = { ...LIMITS, ...options.limits };
  const trustProxy = options.trustProxy === true;
  const log = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  const bounded = new BoundedLog(log, limits.logLinesPerMinute);
  const storage = new AtomicFsStorage(`${options.dataDir}/documents`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  const connections = new WeakMap<WebSocket, Connection>();
  const byPeer = new Map<string, Connection>();
  const socketByPeer = new Map<string, WebSocket>();
  const perDevice = new Map<string, number>();
  let groups: RelayGroups | null = null;
  let pools: RelayPools | null = null;
  const relayKey = await loadRelayKey(options.dataDir);
  const relayKeyHex = bytesToHex(relayKey.publicKey);
  const relayPeers = new Set(options.relayPeers ?? []);
  log(`relay key ${relayKeyHex}${relayPeers.size > 0 ? `; ${relayPeers.size} relay peer(s) allowed` : ""}`);
  const adapter = new GuardedServerAdapter(wss, connections, {
    limits,
    knownDocument: (documentId) => knownDocument(documentId),
    documentBytes: (documentId) => storage.documentBytes(documentId),
    onReject: (connection, reason) => {
      metrics.refused(reason);
      bounded.line("rejected frame", `device=${connection?.deviceHex.slice(0, 8) ?? "-"} ip=${connection?.ip ?? "-"}: ${reason}`);
    },
    onRefusedChange: (connection, message) => edits.inspect(message, connection.deviceHex, Date.now(), { refused: true }),
    onAcceptedChanges: (peerId, documentId, hashes) => durable.noteChanges(peerId, documentId as DocumentId, hashes),
    carriedProblem: async (documentId, envelopes) => (pools ? pools.carriedProblem(documentId as DocumentId, envelopes) : "the relay is starting"),
  });
  const link = options.poolRelayUrl
    ? new PoolLink({
        url: options.poolRelayUrl,
        relayKey,
        minRetryMs: limits.poolRetryMinMs,
        maxRetryMs: limits.poolRetryMaxMs,
        maxWaiting: limits.messageBurst,
        check: (message, from) => checkFromPool(message, from),
        onDropped: (reason) => bounded.line("pool relay", `message dropped: ${reason}`),
      })
    : null;
  const isPoolRelay = (peerId: PeerId): boolean => link !== null && peerId === link.remotePeerId;
  // automerge-repo asks for every (peer, document) pair on every change; decisions change only with membership.
  const decisions = new Map<string, boolean>();
  const repo = new Repo({
    storage,
    network: [adapter, ...(link ? [link as NetworkAdapterInterface] : [])],
    // A relay that connects to a pool relay shows it a peer id bound to its relay key, as a device's is bound to its device key.
    peerId: (link ? `device-${relayKeyHex.slice(0, 16)}-relay` : `relay-${VERSION}`) as PeerId,
    shareConfig: {
      // Only pools' documents: to the pool relay, and to the devices of the groups that joined them, which may have
      // asked before this relay held them (and were told "unavailable"). A group's own documents go to devices that ask.
      announce: async (peerId, documentId) => {
        if (!pools || documentId === undefined) return false;
        if (isPoolRelay(peerId)) return pools.isJoinedPoolDocument(documentId);
        const connection = byPeer.get(peerId);
        return connection !== undefined && !connection.relayPeer && pools.mayAccess(connection.deviceHex, documentId);
      },
      access: async (peerId, documentId) => {
        if (!groups || !pools || documentId === undefined) return false;
        if (isPoolRelay(peerId)) return pools.isJoinedPoolDocument(documentId);
        const connection = byPeer.get(peerId);
        if (!connection) return false;
        if (connection.relayPeer) return pools.relayPeerMayAccess(documentId);
        const key = `${connection.deviceHex}|${documentId}`;
        let allowed = decisions.get(key);
        if (allowed === undefined) {
          allowed = groups.mayAccess(connection.deviceHex, documentId) || pools.mayAccess(connection.deviceHex, documentId);
          if (decisions.size > 500_000) decisions.clear();
          decisions.set(key, allowed);
        }
        return allowed;
      },
    },
  });
  const metrics = new RelayMetrics(
    {
      connections: () => wss.clients.size,
      groups: () => groups?.size ?? 0,
      documents: () => Object.keys(repo.handles).length,
      bytesStored: () => Object.keys(repo.handles).reduce((sum, documentId) => sum + storage.documentBytes(documentId), 0),
      recordsAccepted: () => groups?.recordCount() ?? 0,
    },
    options.metricsToken,
  );
  metrics.watchDelivery(adapter); // before DurableReplies wraps send: a change counts as delivered when it is really sent
  const durable = new DurableReplies(repo, log);
  durable.guard(adapter);
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
  pools = new RelayPools(
    repo,
    options.dataDir,
    groups,
    () => {
      decisions.clear();
      repo.shareConfigChanged();
    },
    log,
  );
  pools.start();
  if (link) log(`keeping a connection to the pool relay ${options.poolRelayUrl}`);
  const edits = new EditWatch(repo, groups, options.dataDir, log);
  edits.watch(adapter, (peerId) => byPeer.get(peerId)?.deviceHex ?? null);

  const knownDocument = servedDocuments(repo, (documentId) => storage.documentBytes(documentId), limits.maxVolumesPerGroup);

  const challenges = new Challenges(limits.challengeTtlMs, limits.maxOutstandingChallenges);
  const inviteUses = new InviteUses(options.dataDir);
  const challengesByAddress = new Budget(limits.challengesPerIpPerMinute, 60_000);
  const joinsByAddress = new Budget(limits.memberRequestsPerIpPerMinute, 60_000);
  const joinsByGroup = new Budget(limits.joinsPerGroupPerMinute, 60_000);
  const groupsByAddress = new Budget(limits.groupsPerIpPerHour, 3_600_000);
  const memberDevices = new MemberDevices(groups, challenges, limits, log);
  const push = await RelayPush.start({ dataDir: options.dataDir, config: options.push ?? { serviceHosts: [], subject: "", vapid: null }, groups, challenges, limits, line: (kind, text) => bounded.line(kind, text) });
  const server: Server = createServer(
    { headersTimeout: limits.requestHeadTimeoutMs, requestTimeout: Math.max(30_000, 2 * limits.requestHeadTimeoutMs), connectionsCheckingInterval: Math.min(1_000, limits.requestHeadTimeoutMs) },
    (request, response) => {
      setSecurityHeaders(response);
      handleHttp(request, response).catch((error: unknown) => {
        bounded.line("error", `http ${request.method} ${String(request.url).slice(0, 80)}: ${(error as Error).message}`);
        if (!response.headersSent) json(response, 500, { error: "internal error" });
      });
    },
  );
  const connectionCap = capConnections(server, limits, bounded, { perAddress: !trustProxy });
  log(`accepting up to ${connectionCap} connections, ${trustProxy ? "per address left to the proxy (TRUST_PROXY=1)" : `${limits.connectionsPerIp} per address`}`);

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request);
    if (!url) return json(response, 400, { error: "bad request target" });
    if (request.method === "GET" && url.pathname === "/health") return json(response, 200, { ok: true, version: VERSION });
    if (request.method === "GET" && url.pathname === "/metrics") return metrics.handle(request, response);
    if (request.method === "GET" && url.pathname === "/auth/challenge") {
      if (!challengesByAddress.take(addressKey(clientAddress(request, trustProxy)), Date.now())) return json(response, 429, { error: "too many challenges from this address; try again in a minute" });
      const challenge = challenges.issue(Date.now());
      return challenge ? json(response, 200, { challenge, ttlMs: limits.challengeTtlMs }) : json(response, 503, { error: "busy" });
    }
    if (request.method === "POST" && url.pathname === "/join") return handleJoin(request, response);
    if (request.method === "GET" && url.pathname === "/edits") return serveGroupEdits(url, response, groups as RelayGroups, challenges, edits);
    if (request.method === "POST" && (url.pathname === "/recover" || url.pathname === "/link")) return memberDevices.handle(request, response, url.pathname, clientAddress(request, trustProxy));
    if (url.pathname.startsWith("/push/")) return push.handle(request, response, url.pathname, clientAddress(request, trustProxy));
    if (request.method === "GET" || request.method === "HEAD") return serveStatic(options.appDir, request, response);
    json(response, 405, { error: "method not allowed" });
  }

  async function handleJoin(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!joinsByAddress.take(addressKey(clientAddress(request, trustProxy)), Date.now())) return json(response, 429, { error: "too many requests; try again in a minute" });
    const body = await readBody(request, limits.maxRequestBytes);
    let parsed: { invite?: unknown; records?: unknown };
    try {
      parsed = JSON.parse(body ?? "") as typeof parsed;
    } catch {
      return json(response, 400, { error: "expected JSON {invite, records}" });
    }
    const invite = typeof parsed?.invite === "string" ? parseInvite(parsed.invite) : null;
    const records = Array.isArray(parsed?.records) && parsed.records.length === 2 ? parsed.records.map((r) => (typeof r === "string" ? fromBase64Url(r) : null)) : [];
    if (!invite || records.length !== 2 || records.some((r) => r === null)) return json(response, 400, { error: "expected an invite and two records" });
    if (!joinsByGroup.take(bytesToHex(invite.group), Date.now())) return json(response, 429, { error: "too many join requests for this group; try again in a minute" });
    if (!(await inviteSignatureValid(invite))) return json(response, 403, { error: "the invite's signature is not valid" });
    if (!inviteUses.reserve(invite, limits.joinsPerInvite)) return json(response, 429, { error: "this invite has been used too often" });
    const problem = await (groups as RelayGroups).join(invite, records as Uint8Array[], Date.now());
    if (problem) {
      inviteUses.release(invite);
      return json(response, 403, { error: problem });
    }
    await inviteUses.persist(Date.now());
    log(`join request accepted group=${bytesToHex(invite.group).slice(0, 8)}`);
    json(response, 202, { ok: true });
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    authenticate(request)
      .then((result) => {
        if (typeof result === "string") {
          bounded.line("refused connection", `ip=${clientAddress(request, trustProxy)}: ${result}`);
          socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\n${securityHeaderLines()}connection: close\r\n\r\n${result}\n`);
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => accept(ws, result));
      })
      .catch((error: unknown) => {
        bounded.line("error", `upgrade: ${(error as Error).message}`);
        socket.destroy();
      });
  });

  async function authenticate(request: IncomingMessage): Promise<Connection | string> {
    const url = requestUrl(request);
    if (url?.pathname !== "/sync") return "not the sync endpoint";
    const ip = clientAddress(request, trustProxy) ?? "?";
    const auth = parseRelayAuth(url.searchParams.get("auth") ?? "");
    if (!auth) return "missing or malformed auth";
    if (!challenges.redeem(auth.challenge, Date.now())) return "unknown, used or expired challenge";
    if (!(await relayAuthValid(auth))) return "bad signature";
    const deviceHex = bytesToHex(auth.device);
    if (!peerIdBelongsTo(auth.peerId, deviceHex)) return "peer id does not belong to this device key";
    if ((perDevice.get(deviceHex) ?? 0) >= limits.connectionsPerDevice) return "too many connections for this device";
    const previous = byPeer.get(auth.peerId);
    if (previous && previous.deviceHex !== deviceHex) return "peer id in use by another device";
    for (let i = 0; i < auth.founding.length; i += 2) {
      const problem = await present(auth.founding.slice(i, i + 2), deviceHex, ip);
      if (problem) return problem;
    }
    const nowMs = Date.now();
    const relayPeer = relayPeers.has(deviceHex);
    if (relayPeer) bounded.line("relay peer", `relay ${deviceHex.slice(0, 8)} connected as peer ${auth.peerId}`);
    return { peerId: auth.peerId, deviceHex, ip, tokens: limits.messageBurst, refilledMs: nowMs, byteTokens: limits.byteBurst, joined: false, lastFrameMs: nowMs, relayPeer };
  }

  /** A founder's certificate and genesis: a group the device already reads costs nothing; a new one counts against its address's hourly allowance. */
  async function present(founding: Uint8Array[], deviceHex: string, ip: string): Promise<string | null> {
    const parsed = parseRecord(founding[0] as Uint8Array);
    if (parsed.ok && (groups as RelayGroups).mayAccess(deviceHex, documentIdOf(parsed.record.groupHex, 0))) return null;
    const key = addressKey(ip);
    if (!groupsByAddress.has(key, Date.now())) return "too many new groups from this address; try again in an hour";
    const before = (groups as RelayGroups).size;
    await (groups as RelayGroups).found(deviceHex, founding);
    if ((groups as RelayGroups).size > before) groupsByAddress.take(key, Date.now());
    return null;
  }

  function accept(ws: WebSocket, connection: Connection): void {
    // The same device reconnecting before its old socket timed out (lost signal): the new one replaces it.
    const previous = socketByPeer.get(connection.peerId);
    if (previous) previous.terminate();
    socketByPeer.set(connection.peerId, ws);
    connections.set(ws, connection);
    byPeer.set(connection.peerId, connection);
    perDevice.set(connection.deviceHex, (perDevice.get(connection.deviceHex) ?? 0) + 1);
    bounded.line("connected", `device=${connection.deviceHex.slice(0, 8)} peer=${connection.peerId}`);
    ws.on("error", (error) => bounded.line("error", `socket device=${connection.deviceHex.slice(0, 8)}: ${error.message}`));
    ws.on("close", () => {
      if (socketByPeer.get(connection.peerId) === ws) {
        socketByPeer.delete(connection.peerId);
        byPeer.delete(connection.peerId);
      }
      perDevice.set(connection.deviceHex, (perDevice.get(connection.deviceHex) ?? 1) - 1);
      bounded.line("disconnected", `device=${connection.deviceHex.slice(0, 8)} peer=${connection.peerId}`);
    });
    wss.emit("connection", ws, undefined);
  }

  /** A message from the pool relay is checked as a device's frame is: shape, sender, a pool document of ours, the change and what it carries. */
  async function checkFromPool(raw: unknown, from: PeerId): Promise<string | null> {
    const message = parseClientMessage(raw);
    if (typeof message === "string") return message;
    if (message.senderId !== from || message.type === "join") return "not a message of the pool relay's own";
    if (message.targetId !== repo.peerId) return "message is not addressed to this relay";
    if (message.documentId === undefined) return null;
    const documentId = message.documentId as DocumentId;
    if (!pools?.isJoinedPoolDocument(documentId)) return `a document that is not of a pool this relay's groups joined (${documentId.slice(0, 40)})`;
    if (message.type === "doc-unavailable") {
      bounded.line("pool relay", `refuses document ${documentId.slice(0, 40)} (is relay key ${relayKeyHex} in its TALLY_RELAY_PEERS?)`);
      return null;
    }
    const kind = knownDocument(documentId);
    if (!kind) return `unknown document ${documentId.slice(0, 40)}`;
    if (message.data === undefined || message.type === "remote-heads-changed") return null;
    const checked = checkSyncData(kind, message.data, limits);
    if (typeof checked === "string") return checked;
    if (checked.changeBytes > 0 && storage.documentBytes(documentId) + checked.changeBytes > limits.maxDocumentBytes) return `document full (${limits.maxDocumentBytes} bytes)`;
    return checked.carried.length > 0 ? pools.carriedProblem(documentId, checked.carried) : null;
  }

  const stopIdleSweep = sweepIdle(wss, connections, limits.idleConnectionMs, bounded);

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    port,
    async close() {
      stopIdleSweep();
      push.close();
      bounded.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await repo.shutdown();
    },
  };
}

/** The request's URL, or null when its target is not one (it is sent by anyone). */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? "/", "http://relay");
  } catch {
    return null;
  }
}
