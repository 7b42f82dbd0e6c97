// The client's build: React, and Automerge's wasm as an ES module.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import wasm from "vite-plugin-wasm";

export default defineConfig({
  root: "client",
  plugins: [wasm(), react()],
  worker: { format: "es", plugins: () => [wasm()] },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4096 },
});
