// Allowances per address or per group: a bucket of `capacity` tokens per key
// that refills evenly over `windowMs`. One address spending its own tokens
// cannot spend anyone else's. IPv6 addresses count per /64, the block one
// subscriber gets, so a host cannot dodge its budget by rotating addresses.
import { isIPv6 } from "node:net";

const MAX_KEYS = 100_000;

export class Budget {
  readonly #buckets = new Map<string, { tokens: number; refilledMs: number }>();

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {}

  /** Takes one token for `key` if it has one. */
  take(key: string, nowMs: number): boolean {
    const bucket = this.#bucket(key, nowMs);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whether `key` has a token, without taking it. */
  has(key: string, nowMs: number): boolean {
    return this.#bucket(key, nowMs).tokens >= 1;
  }

  #bucket(key: string, nowMs: number): { tokens: number; refilledMs: number } {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_KEYS) this.#sweep(nowMs);
      bucket = { tokens: this.capacity, refilledMs: nowMs };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((nowMs - bucket.refilledMs) * this.capacity) / this.windowMs);
    bucket.refilledMs = nowMs;
    return bucket;
  }

  /** Forgets full buckets (they behave as new ones); if every key is busy, starts over rather than grow. */
  #sweep(nowMs: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((nowMs - bucket.refilledMs) * this.capacity) / this.windowMs >= this.capacity) this.#buckets.delete(key);
    }
    if (this.#buckets.size >= MAX_KEYS) this.#buckets.clear();
  }
}

/** The key an address is counted under: IPv4 as is, IPv6 by its /64. */
export function addressKey(ip: string | undefined): string {
  if (!ip) return "?";
  if (ip.startsWith("::ffff:") && ip.includes(".")) return ip.slice(7);
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
