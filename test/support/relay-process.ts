// A real relay process for tests: the relay's JavaScript build (relay-bundle.ts) on a free
// loopback port with its own data folder; can be killed with SIGKILL and
// started again on the same port and data.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { relayScript } from "./relay-bundle.ts";

const ROOT = resolve(import.meta.dirname, "../..");

export interface RelayProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  logs: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
    server.on("error", reject);
  });
}

async function launch(port: number, dataDir: string, logs: string[], env: Record<string, string>): Promise<ChildProcess> {
  const command = [process.execPath, "--enable-source-maps", await relayScript()];
  // OPEN_FILES runs the relay with that open-file limit, as a small server's `ulimit -n` would.
  const [file, ...args] = env.OPEN_FILES ? ["/bin/sh", "-c", `ulimit -n ${Number(env.OPEN_FILES)} && exec "$0" "$@"`, ...command] : command;
  const child = spawn(file as string, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${logs.join("")}`)), 20_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      logs.push(text);
      if (text.includes("Tally is running")) {
        clearTimeout(timer);
        resolveChild(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${logs.join("")}`));
    });
  });
}

/** `dataDir`: a data folder prepared beforehand (a relay key put there, say); a new empty one otherwise. */
export async function startRelayProcess(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<RelayProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "tally-relay-"));
  const logs: string[] = [];
  const relay: RelayProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    logs,
    child: await launch(port, dataDir, logs, env),
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      const child = relay.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((done) => {
        child.removeAllListeners("exit");
        child.once("exit", () => done());
        child.kill(signal);
      });
    },
    async restart() {
      relay.child = await launch(port, dataDir, logs, env);
    },
  };
  return relay;
}
