// `npm run build`: the whole production tree, once. dist/app is the app (vite,
// with its service worker and brotli/gzip copies), dist/relay.js the relay,
// dist/cli.js the `tally` command. A built tree starts with `npm start` and
// needs only production dependencies.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build as viteBuild } from "vite";
import { NODE_ENTRIES, ROOT, bundleNode } from "./bundle-node.ts";

const startedMs = performance.now();
await viteBuild({ configFile: resolve(ROOT, "vite.config.ts"), logLevel: "warn" });
for (const [outfile, entry] of Object.entries(NODE_ENTRIES)) await bundleNode(entry, resolve(ROOT, "dist", outfile));
// start.js compares this stamp with the sources to decide whether a build is needed.
writeFileSync(resolve(ROOT, "dist/BUILT"), `${new Date().toISOString()}\n`);
console.log(`built dist/ in ${Math.round(performance.now() - startedMs)} ms`);
