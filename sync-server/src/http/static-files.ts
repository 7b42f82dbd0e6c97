// Serves the built app (client/dist): files by path, index.html otherwise,
// so the app's own routes work on reload.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export function serveStatic(root: string, pathname: string, response: ServerResponse): void {
  const index = join(root, "index.html");
  if (!existsSync(index)) {
    response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    response.end("The app is not built yet. Run `npm start` from the project folder, which builds it.\n");
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = "/";
  }
  const candidate = normalize(join(root, decoded));
  const inside = candidate.startsWith(root + sep) && existsSync(candidate) && statSync(candidate).isFile();
  const file = inside ? candidate : index;
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  // Only content-hashed build output may be cached for good; the shell, the service worker and the manifest must revalidate.
  const cache = file.startsWith(join(root, "assets") + sep) ? "public, max-age=31536000, immutable" : "no-cache";
  response.writeHead(200, { "content-type": type, "cache-control": cache });
  response.end(readFileSync(file));
}
