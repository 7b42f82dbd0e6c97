// npm run bench:client — the app's size and speed in a real Chromium:
// gzipped JavaScript without the wasm, and the time from navigation to a
// group's balances on screen for a group of 10,000 records, first visit
// online and repeat visit offline. Baseline in the same run: the time to
// load the same page shell with no group (what any visit costs). And the
// first visit on Chromium's "Fast 3G" emulation (1.6 Mbps down, 750 kbps up,
// 150 ms round trip, set through CDP), served with the build's brotli/gzip
// copies, beside the same app served uncompressed (a copy without them).
// And the time from a tap on a group's tab to its content on screen, for the
// same group, beside a tap on the tab already open (a click and a frame).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import WebSocket from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { bytesToHex, generateDemo, sha256, signerFromSeed, utf8 } from "@tally/core";
import { GroupDocuments, RelayClientAdapter } from "@tally/documents";
import { launchChromium } from "../support/browser.ts";
import { startRelayProcess } from "../support/relay-process.ts";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const SEED = 21;
const ROOT = resolve(import.meta.dirname, "../..");

const { build } = await import("vite");
await build({ configFile: resolve(ROOT, "vite.config.ts"), root: resolve(ROOT, "client"), logLevel: "warn" });
const dist = resolve(ROOT, "dist/app");
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const gzipKb = (chosen: string[]) => Math.round(chosen.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0) / 1024);
// Urdu's and Polish's strings are chunks of their own, fetched when chosen: not part of opening the app in English.
const languageChunk = (f: string) => /[\\/](ur|pl)-[\w-]+\.js$/.test(f);
// The first load is what the page names (its entry and the modules it preloads) and the service worker's
// files; the other chunks (the town's pages and tools) are fetched when first opened.
const pageHtml = readFileSync(join(dist, "index.html"), "utf8");
const named = new Set([...pageHtml.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => join(dist, m[1] as string)));
const firstLoad = (f: string) => named.has(f) || !f.includes(`${join(dist, "assets")}`);
const jsFiles = files(dist).filter((f) => f.endsWith(".js"));
const jsGzipKb = gzipKb(jsFiles.filter(firstLoad));
const languageGzipKb = gzipKb(jsFiles.filter(languageChunk));
const lazyGzipKb = gzipKb(jsFiles.filter((f) => !firstLoad(f) && !languageChunk(f)));
const wasmGzipKb = Math.round(files(dist).filter((f) => f.endsWith(".wasm")).reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0) / 1024);

const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

/** A first visit (empty cache, no service worker) until the app's home screen shows: time and bytes on the wire. */
async function firstVisitFast3G(url: string): Promise<{ ms: number; wireKb: number }> {
  const browser = await launchChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  let wireBytes = 0;
  cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => (wireBytes += event.encodedDataLength));
  const start = performance.now();
  await page.goto(`${url}/`);
  await page.getByRole("heading", { name: "Your groups" }).waitFor({ timeout: 180_000 });
  const ms = Math.round(performance.now() - start);
  await browser.close();
  return { ms, wireKb: Math.round(wireBytes / 1024) };
}

// The same build without its compressed copies: what a server that does not compress sends.
const plainApp = join(mkdtempSync(join(tmpdir(), "bench-plain-app-")), "app");
cpSync(dist, plainApp, { recursive: true, filter: (source) => !/\.(br|gz)$/.test(source) });
const plainRelay = await startRelayProcess({ APP_DIR: plainApp });
const plainVisit = await firstVisitFast3G(plainRelay.url);
await plainRelay.kill("SIGTERM");
rmSync(plainApp, { recursive: true, force: true });

// A relay holding a demo group of RECORDS records.
const relay = await startRelayProcess();
const compressedVisit = await firstVisitFast3G(relay.url);
const records = await generateDemo({ members: Math.max(10, Math.floor(RECORDS / 50)), records: RECORDS, seed: SEED });
const groupHex = records[0]!.groupHex;
const founderDevice = await signerFromSeed(sha256(utf8(`tally-demo/${SEED}/0/device/0/0`)));
const founder = new Repo({
  network: [new RelayClientAdapter({ relayUrl: relay.url, device: founderDevice, WebSocket: WebSocket as never, founding: () => records.slice(0, 2).map((r) => r.envelope) })],
  peerId: `device-${bytesToHex(founderDevice.publicKey).slice(0, 16)}-bench-founder` as PeerId, // the relay binds peer ids to device keys
  shareConfig: { announce: async () => true, access: async () => true },
});
const docs = await GroupDocuments.open(founder, groupHex);
await docs.write(records.map((r) => ({ id: r.id, envelope: r.envelope })));
await new Promise((r) => setTimeout(r, 5_000)); // the relay stores and judges them

