// The two settings that federate relays: good values are taken as written,
// bad ones stop the start with one line naming the setting and what it wants.
import { describe, expect, it } from "vitest";
import { federationFromEnv, MAX_RELAY_PEERS } from "../src/federation/federation-config.ts";

const KEY = "a".repeat(64);

describe("federation settings", () => {
  it("are off when unset or blank", () => {
    expect(federationFromEnv({})).toEqual({ poolRelayUrl: null, relayPeers: [] });
    expect(federationFromEnv({ TALLY_POOL_RELAY: " ", TALLY_RELAY_PEERS: "" })).toEqual({ poolRelayUrl: null, relayPeers: [] });
  });

  it("take a pool relay as ws(s) or http(s), and relay keys in any case, once each", () => {
    expect(federationFromEnv({ TALLY_POOL_RELAY: "wss://town.example.org/" }).poolRelayUrl).toBe("https://town.example.org");
    expect(federationFromEnv({ TALLY_POOL_RELAY: "ws://127.0.0.1:8787" }).poolRelayUrl).toBe("http://127.0.0.1:8787");
    expect(federationFromEnv({ TALLY_RELAY_PEERS: ` ${KEY.toUpperCase()}, ${"b".repeat(64)},${KEY}` }).relayPeers).toEqual([KEY, "b".repeat(64)]);
  });

  it("refuse anything else with a line a person can act on", () => {
    const problem = (env: Record<string, string>) => {
      try {
        federationFromEnv(env);
        return "taken";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem({ TALLY_POOL_RELAY: "town.example.org" })).toMatch(/^TALLY_POOL_RELAY must be a URL/);
    expect(problem({ TALLY_POOL_RELAY: "ftp://town.example.org" })).toMatch(/^TALLY_POOL_RELAY must be a ws\(s\) or http\(s\) URL/);
    expect(problem({ TALLY_POOL_RELAY: "wss://user:secret@town.example.org" })).toMatch(/no credentials/);
    expect(problem({ TALLY_RELAY_PEERS: `${KEY},not-a-key` })).toBe(`TALLY_RELAY_PEERS must list relay keys as 64 hex digits, separated by commas; "not-a-key" is not one`);
    const many = Array.from({ length: MAX_RELAY_PEERS + 1 }, (_, i) => i.toString(16).padStart(64, "0")).join(",");
    expect(problem({ TALLY_RELAY_PEERS: many })).toMatch(/at most 256/);
  });
});
