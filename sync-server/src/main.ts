// `npm start`: the relay with its on-disk store and the app, on one port.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startRelay } from "./relay.ts";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.DATA_DIR ?? "data");
const host = process.env.HOST ?? "0.0.0.0";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`tally relay: PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}

try {
  const relay = await startRelay({ port, host, dataDir, appDir: resolve(root, "client/dist") });
  console.log(`Tally is running: http://localhost:${relay.port}/  (data in ${dataDir})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`tally relay: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (error) {
  console.error(`tally relay: ${(error as Error).message}`);
  process.exit(1);
}
