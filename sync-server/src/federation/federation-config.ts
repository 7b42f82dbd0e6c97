// The two settings that federate relays (docs/DEPLOY.md):
//   TALLY_POOL_RELAY   the town's relay this relay keeps one connection to,
//                      for the pools its groups joined (http(s) or ws(s) URL);
//   TALLY_RELAY_PEERS  the relay keys (hex, comma-separated) of the relays
//                      allowed to sync this relay's pools as peers.
const KEY_HEX = /^[0-9a-f]{64}$/;
export const MAX_RELAY_PEERS = 256;

export interface FederationConfig {
  /** http(s) URL of the pool's relay, or null. */
  poolRelayUrl: string | null;
  relayPeers: string[];
}

/** The settings from the environment; throws with a line a person can act on. */
export function federationFromEnv(env: Record<string, string | undefined>): FederationConfig {
  return { poolRelayUrl: poolRelayUrl(env.TALLY_POOL_RELAY), relayPeers: relayPeers(env.TALLY_RELAY_PEERS) };
}

function poolRelayUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`TALLY_POOL_RELAY must be a URL such as wss://town.example.org, not "${value.slice(0, 100)}"`);
  }
  const http = { "ws:": "http:", "wss:": "https:", "http:": "http:", "https:": "https:" }[url.protocol];
  if (!http || url.username || url.password || url.search || url.hash) {
    throw new Error(`TALLY_POOL_RELAY must be a ws(s) or http(s) URL with no credentials, query or fragment, not "${value.slice(0, 100)}"`);
  }
  url.protocol = http;
  return url.origin;
}

function relayPeers(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [];
  const keys = value.split(",").map((key) => key.trim().toLowerCase()).filter((key) => key !== "");
  const bad = keys.find((key) => !KEY_HEX.test(key));
  if (bad !== undefined) throw new Error(`TALLY_RELAY_PEERS must list relay keys as 64 hex digits, separated by commas; "${bad.slice(0, 80)}" is not one`);
  if (keys.length > MAX_RELAY_PEERS) throw new Error(`TALLY_RELAY_PEERS lists ${keys.length} relays; at most ${MAX_RELAY_PEERS}`);
  return [...new Set(keys)];
}