// The browser is member 1's phone: its seeds go into the app's key store before the app starts.
const memberSeed = sha256(utf8(`tally-demo/${SEED}/0/member/1`));
const deviceSeed = sha256(utf8(`tally-demo/${SEED}/0/device/1/0`));
const browser = await launchChromium();
const context = await browser.newContext();
const page = await context.newPage();
let started = performance.now();
await page.goto(`${relay.url}/`);
await page.getByRole("heading", { name: "Your groups" }).waitFor();
const shellMs = Math.round(performance.now() - started);
await page.evaluate(
  async ({ member, device, groupHex }) => {
    const request = indexedDB.open("tally-device", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("keys");
      request.result.createObjectStore("groups", { keyPath: "groupHex" });
    };
    const db: IDBDatabase = await new Promise((done) => (request.onsuccess = () => done(request.result)));
    const tx = db.transaction(["keys", "groups"], "readwrite");
    tx.objectStore("keys").put(new Uint8Array(member), "member");
    tx.objectStore("keys").put(new Uint8Array(device), "device");
    tx.objectStore("groups").put({ groupHex, name: "Demo timebank" });
    await new Promise((done) => (tx.oncomplete = done));
    db.close();
  },
  { member: [...memberSeed], device: [...deviceSeed], groupHex },
);
await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

const balancesOnScreen = async (): Promise<number> => {
  const start = performance.now();
  await page.goto(`${relay.url}/#/g/${groupHex}/members`);
  await page.getByText("Your balance").waitFor({ timeout: 120_000 });
  await page.locator("table tbody tr").first().waitFor();
  return Math.round(performance.now() - start);
};
// A fresh page load each time: the app opens its stores, the replica derives the ledger, the balances render.
await page.goto("about:blank");
const firstOnlineMs = await balancesOnScreen();
await page.goto("about:blank");
await context.setOffline(true);
const repeatOfflineMs = await balancesOnScreen();
const rows = await page.locator("table tbody tr").count();

/** Taps a tab's link in the page and times it until that tab's content is drawn (the frame after it is in the DOM). */
const tapMs = (tab: string): Promise<number> =>
  page.evaluate(async (tab) => {
    const link = document.querySelector(`nav a[href$="/${tab}"]`) as HTMLAnchorElement;
    const start = performance.now();
    link.click();
    // No named helpers in here: the page runs this as it is, without tsx's helpers.
    while (!document.querySelector(`.tab-content[data-tab="${tab}"]`)) await new Promise((done) => requestAnimationFrame(done));
    await new Promise((done) => requestAnimationFrame(done));
    return performance.now() - start;
  }, tab);
const TAB_ROUNDS = 5;
const tabTaps: number[] = [];
const sameTabTaps: number[] = [];
for (let round = 0; round < TAB_ROUNDS; round++) {
  for (const tab of ["home", "listings", "record", "members", "me"]) {
    tabTaps.push(await tapMs(tab));
    sameTabTaps.push(await tapMs(tab));
  }
}
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
const worst = (values: number[]) => Math.round(Math.max(...values));
await browser.close();
await founder.shutdown();
await relay.kill("SIGTERM");

console.log(`\nclient benchmark: a group of ${RECORDS} records (${rows} members on screen), headless Chromium\n`);
console.log("| figure | Tally | baseline | target |");
console.log("|---|---|---|---|");
console.log(`| JavaScript of the first load, gzipped (without the wasm) | ${jsGzipKb} KB | — (wasm ${wasmGzipKb} KB gzipped, precached; Urdu and Polish strings ${languageGzipKb} KB, fetched when chosen; the town's pages ${lazyGzipKb} KB, fetched when opened) | <= 300 KB |`);
console.log(`| navigation to balances, first visit online | ${firstOnlineMs} ms | ${shellMs} ms (the shell alone) | — |`);
console.log(`| navigation to balances, repeat visit offline | ${repeatOfflineMs} ms | ${shellMs} ms (the shell alone) | <= 2000 ms |`);
console.log(`| first visit on Fast 3G, to the home screen | ${compressedVisit.ms} ms, ${compressedVisit.wireKb} KB on the wire | ${plainVisit.ms} ms, ${plainVisit.wireKb} KB (uncompressed) | <= 8000 ms |`);
console.log(`| tap on a tab to its content (median, worst of ${tabTaps.length}) | ${median(tabTaps)} ms, ${worst(tabTaps)} ms | ${median(sameTabTaps)} ms, ${worst(sameTabTaps)} ms (the tab already open) | <= 100 ms |`);
console.log(JSON.stringify({ tabTapMedianMs: median(tabTaps), tabTapWorstMs: worst(tabTaps), sameTabMedianMs: median(sameTabTaps), fast3gMs: compressedVisit.ms, fast3gWireKb: compressedVisit.wireKb, fast3gPlainMs: plainVisit.ms, fast3gPlainWireKb: plainVisit.wireKb, jsGzipKb, languageGzipKb, lazyGzipKb, wasmGzipKb, records: RECORDS, firstOnlineMs, repeatOfflineMs, shellMs }));
process.exit(0);
