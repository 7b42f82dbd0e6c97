// What an operator sees of a real relay process: /metrics behind its token,
// logs as JSON lines, and a relay whose log reader died stays idle and stops on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { relayScript } from "../support/relay-bundle.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";

const TOKEN = "operator-token-for-tests";

let relay: RelayProcess;
let untokened: RelayProcess;

beforeAll(async () => {
  [relay, untokened] = await Promise.all([startRelayProcess({ METRICS_TOKEN: TOKEN }), startRelayProcess({ METRICS_TOKEN: "" })]);
});

afterAll(async () => {
  await Promise.all([relay?.kill("SIGTERM"), untokened?.kill("SIGTERM")]);
});

async function metrics(url: string, authorization?: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** A WebSocket upgrade the relay refuses (no device authentication): an abuse-relevant, logged event. */
function refusedUpgrade(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${url}/sync`, { headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" } })
      .on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on("upgrade", () => reject(new Error("the relay accepted an unauthenticated upgrade")))
      .on("error", reject)
      .end();
  });
}

describe("/metrics", () => {
  it("answers 404 when no token is configured and 401 to a missing or wrong token", async () => {
    expect((await metrics(untokened.url, `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await metrics(relay.url)).status).toBe(401);
    expect((await metrics(relay.url, "Bearer not-the-token")).status).toBe(401);
    expect((await metrics(relay.url, TOKEN)).status).toBe(401);
  });

  it("gives the relay's figures in the Prometheus text format to the right token", async () => {
    const answer = await metrics(relay.url, `Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ["tally_connections", "tally_groups", "tally_documents", "tally_bytes_stored", "tally_records_accepted"]) {
      expect(answer.text, name).toMatch(new RegExp(`^# TYPE ${name} gauge$`, "m"));
      expect(answer.text, name).toMatch(new RegExp(`^${name} \\d+$`, "m"));
    }
    expect(answer.text).toMatch(/^# TYPE tally_refused_frames_total counter$/m);
    expect(answer.text).toMatch(/^# TYPE tally_sync_delivery_seconds histogram$/m);
    expect(answer.text).toMatch(/^tally_groups 0$/m);
    expect(answer.text).toMatch(/^tally_connections 0$/m);
  });
});

describe("the relay's log", () => {
  it("is JSON lines with a time, a level and a message, refusals as warnings", async () => {
    expect(await refusedUpgrade(relay.url)).toBe(401);
    const deadline = Date.now() + 20_000;
    while (!relay.logs.join("").includes("refused connection") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = relay.logs.join("").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    const entries = lines.map((line) => JSON.parse(line) as { time: string; level: string; msg: string });
    for (const entry of entries) {
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
      expect(["info", "warn", "error"]).toContain(entry.level);
      expect(typeof entry.msg).toBe("string");
    }
    expect(entries.find((e) => e.msg.startsWith("Tally is running"))?.level).toBe("info");
    expect(entries.find((e) => e.msg.startsWith("refused connection"))?.level).toBe("warn");
  });
});

describe("a relay whose log reader died", () => {
  it("stays idle while it has lines to write and exits on SIGTERM", async () => {
    const child = spawn(process.execPath, [await relayScript()], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "tally-orphan-")) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); // a relay that failed the test must not spin on
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const running = /Tally is running: http:\/\/localhost:(\d+)/.exec(chunk.toString());
        if (running) resolve(running[1]!);
      });
      void exited.then((code) => reject(new Error(`relay exited with ${code}`)));
    });
    // The parent's end of both pipes closes, as when the parent dies.
    child.stdout.destroy();
    child.stderr.destroy();
    for (let i = 0; i < 20; i++) await refusedUpgrade(`http://127.0.0.1:${port}`);
    const cpuMs = () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    };
    const before = cpuMs();
    const idleStart = performance.now();
    await new Promise((r) => setTimeout(r, 2_000)); // a window to measure CPU over, not a wait for an event
    const share = (cpuMs() - before) / (performance.now() - idleStart);
    expect(share).toBeLessThan(0.05);
    const stopStart = performance.now();
    child.kill("SIGTERM");
    await exited;
    expect(performance.now() - stopStart).toBeLessThan(10_000);
  });
});
