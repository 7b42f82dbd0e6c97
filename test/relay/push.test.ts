// Web Push from a real relay process to a stand-in push service over real
// HTTPS on loopback: a member is woken when something needs them (an exchange
// to confirm, a join request for a coordinator, their own approval), with a
// valid VAPID signature and an encrypted payload that names only the group.
// Subscribing takes a device in a group on this relay, and an endpoint at an
// allowed push service over https: the relay cannot be aimed at other hosts.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { bytesToHex, hexToBytes, signRelayAuth } from "@tally/core";
import { closePeer, invite, newPeer, openReplica, requestToJoin, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";
import { decryptPush, startPushService, vapidClaims, type PushRequest, type PushServiceStandIn, type StandInSubscription } from "../support/push-service.ts";

/** Pushes to one device about one group are at least this far apart. */
const INTERVAL_MS = 1_500;
let relay: RelayProcess;
let service: PushServiceStandIn;
const everyone: Peer[] = [];

beforeAll(async () => {
  service = await startPushService();
  relay = await startRelayProcess({
    PUSH_SERVICE_HOSTS: `fcm.googleapis.com,${service.host}`,
    NODE_EXTRA_CA_CERTS: service.certificateFile,
    VAPID_SUBJECT: "mailto:ops@wombles.example",
    TALLY_LIMITS: JSON.stringify({ pushIntervalMs: INTERVAL_MS }),
  });
});

afterAll(async () => {
  await Promise.all(everyone.map((p) => closePeer(p).catch(() => {})));
  await relay?.kill("SIGTERM");
  await service?.close();
});

async function auth(peer: Peer): Promise<string> {
  const { challenge } = (await (await fetch(new URL("/auth/challenge", relay.url))).json()) as { challenge: string };
  return signRelayAuth(peer.device, Buffer.from(challenge, "base64url"), `device-${bytesToHex(peer.device.publicKey).slice(0, 16)}-push`);
}

async function subscribe(peer: Peer, subscription: unknown, authText?: string): Promise<{ status: number; error?: string }> {
  const response = await fetch(new URL("/push/subscribe", relay.url), { method: "POST", body: JSON.stringify({ auth: authText ?? (await auth(peer)), subscription }) });
  return { status: response.status, ...((await response.json()) as { error?: string }) };
}

async function pushTo(path: string, count = 1): Promise<PushRequest> {
  await waitFor(() => service.requests.filter((r) => r.path === path).length >= count, 30_000, `push number ${count} to ${path}`);
  return service.requests.filter((r) => r.path === path)[count - 1] as PushRequest;
}

/** What a browser would show the service worker, after checking the request as a push service would. */
async function opened(request: PushRequest, receiver: StandInSubscription): Promise<unknown> {
  const { publicKey } = (await (await fetch(new URL("/push/key", relay.url))).json()) as { publicKey: string };
  const { key, claims } = vapidClaims(request);
  expect(key).toBe(publicKey);
  expect(claims.aud).toBe(service.origin);
  expect(claims.sub).toBe("mailto:ops@wombles.example");
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 60_000);
  expect(Number(request.headers.ttl)).toBeGreaterThan(0);
  return JSON.parse(decryptPush(request, receiver));
}

