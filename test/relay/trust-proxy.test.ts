// Behind a reverse proxy every request comes from the proxy's address. With
// TRUST_PROXY=1 the relay counts budgets by X-Forwarded-For's last hop (what
// the proxy saw); without it the header is ignored, so a client reaching the
// relay directly cannot choose the address it is counted under.
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";

let relay: RelayProcess | null = null;
afterEach(async () => {
  await relay?.kill();
  relay = null;
});

const LIMITS = JSON.stringify({ challengesPerIpPerMinute: 2, connectionsPerIp: 2, memberRequestsPerIpPerMinute: 1 });

async function challenge(url: string, forwardedFor: string): Promise<number> {
  return (await fetch(new URL("/auth/challenge", url), { headers: { "x-forwarded-for": forwardedFor } })).status;
}

/** A recovery request (malformed, so refused with 400 once it is past the address's budget). */
async function recover(url: string, forwardedFor: string): Promise<number> {
  return (await fetch(new URL("/recover", url), { method: "POST", body: "{}", headers: { "x-forwarded-for": forwardedFor } })).status;
}

/** Opens raw connections and tells how many are still open once the relay has had its say. */
async function openConnections(port: number, count: number): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: count }, () => new Promise<import("node:net").Socket>((done) => {
    const socket = connect(port, "127.0.0.1", () => done(socket));
    socket.on("error", () => {}); // a refused connection is reset: counted below as not served
  })));
  // A refused connection is closed at accept: a health request on each tells which are served.
  const served = await Promise.all(sockets.map((socket) => new Promise<boolean>((done) => {
    socket.once("data", () => done(true));
    socket.once("close", () => done(false));
    socket.write("GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
  })));
  for (const socket of sockets) socket.destroy();
  return served.filter(Boolean).length;
}

/** Once the relay has seen the test's connections close, it serves this address again. */
async function servedAgain(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(new URL("/health", url)).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error("the relay did not serve this address again");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the client's address behind a reverse proxy", () => {
  it("with TRUST_PROXY=1, counts each forwarded address on its own, by the last hop", { timeout: 60_000 }, async () => {
    relay = await startRelayProcess({ TRUST_PROXY: "1", TALLY_LIMITS: LIMITS });
    expect(await challenge(relay.url, "203.0.113.7")).toBe(200);
    // A client-written first hop does not buy a fresh budget: the last hop is who the proxy saw.
    expect(await challenge(relay.url, "198.51.100.1, 203.0.113.7")).toBe(200);
    expect(await challenge(relay.url, "198.51.100.2, 203.0.113.7")).toBe(429);
    expect(await challenge(relay.url, "203.0.113.8")).toBe(200);
    expect(await recover(relay.url, "203.0.113.7")).toBe(400);
    expect(await recover(relay.url, "203.0.113.7")).toBe(429);
    expect(await recover(relay.url, "203.0.113.8")).toBe(400);
    // Every connection comes from the proxy: the per-address connection cap is not applied to it.
    expect(await openConnections(relay.port, 5)).toBe(5);
  });

  it("without it, ignores X-Forwarded-For and caps connections per address", { timeout: 60_000 }, async () => {
    relay = await startRelayProcess({ TALLY_LIMITS: LIMITS });
    // First, before fetch keeps connections of its own open.
    expect(await openConnections(relay.port, 5)).toBe(2);
    await servedAgain(relay.url);
    expect(await challenge(relay.url, "203.0.113.7")).toBe(200);
    expect(await challenge(relay.url, "203.0.113.8")).toBe(200);
    expect(await challenge(relay.url, "203.0.113.9")).toBe(429);
    expect(await recover(relay.url, "203.0.113.7")).toBe(400);
    expect(await recover(relay.url, "203.0.113.8")).toBe(429);
  });

  it("refuses a TRUST_PROXY that is neither 0 nor 1, in words", { timeout: 60_000 }, async () => {
    await expect(startRelayProcess({ TRUST_PROXY: "yes" })).rejects.toThrow(/TRUST_PROXY must be 1 \(behind a reverse proxy\) or 0, not "yes"/);
  });
});
