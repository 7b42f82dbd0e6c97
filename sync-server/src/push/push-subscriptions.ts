// The push subscriptions of devices, one per device (a new one replaces the
// old), kept in DATA_DIR/push/subscriptions.json: written whole, durably, so
// a crash leaves the old list or the new one. An endpoint is a capability to
// wake one browser; it is stored nowhere else and never logged.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeDurably } from "../storage/durable-file.ts";
import { checkSubscription, type PushSubscription } from "./push-endpoint.ts";
import { PUSH_DIR_MODE } from "./vapid-keys.ts";

const DEVICE_HEX = /^[0-9a-f]{64}$/;

export class PushSubscriptions {
  readonly #byDevice = new Map<string, PushSubscription>();
  readonly #file: string;
  #writing: Promise<void> = Promise.resolve();

  /** Entries that no longer pass the checks (the operator narrowed PUSH_SERVICE_HOSTS) are dropped on load. */
  constructor(dataDir: string, allowedHosts: readonly string[]) {
    const dir = join(dataDir, "push");
    mkdirSync(dir, { recursive: true, mode: PUSH_DIR_MODE });
    this.#file = join(dir, "subscriptions.json");
    if (!existsSync(this.#file)) return;
    let stored: Record<string, unknown>;
    try {
      stored = JSON.parse(readFileSync(this.#file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      // Written atomically, so only a hand edit gets here: say so rather than drop every subscription.
      throw new Error(`${this.#file} is not a list of subscriptions (${(error as Error).message}); fix it, or remove it and members turn notifications on again`);
    }
    for (const [deviceHex, value] of Object.entries(stored).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const subscription = checkSubscription(value, allowedHosts);
      if (DEVICE_HEX.test(deviceHex) && typeof subscription !== "string") this.#byDevice.set(deviceHex, subscription);
    }
  }

  get size(): number {
    return this.#byDevice.size;
  }

  of(deviceHex: string): PushSubscription | null {
    return this.#byDevice.get(deviceHex) ?? null;
  }

  devices(): string[] {
    return [...this.#byDevice.keys()].sort();
  }

  /** Keeps a device's subscription; false when the relay holds its limit of subscriptions already. */
  set(deviceHex: string, subscription: PushSubscription, maxSubscriptions: number): boolean {
    if (!DEVICE_HEX.test(deviceHex)) throw new Error(`not a device key: ${deviceHex.slice(0, 80)}`);
    if (!this.#byDevice.has(deviceHex) && this.#byDevice.size >= maxSubscriptions) return false;
    this.#byDevice.set(deviceHex, subscription);
    return true;
  }

  /** Forgets a device's subscription only if it is still `endpoint` (a newer one may have replaced it meanwhile). */
  delete(deviceHex: string, endpoint?: string): boolean {
    const current = this.#byDevice.get(deviceHex);
    if (!current || (endpoint !== undefined && current.endpoint !== endpoint)) return false;
    this.#byDevice.delete(deviceHex);
    return true;
  }

  persist(): Promise<void> {
    const text = JSON.stringify(Object.fromEntries([...this.#byDevice].sort(([a], [b]) => (a < b ? -1 : 1))));
    this.#writing = this.#writing.then(() => writeDurably(this.#file, text));
    return this.#writing;
  }
}
