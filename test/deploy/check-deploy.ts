// npm run check:deploy: the VPS path of docs/DEPLOY.md on this machine. The
// relay as `npm start` runs it (TRUST_PROXY=1, on loopback), Debian's caddy in
// front with the shipped Caddyfile and its own local certificate authority
// (local_certs: `tls internal` for every site), and Chromium opening the app
// over HTTPS at a name that is not localhost, so only HTTPS makes the page a
// secure context. It shows: the page is served over HTTPS, the app syncs
// through Caddy's WebSocket proxying, the service worker controls the page,
// and the app opens offline. Not part of npm test: it needs caddy installed.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { startGroup } from "../support/app-flows.ts";
import { freePort } from "../support/relay-process.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const HOST_NAME = "tally.test";
const START_TIMEOUT_MS = 5 * 60_000; // npm start may build the app first on a busy machine
const STEP_TIMEOUT_MS = 60_000;

function caddyPath(): string | null {
  try {
    return execFileSync("which", ["caddy"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

function step(text: string): void {
  console.log(`  ✓ ${text}`);
}

/** A process whose output is kept, to show if something goes wrong. */
function launch(command: string, args: string[], env: NodeJS.ProcessEnv, logs: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  return child;
}

/** GET over HTTPS, certificate not checked (Caddy's CA is not trusted yet): status, or null if nothing answers. */
function probe(port: number, path: string): Promise<number | null> {
  return new Promise((done) => {
    const req = request({ host: "127.0.0.1", port, path, servername: HOST_NAME, headers: { host: `${HOST_NAME}:${port}` }, rejectUnauthorized: false, timeout: 5_000 }, (response) => {
      response.resume();
      done(response.statusCode ?? null);
    });
    req.on("error", () => done(null));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | null>, exited: () => string | null): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== null) return value;
    const gone = exited();
    if (gone) throw new Error(`${what}: ${gone}`);
    if (Date.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Base64 SHA-256 of a certificate's public key: Chromium trusts chains holding it (--ignore-certificate-errors-spki-list). */
function spkiHash(pemFile: string): string {
  const key = new X509Certificate(readFileSync(pemFile)).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(key).digest("base64");
}

function stop(child: ChildProcess | null): void {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM"); // its own process group: npm and the relay under it
    } catch {
      // already gone
    }
  }
}

async function main(): Promise<number> {
  const caddy = caddyPath();
  if (!caddy) {
    console.error("check:deploy needs Caddy, which is not installed.\nOn Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y caddy\n(then run npm run check:deploy again)");
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), "tally-check-deploy-"));
  const relayLogs: string[] = [];
  const caddyLogs: string[] = [];
  let relay: ChildProcess | null = null;
  let proxy: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const [relayPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
    console.log(`check:deploy: relay on 127.0.0.1:${relayPort}, caddy ${execFileSync(caddy, ["version"], { encoding: "utf8" }).trim().split(" ")[0]} on https://${HOST_NAME}:${httpsPort}`);

    // docs/DEPLOY.md, step "start the relay": npm start, on loopback only, behind the proxy.
    relay = launch("npm", ["start"], { ...process.env, PORT: String(relayPort), HOST: "127.0.0.1", DATA_DIR: join(work, "data"), TRUST_PROXY: "1" }, relayLogs);
    const relayExited = () => (relay?.exitCode !== null ? `the relay exited:\n${relayLogs.join("")}` : null);
    await until("the relay to start", START_TIMEOUT_MS, () => fetch(`http://127.0.0.1:${relayPort}/health`).then((r) => (r.ok ? true : null), () => null), relayExited);
    step("the relay started with npm start (TRUST_PROXY=1, on 127.0.0.1)");

    // The shipped Caddyfile, as is; the global options keep caddy's files in the work folder and its CA out of the system's trust store.
    const caddyfile = join(work, "Caddyfile");
    writeFileSync(caddyfile, [
      "{",
      "\tadmin off",
      "\tlocal_certs",
      "\tskip_install_trust",
      `\thttp_port ${httpPort}`,
      `\thttps_port ${httpsPort}`,
      `\tstorage file_system ${join(work, "caddy")}`,
      "}",
      `import ${join(ROOT, "Caddyfile")}`,
      "",
    ].join("\n"));
    proxy = launch(caddy, ["run", "--config", caddyfile, "--adapter", "caddyfile"], { ...process.env, HOME: work, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work, TALLY_DOMAIN: `${HOST_NAME}:${httpsPort}`, TALLY_RELAY: `127.0.0.1:${relayPort}` }, caddyLogs);
    const caddyExited = () => (proxy?.exitCode !== null ? `caddy exited:\n${caddyLogs.join("")}` : null);
    await until("caddy to serve the app over HTTPS", STEP_TIMEOUT_MS, () => probe(httpsPort, "/health").then((status) => (status === 200 ? true : null)), caddyExited);
    const authority = join(work, "caddy", "pki", "authorities", "local");
    const trusted = ["root.crt", "intermediate.crt"].map((name) => join(authority, name)).filter(existsSync);
    if (trusted.length === 0) throw new Error(`caddy made no local certificate authority in ${authority}`);
    step("caddy serves it over HTTPS with a certificate from its own authority (tls internal)");

    browser = await launchChromium([`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${trusted.map(spkiHash).join(",")}`]);
    const url = `https://${HOST_NAME}:${httpsPort}/`;
    const page = await startGroup(browser, url, "Deploy Check Timebank", "Ann");
    const secure = await page.evaluate(() => ({ protocol: location.protocol, secure: window.isSecureContext }));
    if (secure.protocol !== "https:" || !secure.secure) throw new Error(`the page is not a secure context: ${JSON.stringify(secure)}`);
    step(`Chromium opened ${url}: a secure context; a group was started and synced with the relay through caddy (WebSocket)`);

    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // A first visit is controlled once the worker claims it, or from the next load.
    let controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!controlled) {
      await page.reload();
      await page.getByRole("heading", { name: "Deploy Check Timebank" }).waitFor({ timeout: STEP_TIMEOUT_MS });
      controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    }
    if (!controlled) throw new Error("the service worker does not control the page");
    step("the service worker controls the page");

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Deploy Check Timebank" }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.getByText("Offline — changes are kept and sent later").waitFor({ timeout: STEP_TIMEOUT_MS });
    step("offline, the app opens from the service worker and shows the group");
    console.log("check:deploy passed");
    return 0;
  } catch (error) {
    console.error(`check:deploy FAILED: ${(error as Error).message}`);
    if (caddyLogs.length > 0) console.error(`--- caddy's last output ---\n${caddyLogs.join("").slice(-3000)}`);
    if (relayLogs.length > 0) console.error(`--- the relay's last output ---\n${relayLogs.join("").slice(-3000)}`);
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    stop(proxy);
    stop(relay);
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
