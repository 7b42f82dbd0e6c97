// Tests run the relay as it ships: bundled to JavaScript by the production
// build's own step (build/bundle-node.ts), once per test run, so each of the
// many relay processes the suite starts is plain `node relay.js` (no tsx
// compile of the sources at every start). vitest runs `setup` once
// (globalSetup) and the path reaches every test worker through the environment.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { NODE_ENTRIES, bundleNode } from "../../build/bundle-node.ts";

const ENV = "TALLY_TEST_RELAY_JS";

async function bundle(): Promise<string> {
  // Under the project folder so the bundle's npm imports resolve from its node_modules.
  const cache = join(import.meta.dirname, "../../node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const outfile = join(mkdtempSync(join(cache, "tally-relay-")), "relay.js");
  await bundleNode(NODE_ENTRIES["relay.js"], outfile);
  return outfile;
}

export async function setup(): Promise<() => void> {
  const outfile = await bundle();
  process.env[ENV] = outfile;
  return () => rmSync(dirname(outfile), { recursive: true, force: true });
}

let bundled: Promise<string> | null = null;

/** The relay's JavaScript: the run's bundle, or one made now (a bench run outside vitest). */
export function relayScript(): Promise<string> {
  const fromSetup = process.env[ENV];
  if (fromSetup) return Promise.resolve(fromSetup);
  bundled ??= bundle().then((outfile) => {
    process.once("exit", () => rmSync(dirname(outfile), { recursive: true, force: true }));
    return outfile;
  });
  return bundled;
}