describe("web push", () => {
  it("wakes the member something needs, with nothing personal in the push", { timeout: 180_000 }, async () => {
    const { groupHex, peers } = await groupOf(relay.url, ["Ann Organiser", "Bea Gardener"]);
    everyone.push(...peers);
    const [ann, bea] = peers as [Peer, Peer];
    const annPhone = service.subscribe("/wake/ann");
    const beaPhone = service.subscribe("/wake/bea");
    expect(await subscribe(ann, annPhone.subscription)).toEqual({ status: 201, ok: true });
    expect(await subscribe(bea, beaPhone.subscription)).toEqual({ status: 201, ok: true });

    // Ann records help she received from Bea: Bea has it to confirm.
    const beaAccount = hexToBytes(bytesToHex(bea.member.publicKey));
    await write(ann, "exchange.propose", { payer: ann.member.publicKey, payees: [{ account: beaAccount, minutes: 90 }], description: "Mended Ann's bicycle", category: "Repairs" });
    const toBea = await pushTo("/wake/bea");
    const payload = await opened(toBea, beaPhone);
    expect(payload).toEqual({ v: 1, group: groupHex });
    const plaintext = decryptPush(toBea, beaPhone);
    for (const personal of ["Ann", "Bea", "bicycle", "Repairs", "90", bytesToHex(bea.member.publicKey).slice(0, 16)]) expect(plaintext).not.toContain(personal);
    expect(service.requests.filter((r) => r.path === "/wake/ann")).toHaveLength(0); // Ann signed it; nothing needs her

    // A newcomer asks to join: the coordinator is woken; the newcomer, waiting, may subscribe and is woken by the approval.
    const cal = await newPeer("Cal Newcomer", relay.url);
    everyone.push(cal);
    const request = await requestToJoin(cal, relay.url, await invite(ann, groupHex), groupHex);
    expect(await opened(await pushTo("/wake/ann"), annPhone)).toEqual({ v: 1, group: groupHex });
    const calPhone = service.subscribe("/wake/cal");
    expect(await subscribe(cal, calPhone.subscription)).toEqual({ status: 201, ok: true });
    await waitFor(() => ann.replica!.view().joinRequests.some((j) => j.id === request.id), 30_000, "Ann sees the request");
    await write(ann, "member.approve", { join: hexToBytes(request.id), note: "Met at the litter pick" }, [request.id]);
    expect(await opened(await pushTo("/wake/cal"), calPhone)).toEqual({ v: 1, group: groupHex });
    await openReplica(cal, groupHex);

    // Bea's confirmation needs nobody: no push follows it.
    await waitFor(() => bea.replica!.view().exchanges.some((e) => e.description === "Mended Ann's bicycle"), 30_000, "Bea sees the exchange");
    const proposal = bea.replica!.view().exchanges.find((e) => e.description === "Mended Ann's bicycle")!;
    await write(bea, "exchange.confirm", { proposal: hexToBytes(proposal.id) }, [proposal.id]);
    // The next need proves the confirmation was seen and woke nobody.
    await write(bea, "exchange.propose", { payer: bea.member.publicKey, payees: [{ account: ann.member.publicKey, minutes: 30 }], description: "Ann walked the dog" });
    await pushTo("/wake/ann", 2);
    expect(service.requests.map((r) => r.path).sort()).toEqual(["/wake/ann", "/wake/ann", "/wake/bea", "/wake/cal"]);

    // A subscription its push service says is gone (410) is forgotten.
    const beaGone = service.subscribe("/wake/bea-gone");
    service.statusFor.set("/wake/bea-gone", 410);
    expect(await subscribe(bea, beaGone.subscription)).toEqual({ status: 201, ok: true });
    await write(ann, "exchange.propose", { payer: ann.member.publicKey, payees: [{ account: beaAccount, minutes: 15 }], description: "Lent a ladder" });
    await pushTo("/wake/bea-gone");
    const stored = join(relay.dataDir, "push", "subscriptions.json");
    await waitFor(() => !readFileSync(stored, "utf8").includes("bea-gone"), 30_000, "the gone subscription forgotten");
    expect(readFileSync(stored, "utf8")).toContain("/wake/ann");
    expect(statSync(join(relay.dataDir, "push")).mode & 0o777).toBe(0o700); // the VAPID private key is in there

    // After a restart: the same key, the subscriptions kept, and nobody woken for what needed them before.
    const { publicKey } = (await (await fetch(new URL("/push/key", relay.url))).json()) as { publicKey: string };
    const before = service.requests.length;
    await relay.kill("SIGKILL");
    await relay.restart();
    expect(((await (await fetch(new URL("/push/key", relay.url))).json()) as { publicKey: string }).publicKey).toBe(publicKey);
    const beaAgain = service.subscribe("/wake/bea-again");
    expect(await subscribe(bea, beaAgain.subscription)).toEqual({ status: 201, ok: true });
    await write(ann, "exchange.propose", { payer: ann.member.publicKey, payees: [{ account: beaAccount, minutes: 45 }], description: "Weeded the beds" });
    expect(await opened(await pushTo("/wake/bea-again"), beaAgain)).toEqual({ v: 1, group: groupHex });
    expect(service.requests.slice(before).map((r) => r.path)).toEqual(["/wake/bea-again"]);
  });

  it("refuses subscriptions from strangers and endpoints that are not a push service's", { timeout: 120_000 }, async () => {
    const { peers } = await groupOf(relay.url, ["Dee Coordinator"]);
    everyone.push(...peers);
    const [dee] = peers as [Peer];
    const stranger = await newPeer("Stranger", relay.url);
    everyone.push(stranger);
    const good = service.subscribe("/wake/dee").subscription;
    const before = service.requests.length;

    expect(await subscribe(stranger, good)).toEqual({ status: 403, error: "this device is in no group on this relay" });
    expect(await subscribe(dee, good, "not an auth")).toEqual({ status: 403, error: "expected auth: a challenge signed with the device key" });
    const used = await auth(dee);
    expect((await subscribe(dee, good, used)).status).toBe(201);
    expect(await subscribe(dee, good, used)).toEqual({ status: 403, error: "unknown, used or expired challenge" });

    const refused: [unknown, string][] = [
      [{ ...good, endpoint: good.endpoint.replace("https:", "http:") }, "the endpoint must be an https URL"],
      [{ ...good, endpoint: "https://169.254.169.254/latest/meta-data" }, "the endpoint is not at a push service this relay sends to (169.254.169.254)"],
      [{ ...good, endpoint: "https://127.0.0.1:22/" }, "the endpoint is not at a push service this relay sends to (127.0.0.1:22)"],
      [{ ...good, endpoint: "https://fcm.googleapis.com.evil.example/send/x" }, "the endpoint is not at a push service this relay sends to (fcm.googleapis.com.evil.example)"],
      [{ ...good, endpoint: `https://user:pw@${service.host}/wake/x` }, "the endpoint must not carry credentials"],
      [{ ...good, endpoint: `${service.origin}/${"x".repeat(1_100)}` }, "the endpoint must be a URL of at most 1024 characters"],
      [{ ...good, endpoint: "not a url" }, "the endpoint is not a URL"],
      [{ ...good, keys: { ...good.keys, p256dh: "AAAA" } }, "keys.p256dh must be an uncompressed P-256 public key (base64url)"],
      [{ ...good, keys: { ...good.keys, auth: "" } }, "keys.auth must be 16 bytes (base64url)"],
      [null, "expected a subscription {endpoint, keys: {p256dh, auth}}"],
    ];
    for (const [subscription, error] of refused) expect(await subscribe(dee, subscription)).toEqual({ status: 400, error });
    const malformed = await fetch(new URL("/push/subscribe", relay.url), { method: "POST", body: "{" });
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: "expected JSON {auth, subscription}" }]);

    // What was refused was never called, and a device can take its subscription back.
    expect(service.requests.slice(before)).toEqual([]);
    const gone = await fetch(new URL("/push/unsubscribe", relay.url), { method: "POST", body: JSON.stringify({ auth: await auth(dee) }) });
    expect(gone.status).toBe(200);
    expect(existsSync(join(relay.dataDir, "push", "subscriptions.json"))).toBe(true);
    expect(readFileSync(join(relay.dataDir, "push", "subscriptions.json"), "utf8")).not.toContain("/wake/dee");
  });
  it("sends the needs that come soon after a push to one phone once, when the interval ends", { timeout: 120_000 }, async () => {
    const { groupHex, peers } = await groupOf(relay.url, ["Eve", "Fay"]);
    everyone.push(...peers);
    const [eve, fay] = peers as [Peer, Peer];
    const fayPhone = service.subscribe("/wake/fay");
    const evePhone = service.subscribe("/wake/eve");
    expect((await subscribe(fay, fayPhone.subscription)).status).toBe(201);
    expect((await subscribe(eve, evePhone.subscription)).status).toBe(201);
    const fayAccount = hexToBytes(bytesToHex(fay.member.publicKey));
    const arrivals: number[] = [];
    await write(eve, "exchange.propose", { payer: eve.member.publicKey, payees: [{ account: fayAccount, minutes: 10 }], description: "One" });
    await pushTo("/wake/fay", 1);
    arrivals.push(Date.now());
    for (const description of ["Two", "Three"]) await write(eve, "exchange.propose", { payer: eve.member.publicKey, payees: [{ account: fayAccount, minutes: 10 }], description });
    await pushTo("/wake/fay", 2);
    arrivals.push(Date.now());
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(INTERVAL_MS * 0.9);
    // Fay's need of Eve, pushed after the second push arrived, arrives after anything else queued for Fay would have.
    await write(fay, "exchange.propose", { payer: fay.member.publicKey, payees: [{ account: eve.member.publicKey, minutes: 10 }], description: "Four" });
    expect(await opened(await pushTo("/wake/eve"), evePhone)).toEqual({ v: 1, group: groupHex });
    expect(service.requests.filter((r) => r.path === "/wake/fay")).toHaveLength(2);
  });

  it("takes its keys and settings from the environment, and refuses bad ones in one clear line", { timeout: 60_000 }, async () => {
    const keys = webpush.generateVAPIDKeys();
    const configured = await startRelayProcess({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey });
    try {
      expect(await (await fetch(new URL("/push/key", configured.url))).json()).toEqual({ publicKey: keys.publicKey });
      expect(existsSync(join(configured.dataDir, "push", "vapid.json"))).toBe(false);
    } finally {
      await configured.kill("SIGTERM");
    }
    const off = await startRelayProcess({ PUSH_SERVICE_HOSTS: "none" });
    try {
      const answer = await fetch(new URL("/push/key", off.url));
      expect([answer.status, await answer.json()]).toEqual([404, { error: "this relay does not send push notifications" }]);
    } finally {
      await off.kill("SIGTERM");
    }
    for (const [env, line] of [
      [{ PUSH_SERVICE_HOSTS: "https://evil/" }, 'tally relay: PUSH_SERVICE_HOSTS: "https://evil/" is not a host name, *.domain or host:port'],
      [{ VAPID_SUBJECT: "ops@example.org" }, 'tally relay: VAPID_SUBJECT must be a mailto: or https: address, not "ops@example.org"'],
      [{ VAPID_PUBLIC_KEY: keys.publicKey }, "tally relay: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: the private key must be 32 bytes in base64url"],
    ] as [Record<string, string>, string][]) {
      const refused = await startRelayProcess(env).then(
        () => "started",
        (error: Error) => error.message,
      );
      expect(refused).toContain("relay exited with 2");
      expect(refused.trim().split("\n").at(-1)).toBe(line);
    }
  });
});
