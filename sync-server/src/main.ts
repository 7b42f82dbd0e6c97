// The relay process (`npm start` runs its build, dist/relay.js): the relay with
// its on-disk store and the built app (dist/app, or APP_DIR), on one port.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startRelay } from "./relay.ts";
import { LIMITS, type Limits } from "./limits.ts";
import { guardStandardStreams, logLine } from "./operations/json-log.ts";
import { pushConfigFromEnv, type PushConfig } from "./push/push-config.ts";
import { federationFromEnv, type FederationConfig } from "./federation/federation-config.ts";

// A relay that cannot close cleanly (a hung socket, a stuck write) still exits this long after SIGTERM.
const SHUTDOWN_DEADLINE_MS = 5_000;

guardStandardStreams();

/** The project folder: the nearest one up whose package.json is the root's, from the source (sync-server/src) or the build (dist/). */
function projectRoot(from: string): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "tally") return dir;
  }
  throw new Error("cannot find the project folder (a package.json named tally)");
}

const root = projectRoot(fileURLToPath(import.meta.url));
const appDir = resolve(process.env.APP_DIR ?? join(root, "dist/app"));
const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.DATA_DIR ?? "data");
const host = process.env.HOST ?? "0.0.0.0";

// Behind a reverse proxy (Caddy, nginx): TRUST_PROXY=1 (docs/DEPLOY.md). Off by default.
const trustProxy = process.env.TRUST_PROXY === "1";
if (!["0", "1", undefined, ""].includes(process.env.TRUST_PROXY)) {
  console.error(`tally relay: TRUST_PROXY must be 1 (behind a reverse proxy) or 0, not "${process.env.TRUST_PROXY}"`);
  process.exit(2);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`tally relay: PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}

// Limits can be tuned for a deployment (or a load test) without code: TALLY_LIMITS='{"connectionsPerIp": 1000}'.
let limits: Partial<Limits> = {};
try {
  limits = JSON.parse(process.env.TALLY_LIMITS ?? "{}") as Partial<Limits>;
  for (const [key, value] of Object.entries(limits)) {
    if (!(key in LIMITS) || typeof value !== "number" || !(value > 0)) throw new Error(`unknown or bad limit "${key}"`);
  }
} catch (error) {
  console.error(`tally relay: TALLY_LIMITS: ${(error as Error).message}`);
  process.exit(2);
}

/** A setting read from the environment; a bad one stops the start with its reason on one line. */
function setting<T>(read: (env: NodeJS.ProcessEnv) => T): T {
  try {
    return read(process.env);
  } catch (error) {
    console.error(`tally relay: ${(error as Error).message}`);
    process.exit(2);
  }
}

const push: PushConfig = setting(pushConfigFromEnv);
// Relays federate (docs/DEPLOY.md): TALLY_POOL_RELAY and TALLY_RELAY_PEERS.
const federation: FederationConfig = setting(federationFromEnv);

// Defence in depth only: everything from the network is validated where it
// enters (network/, http/, auth/). A fault that still escapes is written down
// as a bug to fix, and the other groups go on being served.
process.on("unhandledRejection", (reason) => logLine(`last-resort: unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
process.on("uncaughtException", (error) => logLine(`last-resort: uncaught exception: ${error.stack ?? error.message}`));

try {
  const relay = await startRelay({ port, host, dataDir, appDir, limits, trustProxy, log: (line) => logLine(line), metricsToken: process.env.METRICS_TOKEN || undefined, push, poolRelayUrl: federation.poolRelayUrl, relayPeers: federation.relayPeers });
  logLine(`Tally is running: http://localhost:${relay.port}/  (data in ${dataDir})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLine(`${signal}: stopping`);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logLine(`error stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (error) {
  logLine(`error starting: ${(error as Error).message}`);
  process.exit(1);
}
