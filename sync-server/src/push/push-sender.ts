// Sends Web Push messages (RFC 8030, encrypted as RFC 8291 says, signed with
// VAPID) to devices' push services. The payload names only the group: the
// device fetches what needs it over its own authenticated connection, so a
// push service (and anyone reading its traffic) learns no name, amount or
// words. Pushes to one device for one group are at most one per interval; a
// need arriving sooner is sent at the interval's end, once.
import webpush from "web-push";
import type { PushSubscription } from "./push-endpoint.ts";
import type { VapidKeys } from "./vapid-keys.ts";

/** A day: a phone off for longer learns it on opening the app. */
const PUSH_TTL_SECONDS = 24 * 60 * 60;
const MAX_IN_FLIGHT = 16;

export interface PushSenderOptions {
  vapid: VapidKeys;
  subject: string;
  intervalMs: number;
  timeoutMs: number;
  /** The device's subscription now (it may have changed or gone since the push was planned). */
  subscriptionOf: (deviceHex: string) => PushSubscription | null;
  /** The push service says the subscription is gone (404, 410). */
  onGone: (deviceHex: string, endpoint: string) => void;
  line: (kind: string, text: string) => void;
}

/** What a device receives; the service worker reads it (client/src/notify/service-worker.ts). */
export function pushPayload(groupHex: string): string {
  return JSON.stringify({ v: 1, group: groupHex });
}

export class PushSender {
  readonly #lastSentMs = new Map<string, number>();
  readonly #waiting = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #queue: { deviceHex: string; groupHex: string }[] = [];
  #inFlight = 0;
  #closed = false;

  constructor(readonly options: PushSenderOptions) {}

  /** Wakes a device about a group, now or at the end of its interval. */
  notify(deviceHex: string, groupHex: string, nowMs: number): void {
    const key = `${deviceHex}|${groupHex}`;
    if (this.#closed || this.#waiting.has(key)) return;
    const dueMs = (this.#lastSentMs.get(key) ?? -Infinity) + this.options.intervalMs;
    if (dueMs <= nowMs) return this.#enqueue(key, deviceHex, groupHex, nowMs);
    this.#waiting.set(
      key,
      setTimeout(() => {
        this.#waiting.delete(key);
        this.#enqueue(key, deviceHex, groupHex, Date.now());
      }, dueMs - nowMs),
    );
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
    this.#queue.length = 0;
  }

  #enqueue(key: string, deviceHex: string, groupHex: string, nowMs: number): void {
    this.#lastSentMs.set(key, nowMs);
    this.#queue.push({ deviceHex, groupHex });
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      const next = this.#queue.shift() as { deviceHex: string; groupHex: string };
      this.#inFlight += 1;
      void this.#send(next.deviceHex, next.groupHex).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #send(deviceHex: string, groupHex: string): Promise<void> {
    const subscription = this.options.subscriptionOf(deviceHex);
    if (!subscription || this.#closed) return;
    const host = new URL(subscription.endpoint).host;
    try {
      const result = await webpush.sendNotification(subscription, pushPayload(groupHex), {
        vapidDetails: { subject: this.options.subject, publicKey: this.options.vapid.publicKey, privateKey: this.options.vapid.privateKey },
        TTL: PUSH_TTL_SECONDS,
        urgency: "normal",
        contentEncoding: "aes128gcm",
        timeout: this.options.timeoutMs,
      });
      this.options.line("push sent", `device=${deviceHex.slice(0, 8)} group=${groupHex.slice(0, 8)} service=${host} status=${result.statusCode}`);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) this.options.onGone(deviceHex, subscription.endpoint);
      this.options.line("push failed", `device=${deviceHex.slice(0, 8)} service=${host} ${status ? `status=${status}` : (error as Error).message.slice(0, 120)}`);
    }
  }
}
