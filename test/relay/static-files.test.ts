// The app's files as a real relay process serves them: the build's brotli or
// gzip copy by Accept-Encoding, caching by kind of file, the app's routes, and
// nothing from outside the app folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";

const INDEX = "<!doctype html><title>Tally</title>".repeat(20);
const SCRIPT = "console.log('the app');\n".repeat(200);

let relay: RelayProcess;
let outside: string;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), "tally-static-"));
  writeFileSync(join(outside, "secret.txt"), "not for the network");
  const app = join(outside, "app");
  mkdirSync(join(app, "assets"), { recursive: true });
  for (const [name, text] of [["index.html", INDEX], ["sw.js", SCRIPT], ["assets/index-AbC123.js", SCRIPT]] as const) {
    writeFileSync(join(app, name), text);
    writeFileSync(join(app, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(app, `${name}.gz`), gzipSync(text));
  }
  relay = await startRelayProcess({ APP_DIR: app });
});

afterAll(async () => {
  await relay?.kill("SIGTERM");
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
    request(`${relay.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the relay serves the app", () => {
  it("sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and the plain file otherwise", async () => {
    const brotli = await get("/assets/index-AbC123.js", "gzip, deflate, br");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
    expect(String(brotli.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    const gzip = await get("/assets/index-AbC123.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    const plain = await get("/assets/index-AbC123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it("caches hashed assets for a year and never the page or the service worker", async () => {
    expect((await get("/assets/index-AbC123.js", "br")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/index.html", "/sw.js", "/g/0123abcd"]) expect((await get(path, "br")).headers["cache-control"], path).toBe("no-cache");
  });

  it("answers the app's own routes with index.html and keeps the security headers", async () => {
    const route = await get("/g/0123abcd/members");
    expect(route.status).toBe(200);
    expect(route.body.toString()).toBe(INDEX);
    expect(route.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(route.headers["x-frame-options"]).toBe("DENY");
  });

  it("answers 404 for a missing file and never serves one from outside the app folder", async () => {
    expect((await get("/assets/missing-0000.js")).status).toBe(404);
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt"]) {
      const answer = await get(path);
      expect(answer.body.toString(), path).not.toContain("not for the network");
    }
  });
});
