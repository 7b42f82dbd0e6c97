// The device's connection to a relay, as an automerge-repo network adapter.
// It speaks automerge-repo's own WebSocket protocol (join, peer, then CBOR
// repo messages), but authenticates every connection: fetch a fresh
// challenge, sign it with the device key, connect. An attempt that has not
// reached the relay's "peer" answer within a deadline is dropped (a captive
// portal or a half-open network can leave a socket hanging for minutes). It
// reconnects with backoff and jitter, capped low enough that a relay that
// restarts is back in sync within seconds, and treats a refusal or an outage
// as "offline", never as a crash. (The stock client adapter reuses one URL
// for every retry and throws on a 401.)
import { cbor, NetworkAdapter, type Message, type PeerId, type PeerMetadata } from "@automerge/automerge-repo";
import { signRelayAuth, fromBase64Url, type Signer } from "@tally/core";

type Socket = {
  binaryType: string;
  readyState: number;
  send(data: ArrayBuffer): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
};

export interface RelayClientOptions {
  /** http(s)://host:port of the relay */
  relayUrl: string;
  device: Signer;
  /** Records to show a relay that may not know the group yet (the founder's certificate and genesis). */
  founding?: () => Uint8Array[];
  WebSocket?: new (url: string) => Socket;
  fetch?: typeof fetch;
  minRetryMs?: number;
  maxRetryMs?: number;
  /** How long one attempt may take, from asking for a challenge to the relay's answer to "join". */
  connectTimeoutMs?: number;
}

export type RelayStatus = "connecting" | "online" | "offline";

const OPEN = 1;
const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 4_000;
/** The app's reconnect backoff, for benchmarks that must wait as a phone would. */
export const APP_RETRY_MS = { min: MIN_RETRY_MS, max: MAX_RETRY_MS } as const;
const CONNECT_TIMEOUT_MS = 15_000;
/** After losing a relay it was online with (a restart, a blip), a device keeps trying at the shortest interval this long before it backs off. */
const QUICK_RETRY_WINDOW_MS = 20_000;

export class RelayClientAdapter extends NetworkAdapter {
  #socket: Socket | null = null;
  #remotePeerId: PeerId | null = null;
  #stopped = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #deadline: ReturnType<typeof setTimeout> | null = null;
  #onlineUntilMs = 0;
  #ready = false;
  #readyResolvers: (() => void)[] = [];
  #status: RelayStatus = "connecting";
  readonly #statusListeners = new Set<(status: RelayStatus) => void>();

  constructor(readonly options: RelayClientOptions) {
    super();
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyResolvers.push(resolve));
  }

  #forceReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    for (const resolve of this.#readyResolvers.splice(0)) resolve();
  }

  get status(): RelayStatus {
    return this.#status;
  }

  onStatus(listener: (status: RelayStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  #setStatus(status: RelayStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.#stopped = false;
    // Offline is normal: let the repo go on with local documents after a moment.
    setTimeout(() => this.#forceReady(), 1000);
    void this.#open();
  }

  async #open(): Promise<void> {
    if (this.#stopped) return;
    this.#setStatus("connecting");
    const timeoutMs = this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    try {
      const fetchFn = this.options.fetch ?? fetch;
      const response = await fetchFn(new URL("/auth/challenge", this.options.relayUrl), { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`challenge refused (${response.status})`);
      const { challenge } = (await response.json()) as { challenge: string };
      const challengeBytes = fromBase64Url(challenge);
      if (!challengeBytes) throw new Error("bad challenge");
      const auth = await signRelayAuth(this.options.device, challengeBytes, this.peerId as string, this.options.founding?.() ?? []);
      if (this.#stopped) return;
      const url = new URL("/sync", this.options.relayUrl);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      url.searchParams.set("auth", auth);
      const WebSocketImpl = this.options.WebSocket ?? (globalThis as unknown as { WebSocket: new (url: string) => Socket }).WebSocket;
      const socket = new WebSocketImpl(url.toString());
      socket.binaryType = "arraybuffer";
      this.#socket = socket;
      this.#deadline = setTimeout(() => {
        this.#deadline = null;
        if (this.#socket === socket && !this.#remotePeerId) {
          socket.close();
          this.#closed(socket); // a socket that never opened may never report closing either
        }
      }, timeoutMs);
      socket.onopen = () => this.#sendRaw({ type: "join", senderId: this.peerId, peerMetadata: this.peerMetadata, supportedProtocolVersions: ["1"] });
      socket.onmessage = (event) => this.#receive(event.data);
      socket.onerror = () => {};
      socket.onclose = () => this.#closed(socket);
    } catch {
      this.#scheduleRetry();
    }
  }

  #clearDeadline(): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = null;
  }

  #closed(socket: Socket): void {
    if (socket !== this.#socket) return;
    this.#clearDeadline();
    this.#socket = null;
    if (this.#remotePeerId) {
      this.#onlineUntilMs = Date.now();
      this.emit("peer-disconnected", { peerId: this.#remotePeerId });
      this.#remotePeerId = null;
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#forceReady();
    this.#setStatus("offline");
    if (this.#stopped || this.#timer) return;
    this.#failures++;
    const min = this.options.minRetryMs ?? MIN_RETRY_MS;
    const max = this.options.maxRetryMs ?? MAX_RETRY_MS;
    const quick = this.#failures === 1 || Date.now() - this.#onlineUntilMs < QUICK_RETRY_WINDOW_MS;
    const delay = quick ? min : Math.min(max, min * 2 ** Math.min(this.#failures, 10));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#open();
    }, delay / 2 + Math.random() * (delay / 2));
  }

  #receive(data: unknown): void {
    let message: Record<string, unknown>;
    try {
      message = cbor.decode(new Uint8Array(data as ArrayBuffer)) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message === null || typeof message !== "object") return;
    if (message.type === "peer") {
      this.#clearDeadline();
      this.#failures = 0;
      this.#remotePeerId = message.senderId as PeerId;
      this.#forceReady();
      this.#setStatus("online");
      this.emit("peer-candidate", { peerId: this.#remotePeerId, peerMetadata: (message.peerMetadata ?? {}) as PeerMetadata });
    } else if (message.type !== "error") {
      this.emit("message", message as unknown as Message);
    }
  }

  #sendRaw(message: unknown): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) return; // offline: the repo syncs again on reconnect
    const encoded = cbor.encode(message);
    socket.send(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer);
  }

  send(message: Message): void {
    this.#sendRaw(message);
  }

  /**
   * Going without a network (a park with no signal): drop the connection and
   * stay away until told otherwise. Everything keeps working locally.
   */
  setOffline(offline: boolean): void {
    if (offline) {
      this.#stopped = true;
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#clearDeadline();
      const socket = this.#socket;
      this.#socket = null;
      socket?.close();
      if (this.#remotePeerId) this.emit("peer-disconnected", { peerId: this.#remotePeerId });
      this.#remotePeerId = null;
      this.#setStatus("offline");
    } else if (this.#stopped) {
      this.#stopped = false;
      this.#failures = 0;
      void this.#open();
    }
  }

  /** Drops the connection and connects again at once, e.g. to present a group just founded. */
  reconnect(): void {
    if (this.#stopped) return;
    this.#failures = 0;
    const socket = this.#socket;
    if (socket) socket.close();
    else if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
      void this.#open();
    }
  }

  disconnect(): void {
    this.setOffline(true);
  }
}
