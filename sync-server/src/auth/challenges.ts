// Single-use challenges for device authentication, each valid for a short time.
import { randomBytes } from "node:crypto";
import { bytesToHex, toBase64Url } from "@tally/core";

export class Challenges {
  readonly #expiry = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    readonly maxOutstanding: number,
  ) {}

  /** A new challenge, or null when too many are outstanding (a flood). */
  issue(nowMs: number): string | null {
    this.#sweep(nowMs);
    if (this.#expiry.size >= this.maxOutstanding) return null;
    const challenge = new Uint8Array(randomBytes(32));
    this.#expiry.set(bytesToHex(challenge), nowMs + this.ttlMs);
    return toBase64Url(challenge);
  }

  /** True once per issued, unexpired challenge; it can never be used again. */
  redeem(challenge: Uint8Array, nowMs: number): boolean {
    const key = bytesToHex(challenge);
    const expiry = this.#expiry.get(key);
    this.#expiry.delete(key);
    return expiry !== undefined && expiry >= nowMs;
  }

  #sweep(nowMs: number): void {
    for (const [key, expiry] of this.#expiry) if (expiry < nowMs) this.#expiry.delete(key);
  }
}
