// Serves the built app (dist/app) with sirv: the brotli or gzip copy made at
// build time when the browser accepts it (Vary: Accept-Encoding), index.html
// for the app's own routes (so they work on reload), 404 for a missing file.
// sirv serves only the files it listed inside the folder, so no path leaves it.
import { existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import sirv from "sirv";

type Handler = ReturnType<typeof sirv>;

// Content-hashed build output may be cached for good. Everything else (index.html, sw.js, workbox-*.js,
// the manifest, the icons) must revalidate, or a new version of the app would never reach a phone.
const HASHED_ASSET = /^\/assets\/[^/]+\.\w+$/;
const FOREVER = "public, max-age=31536000, immutable";

/** One sirv listing per app folder, made again when the app is rebuilt (index.html changes). */
const handlers = new Map<string, { indexMtimeMs: number; handle: Handler }>();

function handlerFor(root: string): Handler | null {
  const index = join(root, "index.html");
  if (!existsSync(index)) return null;
  const indexMtimeMs = statSync(index).mtimeMs;
  const known = handlers.get(root);
  if (known?.indexMtimeMs === indexMtimeMs) return known.handle;
  const handle = sirv(root, {
    brotli: true,
    gzip: true,
    etag: true,
    single: true,
    setHeaders: (response, pathname) => response.setHeader("cache-control", HASHED_ASSET.test(pathname) ? FOREVER : "no-cache"),
  });
  handlers.set(root, { indexMtimeMs, handle });
  return handle;
}

export function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): void {
  const handle = handlerFor(root);
  if (!handle) {
    response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    response.end("The app is not built yet. Run `npm run build` (or `npm start`, which builds it) in the project folder.\n");
    return;
  }
  handle(request, response, () => {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end("Not found.\n");
  });
}
