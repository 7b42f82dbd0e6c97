// Web Push on the relay: devices subscribe (GET /push/key, POST
// /push/subscribe, POST /push/unsubscribe), and when a group's records give
// a member something new to do (an exchange to confirm, a join request for a
// coordinator, their own approval) the relay wakes that member's subscribed
// devices. Only groups with a subscribed device are watched; their needs are
// compared before and after each batch of records, so a restart or a resync
// of old records wakes nobody.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bytesToHex, parseRelayAuth, relayAuthValid } from "@tally/core";
import type { Challenges } from "../auth/challenges.ts";
import { LINKABLE, type RelayGroups } from "../groups/relay-groups.ts";
import { json, readBody } from "../http/json.ts";
import type { Limits } from "../limits.ts";
import { Budget, addressKey } from "../network/budget.ts";
import type { PushConfig } from "./push-config.ts";
import { checkSubscription } from "./push-endpoint.ts";
import { PushSender } from "./push-sender.ts";
import { PushSubscriptions } from "./push-subscriptions.ts";
import { needsOf, newlyNeeded, type Needs } from "./needs.ts";
import { loadOrMakeVapidKeys, type VapidKeys } from "./vapid-keys.ts";

/**
 * Records usually arrive in bursts (a sync); the group is looked at once a
 * second at most. A look derives the group's view: about 110 ms for 10,000
 * records on a loaded 2-core machine, so a busy group costs at most a tenth of a core.
 */
const SETTLE_MS = 1_000;

export class RelayPush {
  readonly #snapshots = new Map<string, Needs>();
  readonly #checks = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #requests: Budget;
  readonly #sender: PushSender;

  private constructor(
    readonly vapid: VapidKeys,
    readonly subscriptions: PushSubscriptions,
    readonly config: PushConfig,
    readonly groups: RelayGroups,
    readonly challenges: Challenges,
    readonly limits: Limits,
    readonly line: (kind: string, text: string) => void,
  ) {
    this.#requests = new Budget(limits.memberRequestsPerIpPerMinute, 60_000);
    this.#sender = new PushSender({
      vapid,
      subject: config.subject,
      intervalMs: limits.pushIntervalMs,
      timeoutMs: limits.pushTimeoutMs,
      subscriptionOf: (deviceHex) => subscriptions.of(deviceHex),
      onGone: (deviceHex, endpoint) => {
        if (subscriptions.delete(deviceHex, endpoint)) void subscriptions.persist();
      },
      line,
    });
  }

  static async start(options: { dataDir: string; config: PushConfig; groups: RelayGroups; challenges: Challenges; limits: Limits; line: (kind: string, text: string) => void }): Promise<RelayPush> {
    const vapid = options.config.vapid ?? (await loadOrMakeVapidKeys(options.dataDir));
    const subscriptions = new PushSubscriptions(options.dataDir, options.config.serviceHosts);
    const push = new RelayPush(vapid, subscriptions, options.config, options.groups, options.challenges, options.limits, options.line);
    for (const groupHex of options.groups.groupHexes()) push.#look(groupHex, false);
    options.groups.onGroupChange((groupHex) => push.#changed(groupHex));
    return push;
  }

  get enabled(): boolean {
    return this.config.serviceHosts.length > 0;
  }

  close(): void {
    for (const timer of this.#checks.values()) clearTimeout(timer);
    this.#checks.clear();
    this.#sender.close();
  }

  /** `address`: the client's, as http/client-address.ts gives it. */
  async handle(request: IncomingMessage, response: ServerResponse, pathname: string, address: string | undefined): Promise<void> {
    if (!this.enabled) return json(response, 404, { error: "this relay does not send push notifications" });
    if (request.method === "GET" && pathname === "/push/key") return json(response, 200, { publicKey: this.vapid.publicKey });
    if (request.method !== "POST" || (pathname !== "/push/subscribe" && pathname !== "/push/unsubscribe")) return json(response, 404, { error: "not found" });
    if (!this.#requests.take(addressKey(address), Date.now())) return json(response, 429, { error: "too many requests; try again in a minute" });
    const body = await readBody(request, this.limits.maxRequestBytes);
    let parsed: { auth?: unknown; subscription?: unknown };
    try {
      parsed = JSON.parse(body ?? "") as typeof parsed;
    } catch {
      return json(response, 400, { error: "expected JSON {auth, subscription}" });
    }
    const deviceHex = await this.#device(parsed?.auth);
    if (deviceHex.startsWith("!")) return json(response, 403, { error: deviceHex.slice(1) });
    if (pathname === "/push/unsubscribe") {
      if (this.subscriptions.delete(deviceHex)) await this.subscriptions.persist();
      return json(response, 200, { ok: true });
    }
    const subscription = checkSubscription(parsed.subscription, this.config.serviceHosts);
    if (typeof subscription === "string") return json(response, 400, { error: subscription });
    if (!this.subscriptions.set(deviceHex, subscription, this.limits.maxPushSubscriptions)) return json(response, 503, { error: "this relay keeps no more push subscriptions" });
    await this.subscriptions.persist();
    for (const groupHex of this.groups.groupHexes()) this.#look(groupHex, false);
    this.line("push subscribed", `device=${deviceHex.slice(0, 8)} service=${new URL(subscription.endpoint).host}`);
    json(response, 201, { ok: true });
  }

  /** The device a signed challenge proves, if it belongs to someone in a group here; else "!" and the reason. */
  async #device(authText: unknown): Promise<string> {
    const auth = typeof authText === "string" ? parseRelayAuth(authText) : null;
    if (!auth) return "!expected auth: a challenge signed with the device key";
    if (!this.challenges.redeem(auth.challenge, Date.now())) return "!unknown, used or expired challenge";
    if (!(await relayAuthValid(auth))) return "!bad signature";
    const deviceHex = bytesToHex(auth.device);
    return this.groups.groupHexes().some((g) => this.#recipients(g).has(deviceHex)) ? deviceHex : "!this device is in no group on this relay";
  }

  /** device hex → account, for every device of a group that may be woken: certified, not revoked, joining or in. */
  #recipients(groupHex: string): Map<string, string> {
    const devices = this.groups.replicaOf(groupHex)?.ledger.devices(groupHex) ?? [];
    return new Map(devices.filter((d) => d.revokedFrom === null && LINKABLE.has(d.status)).map((d) => [d.device, d.account]));
  }

  #changed(groupHex: string): void {
    if (this.#checks.has(groupHex) || !this.#snapshots.has(groupHex)) return;
    this.#checks.set(
      groupHex,
      setTimeout(() => {
        this.#checks.delete(groupHex);
        this.#look(groupHex, true);
      }, SETTLE_MS),
    );
  }

  /** Takes the group's needs now; with `wake`, wakes those who gained one since the last look. */
  #look(groupHex: string, wake: boolean): void {
    const recipients = [...this.#recipients(groupHex)].filter(([device]) => this.subscriptions.of(device) !== null);
    const replica = this.groups.replicaOf(groupHex);
    if (recipients.length === 0 || !replica) {
      this.#snapshots.delete(groupHex);
      return;
    }
    const before = this.#snapshots.get(groupHex);
    if (before && !wake) return;
    const after = needsOf(replica.view(), groupHex);
    this.#snapshots.set(groupHex, after);
    if (!before) return;
    const accounts = new Set(newlyNeeded(before, after));
    const nowMs = Date.now();
    for (const [device, account] of recipients) if (accounts.has(account)) this.#sender.notify(device, groupHex, nowMs);
  }
}
