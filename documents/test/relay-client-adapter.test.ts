// A relay that accepts a connection and never answers (a captive portal, a
// half-open network) must not leave a device "connecting" for ever: each
// attempt has a deadline, and the device goes on trying.
import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { sha256, signerFromSeed, utf8 } from "@tally/core";
import { RelayClientAdapter, type RelayStatus } from "../src/index.ts";
import type { PeerId } from "@automerge/automerge-repo";

describe("the relay client", () => {
  it("gives up on an attempt that hangs, says it is offline, and tries again", { timeout: 30_000 }, async () => {
    const sockets: Socket[] = [];
    let attempts = 0;
    const silent = createServer((socket) => {
      attempts++;
      sockets.push(socket); // read nothing, answer nothing
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const adapter = new RelayClientAdapter({
      relayUrl: `http://127.0.0.1:${port}`,
      device: await signerFromSeed(sha256(utf8("adapter/device"))),
      connectTimeoutMs: 300,
      minRetryMs: 50,
      maxRetryMs: 100,
    });
    const statuses: RelayStatus[] = [];
    adapter.onStatus((status) => statuses.push(status));
    adapter.connect("device-test" as PeerId);
    const started = Date.now();
    while (attempts < 3 && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    adapter.disconnect();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain("offline");
  });
});
