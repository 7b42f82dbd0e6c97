// Caps on open connections, counted at TCP accept so they hold for HTTP and
// WebSocket alike: per address (one address can only use its own share) and
// in all, below the process's open-file limit (1,074 idle sockets once
// crashed a relay whose limit was 1,024). Past the cap a connection is
// closed at once and never reaches the HTTP parser.
import type { Server } from "node:http";
import type { BoundedLog } from "../bounded-log.ts";
import type { Limits } from "../limits.ts";
import { addressKey } from "./budget.ts";
import { openFileLimit } from "./open-files.ts";

/** Behind a trusted proxy (perAddress false) every connection comes from the proxy: only the cap in all applies. */
export function capConnections(server: Server, limits: Limits, log: BoundedLog, options: { perAddress: boolean } = { perAddress: true }): number {
  const cap = Math.max(16, Math.min(limits.maxConnections, openFileLimit() - limits.openFilesReserve));
  server.maxConnections = cap;
  const perAddress = new Map<string, number>();
  server.on("connection", (socket) => {
    if (!options.perAddress) return;
    const key = addressKey(socket.remoteAddress);
    const count = (perAddress.get(key) ?? 0) + 1;
    perAddress.set(key, count);
    socket.once("close", () => {
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left > 0) perAddress.set(key, left);
      else perAddress.delete(key);
    });
    if (count > limits.connectionsPerIp) {
      log.line("refused connection", `ip=${socket.remoteAddress}: over ${limits.connectionsPerIp} connections from this address`);
      socket.destroy();
    }
  });
  server.on("drop", (data?: { remoteAddress?: string }) => log.line("refused connection", `ip=${data?.remoteAddress ?? "?"}: over ${cap} connections in all`));
  server.on("error", (error) => log.line("error", `server: ${error.message}`));
  return cap;
}
