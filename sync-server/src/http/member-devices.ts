// A member's devices that did not come through an invite: a second phone, a
// recovered account, a card from a sign-up desk.
//   POST /recover {member, challenge, signature}  → {groups, standing}: where this member key is
//   POST /link {records}                          adds new devices' certificates
// Both are open to anyone, so both are bounded per address.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bytesToHex, fromBase64Url, memberProofValid } from "@tally/core";
import type { Challenges } from "../auth/challenges.ts";
import { LINKABLE, type RelayGroups } from "../groups/relay-groups.ts";
import type { Limits } from "../limits.ts";
import { json, readBody } from "./json.ts";

export class MemberDevices {
  readonly #requestsByIp = new Map<string, number>();
  #windowStartMs = 0;

  constructor(
    readonly groups: RelayGroups,
    readonly challenges: Challenges,
    readonly limits: Limits,
    readonly log: (line: string) => void,
  ) {}

  /** `address`: the client's, as http/client-address.ts gives it. */
  async handle(request: IncomingMessage, response: ServerResponse, path: "/recover" | "/link", address: string | undefined): Promise<void> {
    if (!this.#allow(address ?? "?", Date.now())) return json(response, 429, { error: "too many requests; try again in a minute" });
    const body = await readBody(request, this.limits.maxRequestBytes);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body ?? "") as Record<string, unknown>;
    } catch {
      return json(response, 400, { error: "expected a JSON body" });
    }
    if (parsed === null || typeof parsed !== "object") return json(response, 400, { error: "expected a JSON object" });
    return path === "/recover" ? this.#recover(parsed, response) : this.#link(parsed, response);
  }

  async #recover(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const [member, challenge, signature] = [body.member, body.challenge, body.signature].map((v) => (typeof v === "string" ? fromBase64Url(v) : null));
    if (!member || !challenge || !signature) return json(response, 400, { error: "expected {member, challenge, signature}" });
    if (!this.challenges.redeem(challenge, Date.now())) return json(response, 403, { error: "unknown, used or expired challenge" });
    if (!(await memberProofValid(member, challenge, signature))) return json(response, 403, { error: "the proof is not signed by this member key" });
    const standing = this.groups.standingOf(bytesToHex(member));
    // Groups a new device may join the member in; the standing says why others are missing.
    const groups = Object.keys(standing).filter((groupHex) => LINKABLE.has(standing[groupHex] as string));
    this.log(`member lookup member=${bytesToHex(member).slice(0, 8)} groups=${groups.length}`);
    json(response, 200, { groups, standing });
  }

  async #link(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const records = Array.isArray(body.records) ? body.records.map((r) => (typeof r === "string" ? fromBase64Url(r) : null)) : [];
    if (records.length === 0 || records.length > this.limits.maxLinkRecords || records.some((r) => r === null)) {
      return json(response, 400, { error: `expected 1 to ${this.limits.maxLinkRecords} device certificates` });
    }
    for (const record of records as Uint8Array[]) {
      const problem = await this.groups.link(record);
      if (problem) return json(response, 403, { error: problem });
    }
    this.log(`linked ${records.length} device certificate(s)`);
    json(response, 202, { ok: true });
  }

  /** A fixed one-minute window per address: enough for people, too little for guessing. */
  #allow(ip: string, nowMs: number): boolean {
    if (nowMs - this.#windowStartMs > 60_000) {
      this.#requestsByIp.clear();
      this.#windowStartMs = nowMs;
    }
    const used = this.#requestsByIp.get(ip) ?? 0;
    if (used >= this.limits.memberRequestsPerIpPerMinute) return false;
    this.#requestsByIp.set(ip, used + 1);
    return true;
  }
}
