// The app's own part of the service worker (client/src/activity/service-worker.ts:
// push and notification taps), bundled into one classic script that the Workbox
// service worker imports (workbox.importScripts in vite.config.ts).
import { build } from "esbuild";
import { resolve } from "node:path";
import type { Plugin } from "vite";

export const SERVICE_WORKER_PART = "notify-sw.js";

export function serviceWorkerPart(): Plugin {
  return {
    name: "tally-service-worker-part",
    apply: "build",
    async generateBundle() {
      const built = await build({
        entryPoints: [resolve(import.meta.dirname, "../client/src/activity/service-worker.ts")],
        bundle: true,
        write: false,
        format: "iife",
        target: "es2022",
        minify: true,
        logLevel: "warning",
      });
      this.emitFile({ type: "asset", fileName: SERVICE_WORKER_PART, source: built.outputFiles[0]?.text ?? "" });
    },
  };
}
