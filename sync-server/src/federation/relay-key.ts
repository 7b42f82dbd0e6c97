// The relay's own Ed25519 key: made on first start and kept in the data
// folder. A relay proves itself with it when it connects to another relay
// (the ordinary connection proof, PROTOCOL §10), and an operator lists the
// keys of the relays they federate with (TALLY_RELAY_PEERS).
import { chmod, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { newSeed, signerFromSeed, type Signer } from "@tally/core";
import { writeDurably } from "../storage/durable-file.ts";

const SEED_BYTES = 32;

export async function loadRelayKey(dataDir: string): Promise<Signer> {
  const path = join(dataDir, "relay-key");
  let seed: Uint8Array | null = null;
  try {
    seed = new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (seed === null) {
    seed = newSeed();
    await mkdir(dataDir, { recursive: true });
    await writeDurably(path, seed);
    await chmod(path, 0o600);
  }
  if (seed.length !== SEED_BYTES) throw new Error(`${path} is not a relay key (${seed.length} bytes, expected ${SEED_BYTES}); move it away to make a new one`);
  return signerFromSeed(seed);
}
