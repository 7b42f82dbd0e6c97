// The client's build: React, Automerge's wasm as an ES module, and a service
// worker that precaches the whole app shell (wasm included) so the app opens
// with no network after one visit. Output: dist/app, with brotli and gzip copies of every file.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import wasm from "vite-plugin-wasm";
import { compressAssets } from "./build/compress-assets.ts";
import { SERVICE_WORKER_PART, serviceWorkerPart } from "./build/service-worker-part.ts";

export default defineConfig({
  root: "client",
  plugins: [
    wasm(),
    react(),
    serviceWorkerPart(),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: "auto",
      manifest: {
        name: "Tally — community timebank",
        short_name: "Tally",
        description: "Trade time with your neighbours: one hour of help, one time credit.",
        theme_color: "#1f5f3f",
        background_color: "#f6f8f5",
        display: "standalone",
        start_url: "/",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "any maskable" },
        ],
      },
      workbox: {
        // Workbox's default 2 MiB limit would leave Automerge's 3.6 MB wasm out of the precache.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        globPatterns: ["**/*.{js,css,html,wasm,png,webmanifest}"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/(sync|health|auth|join|push)/],
        // Push and notification taps (client/src/activity/service-worker.ts).
        importScripts: [SERVICE_WORKER_PART],
      },
    }),
    compressAssets(),
  ],
  worker: { format: "es", plugins: () => [wasm()] },
  build: { outDir: "../dist/app", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4096 },
});
