// Brotli and gzip copies of every built file, made once at build time so the
// relay serves them without compressing per request (the wasm alone is 3.6 MB
// raw). A copy that would not be smaller is not written.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSED = /\.(br|gz)$/;
// The best brotli for a real build; a quick one when the test suite builds the app for its browser tests.
const BROTLI_QUALITY = process.env.VITEST ? 5 : constants.BROTLI_MAX_QUALITY;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function compressFiles(dir: string): { files: number; rawBytes: number; brotliBytes: number } {
  let rawBytes = 0;
  let brotliBytes = 0;
  const files = filesUnder(dir).filter((path) => !COMPRESSED.test(path));
  for (const path of files) {
    const raw = readFileSync(path);
    const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gzip = gzipSync(raw, { level: 9 });
    if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
    rawBytes += raw.length;
    brotliBytes += Math.min(brotli.length, raw.length);
  }
  return { files: files.length, rawBytes, brotliBytes };
}

/** A vite plugin: compresses the output folder after the service worker is written (so sw.js is compressed too). */
export function compressAssets(): Plugin {
  let outDir = "";
  return {
    name: "tally-compress-assets",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        const { files, rawBytes, brotliBytes } = compressFiles(outDir);
        console.log(`compressed ${files} app files: ${(rawBytes / 1e6).toFixed(2)} MB raw, ${(brotliBytes / 1e6).toFixed(2)} MB brotli`);
      },
    },
  };
}
