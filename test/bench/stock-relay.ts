// The baseline for bench:relay: a stock automerge-repo relay, as its own
// example runs it (no authentication, no guard, stock NodeFS storage).
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";

const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
const repo = new Repo({
  network: [new WebSocketServerAdapter(wss as never)],
  storage: new NodeFSStorageAdapter(process.env.DATA_DIR ?? "stock-data"),
  peerId: "stock-relay" as PeerId,
  sharePolicy: async () => false,
});
await repo.storageId();
await new Promise((resolve) => setImmediate(resolve));
const server = createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) }));
});
server.on("upgrade", (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request)));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("Tally is running (stock baseline)"));
process.on("SIGTERM", () => void repo.shutdown().then(() => process.exit(0)));
