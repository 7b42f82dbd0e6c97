// WebSockets that have sent no frame for `idleConnectionMs` are closed: an
// idle socket holds a file descriptor, and a device with something to say
// reconnects by itself.
import type { WebSocket, WebSocketServer } from "ws";
import type { BoundedLog } from "../bounded-log.ts";
import type { Connection } from "./guarded-adapter.ts";

export function sweepIdle(wss: WebSocketServer, connections: WeakMap<WebSocket, Connection>, idleConnectionMs: number, log: BoundedLog): () => void {
  const timer = setInterval(() => {
    const nowMs = Date.now();
    for (const ws of wss.clients) {
      const connection = connections.get(ws);
      if (connection && nowMs - connection.lastFrameMs > idleConnectionMs) {
        log.line("idle", `device=${connection.deviceHex.slice(0, 8)} closed after ${idleConnectionMs} ms without a frame`);
        ws.close(1001, "idle");
      }
    }
  }, Math.max(250, Math.min(30_000, idleConnectionMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
