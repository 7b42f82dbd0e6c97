// A town's relays as real processes: the town's pool relay, and a relay for
// each group that keeps one connection to it (TALLY_POOL_RELAY), proving
// itself with a relay key the pool relay's operator listed
// (TALLY_RELAY_PEERS). Each group relay's key is made from a label and put in
// its data folder before it starts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex, sha256, signerFromSeed, utf8 } from "@tally/core";
import { startRelayProcess, type RelayProcess } from "./relay-process.ts";

/** Group relays retry the pool relay quickly here, so a late start is noticed within seconds. */
const FAST_RETRY = JSON.stringify({ poolRetryMinMs: 200, poolRetryMaxMs: 2_000 });

export interface TownRelays {
  pool: RelayProcess;
  groups: RelayProcess[];
}

export async function startTownRelays(labels: readonly string[]): Promise<TownRelays> {
  const folders = await Promise.all(
    labels.map(async (label) => {
      const dataDir = mkdtempSync(join(tmpdir(), `tally-relay-${label}-`));
      const seed = sha256(utf8(`town-relays/${label}`));
      writeFileSync(join(dataDir, "relay-key"), seed, { mode: 0o600 });
      return { dataDir, keyHex: bytesToHex((await signerFromSeed(seed)).publicKey) };
    }),
  );
  const pool = await startRelayProcess({ TALLY_RELAY_PEERS: folders.map((f) => f.keyHex).join(",") });
  const toPool = { TALLY_POOL_RELAY: pool.url.replace("http", "ws"), TALLY_LIMITS: FAST_RETRY };
  const groups = await Promise.all(folders.map((f) => startRelayProcess(toPool, { dataDir: f.dataDir })));
  return { pool, groups };
}
