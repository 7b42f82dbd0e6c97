// What the relay benchmarks share: starting a relay process (Tally's or the
// stock baseline) on a free loopback port, waiting on a condition, and the
// figures (percentiles, the median of rounds).
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import WebSocket from "ws";
import { Repo, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { Signer } from "@tally/core";
import { RelayClientAdapter } from "@tally/documents";
import { peerIdOf } from "../support/relay-attacker.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `script` (relative to the repository) as a relay on a free port; resolves once it says it is running. */
export async function launch(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // BENCH_RELAY_NODE_ARGS="--cpu-prof" profiles the relay under load.
  const extra = (process.env.BENCH_RELAY_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...extra, "--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TALLY_SKIP_APP_BUILD: "1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((done, fail) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Tally is running") && done());
    child.on("exit", (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  // BENCH_RELAY_LOG=file keeps the relays' logs (appended), to see what a relay did under load.
  const logFile = process.env.BENCH_RELAY_LOG;
  if (logFile) child.stdout!.on("data", (chunk: Buffer) => appendFileSync(logFile, chunk));
  child.stdout!.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Which documents a device takes when a relay offers them (by default, any). */
export type Takes = (documentId: DocumentId) => boolean;
const takesAll: Takes = () => true;

/** A device's repo on a Tally relay, authenticated with its key; `founding` shows a relay a group it does not know yet. */
export function tallyRepo(url: string, device: Signer, founding: Uint8Array[] = [], takes = takesAll): Repo {
  return new Repo({
    network: [new RelayClientAdapter({ relayUrl: url, device, WebSocket: WebSocket as never, founding: () => founding })],
    peerId: peerIdOf(device) as PeerId,
    shareConfig: { announce: async () => true, access: async (_peer, documentId) => documentId === undefined || takes(documentId) },
  });
}

/** A device's repo on the stock relay: no authentication, any peer id. */
export function stockRepo(url: string, label: string, takes = takesAll): Repo {
  return new Repo({
    network: [new WebSocketClientAdapter(url.replace("http", "ws"))],
    peerId: `bench-${label}-${Math.random().toString(36).slice(2, 8)}` as PeerId,
    shareConfig: { announce: async () => true, access: async (_peer, documentId) => documentId === undefined || takes(documentId) },
  });
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The p-th percentile of values sorted ascending (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}
