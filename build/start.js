// `npm start`: runs the built relay (dist/relay.js), which serves the built
// app. Plain JavaScript so a production install needs no compiler. In a
// checkout with the build tools (`npm install`), it first builds when dist/ is
// missing or older than the sources, so `npm install && npm start` is the whole quick start.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const stamp = join(root, "dist/BUILT");
const SOURCES = ["core/src", "documents/src", "sync-server/src", "cli/src", "client/src", "client/public", "client/index.html", "build", "vite.config.ts", "package-lock.json"];

function newestMs(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newestMs(join(path, name))), 0);
}

const built = existsSync(stamp) && existsSync(join(root, "dist/relay.js"));
const stale = !built || statSync(stamp).mtimeMs < Math.max(...SOURCES.map((source) => newestMs(join(root, source))));
const canBuild = existsSync(join(root, "node_modules/vite")) && existsSync(join(root, "node_modules/tsx"));
if (stale && canBuild) {
  console.log(built ? "The sources changed since the last build: building…" : "Building the app and the relay (once)…");
  // A child process, so the relay does not keep the build's memory.
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "build/build.ts")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else if (!built) {
  console.error("tally: no build found in dist/. Run `npm ci && npm run build` first (the build needs the development dependencies).");
  process.exit(1);
}
await import(pathToFileURL(join(root, "dist/relay.js")).href);
