// GET /metrics in the Prometheus text format (prom-client), for an operator's
// monitoring: what the relay holds and refuses, and how fast it passes changes
// on. Behind a bearer token (METRICS_TOKEN): none set answers 404, a wrong one 401.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Message, NetworkAdapter } from "@automerge/automerge-repo";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the gauges read at each scrape. */
export interface RelayState {
  connections(): number;
  groups(): number;
  documents(): number;
  bytesStored(): number;
  recordsAccepted(): number;
}

// Refusal reasons come with details (sizes, ids); a label keeps only their kind, and only so many kinds.
const MAX_REASONS = 32;
const MAX_PENDING_DELIVERIES = 10_000;

export function reasonLabel(reason: string): string {
  return reason.split(/[:(0-9]/)[0]!.trim().toLowerCase().slice(0, 48) || "other";
}

export class RelayMetrics {
  readonly registry = new Registry();
  readonly #refused: Counter<"reason">;
  readonly #delivery: Histogram;
  readonly #reasons = new Set<string>();
  // document id → when a change from which peer arrived, until the relay sends it on to another peer
  readonly #arrivals = new Map<string, { senderId: string; atMs: number }>();

  constructor(state: RelayState, readonly token: string | undefined) {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
    gauge("tally_connections", "Open sync connections (authenticated devices).", () => state.connections());
    gauge("tally_groups", "Groups this relay serves.", () => state.groups());
    gauge("tally_documents", "Automerge documents the relay holds in memory.", () => state.documents());
    gauge("tally_bytes_stored", "Bytes of those documents on disk.", () => state.bytesStored());
    gauge("tally_records_accepted", "Records the relay has accepted into its groups' ledgers.", () => state.recordsAccepted());
    this.#refused = new Counter({ name: "tally_refused_frames_total", help: "Sync frames refused, by kind of reason.", labelNames: ["reason"], registers: [this.registry] });
    this.#delivery = new Histogram({
      name: "tally_sync_delivery_seconds",
      help: "From a change arriving from one device to the relay sending it on to another.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  refused(reason: string): void {
    let label = reasonLabel(reason);
    if (!this.#reasons.has(label)) {
      if (this.#reasons.size >= MAX_REASONS) label = "other";
      else this.#reasons.add(label);
    }
    this.#refused.inc({ reason: label });
  }

  /** Times changes through the adapter: call before anything else wraps its send, so the time is when it is really sent. */
  watchDelivery(adapter: NetworkAdapter): void {
    adapter.on("message", (message: Message) => {
      if (message.type !== "sync" || !message.documentId) return;
      if (this.#arrivals.size >= MAX_PENDING_DELIVERIES) this.#arrivals.clear();
      if (!this.#arrivals.has(message.documentId)) this.#arrivals.set(message.documentId, { senderId: message.senderId, atMs: performance.now() });
    });
    const send = adapter.send.bind(adapter);
    adapter.send = (message: Message) => {
      const arrival = message.documentId && message.type === "sync" ? this.#arrivals.get(message.documentId) : undefined;
      if (arrival && message.targetId !== arrival.senderId) {
        this.#delivery.observe((performance.now() - arrival.atMs) / 1000);
        this.#arrivals.delete(message.documentId as string);
      }
      send(message);
    };
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.token) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found.\n");
      return;
    }
    if (!sameSecret(request.headers.authorization ?? "", `Bearer ${this.token}`)) {
      response.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": "Bearer" }).end("A valid bearer token is needed.\n");
      return;
    }
    const text = await this.registry.metrics();
    response.writeHead(200, { "content-type": this.registry.contentType, "cache-control": "no-store" }).end(text);
  }
}

/** Compared as hashes, in constant time, so the answer's timing tells nothing of the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
