// Hostile input from anyone who can reach the relay (no invite needed: anyone
// may found a throwaway group), against a real relay under a supervisor that
// counts exits. Each attack is refused with a logged reason and closes only
// the attacker's connection; the relay never exits; an honest group keeps
// syncing and loses nothing.
import * as Automerge from "@automerge/automerge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDEX_GENESIS, documentIdOf, type IndexDoc } from "@tally/documents";
import { stringifyAutomergeUrl, parseAutomergeUrl } from "@automerge/automerge-repo";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { RELAY_PEER_ID, closedWithin, connectRaw, http, join, sendChanges, sendDocument, throwawayGroup, type RawConnection } from "../support/relay-attacker.ts";
import { countLogged, superviseRelay, type SupervisedRelay } from "../support/relay-supervisor.ts";

let supervised: SupervisedRelay;
let peers: Peer[] = [];
let before: ReturnType<typeof snapshot>;

beforeAll(async () => {
  supervised = await superviseRelay();
  ({ peers } = await groupOf(supervised.relay.url, ["ann", "bea"]));
  await write(peers[1]!, "listing.create", { type: "offer", title: "Bike repairs", category: "repairs" });
  await waitFor(() => snapshot(peers[0]!).records.length === snapshot(peers[1]!).records.length, 60_000, "the group synced");
  before = snapshot(peers[0]!);
}, 90_000);

afterAll(async () => {
  // Whatever was attacked, every exit counted and nothing the group held before is gone.
  expect(supervised.exits).toBe(0);
  expect(supervised.log()).not.toMatch(/last-resort/);
  for (const id of before.records) expect(peers[0]!.replica!.docs.presentIds().has(id)).toBe(true);
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await supervised?.stop();
});

/** An honest member's write reaches the other member: the relay is up and serving. */
async function honestStillSyncing(label: string): Promise<void> {
  const [ann, bea] = peers as [Peer, Peer];
  const record = await write(ann, "listing.create", { type: "offer", title: `After ${label}`, category: "lifts" });
  await waitFor(() => bea.replica!.docs.presentIds().has(record.id), 20_000, `honest sync after ${label}`);
  expect(supervised.exits).toBe(0);
}

async function refused(connection: RawConnection, reason: RegExp): Promise<void> {
  const closed = await closedWithin(connection);
  expect(closed.code).toBe(1008);
  expect(closed.reason).toMatch(reason);
}

/** A throwaway group's founder, connected and joined. */
async function founder(label: string, peerMetadata: unknown = {}): Promise<{ connection: RawConnection; groupHex: string }> {
  const group = await throwawayGroup(label);
  const connection = await connectRaw(supervised.relay.url, { device: group.device, founding: group.founding });
  join(connection, peerMetadata);
  return { connection, groupHex: group.groupHex };
}

describe("a stranger's frames", () => {
  for (const [label, storageId] of [["a/b", "a/b"], ["..", ".."], ["a number", 42], ["300 characters", "x".repeat(300)]] as const) {
    it(`a founder's join with peer metadata storageId ${label} closes that connection only`, async () => {
      const { connection, groupHex } = await founder(`storage-${label}`, { storageId, isEphemeral: false });
      // Were the join let through, the relay would save sync state under this storage id as soon as a document syncs.
      sendDocument(connection, documentIdOf(groupHex, 0), Automerge.load(INDEX_GENESIS), "request");
      await refused(connection, /bad peerMetadata in join/);
      await honestStillSyncing(`storageId ${label}`);
    });
  }

  it("valid CBOR of the wrong shape: extra fields, a second join, messages before join, a foreign target", async () => {
    const cases: [string, (c: RawConnection) => void, RegExp][] = [
      ["extra field", (c) => c.send({ type: "join", senderId: c.peerId, peerMetadata: {}, evil: "x" }), /unexpected field/],
      ["protocol list", (c) => c.send({ type: "join", senderId: c.peerId, supportedProtocolVersions: Array(10_000).fill("1") }), /bad supportedProtocolVersions/],
      ["metadata key", (c) => c.send({ type: "join", senderId: c.peerId, peerMetadata: { storageId: "a/b", __proto__x: 1 } }), /bad peerMetadata/],
      ["second join", (c) => (join(c), join(c)), /a second join/],
      ["before join", (c) => c.send({ type: "doc-unavailable", senderId: c.peerId, targetId: RELAY_PEER_ID, documentId: "2e4G89Vz9XftfSxPzTz6sUoZF6d4" }), /before join/],
      ["foreign target", (c) => (join(c), c.send({ type: "leave", senderId: c.peerId, targetId: "someone-else" })), /not addressed to the relay/],
      ["sync without data", (c) => (join(c), c.send({ type: "sync", senderId: c.peerId, targetId: RELAY_PEER_ID, documentId: "2e4G89Vz9XftfSxPzTz6sUoZF6d4" })), /bad data/],
    ];
    for (const [label, attack, reason] of cases) {
      const connection = await connectRaw(supervised.relay.url);
      attack(connection);
      await refused(connection, reason).catch((error: Error) => {
        throw new Error(`${label}: ${error.message}`);
      });
    }
    await honestStillSyncing("wrong shapes");
  });

  it("sync data that is not an Automerge sync message, for a document the relay serves, closes that connection only", async () => {
    const { connection, groupHex } = await founder("not-a-sync-message");
    connection.send({ type: "sync", senderId: connection.peerId, targetId: RELAY_PEER_ID, documentId: documentIdOf(groupHex, 0), data: new Uint8Array(64).fill(7) });
    await refused(connection, /not an Automerge sync message/);
    await honestStillSyncing("data not a sync message");
  });

  it("an index change naming volume 100001 is refused before the relay opens anything", async () => {
    const { connection, groupHex } = await founder("volume-100001");
    const genesis = Automerge.load<IndexDoc>(INDEX_GENESIS);
    const hostile = Automerge.change(Automerge.clone(genesis), (doc) => {
      doc.volumes["100001"] = true;
    });
    sendChanges(connection, documentIdOf(groupHex, 0), genesis, hostile);
    await refused(connection, /volume 100001, over the cap/);
    await honestStillSyncing("volume 100001");
  });

  it("requests for 800 unknown documents are each answered 'unavailable' (never handed to automerge-repo) on a connection that stays open", async () => {
    const connection = await connectRaw(supervised.relay.url);
    join(connection);
    const ids = Array.from({ length: 800 }, (_, i) => {
      const bytes = new Uint8Array(16);
      new DataView(bytes.buffer).setUint32(0, i + 1);
      return parseAutomergeUrl(stringifyAutomergeUrl(bytes as never)).documentId;
    });
    for (const documentId of ids) sendDocument(connection, documentId, Automerge.load(INDEX_GENESIS), "request");
    await waitFor(() => connection.received.filter((m) => m.type === "doc-unavailable").length === ids.length, 60_000, "every unknown document answered");
    expect(connection.socket.readyState).toBe(connection.socket.OPEN);
    connection.socket.close();
    await honestStillSyncing("unknown documents");
  });
});

describe("a stranger's connections and requests", () => {
  it("cannot take over a member's peer id, online or offline", async () => {
    const [ann] = peers as [Peer];
    const annPeerId = ann.repo.peerId as string;
    await expect(connectRaw(supervised.relay.url, { peerId: annPeerId })).rejects.toThrow(/401: peer id does not belong to this device key/);
    ann.adapter.setOffline(true);
    await expect(connectRaw(supervised.relay.url, { peerId: annPeerId })).rejects.toThrow(/401: peer id does not belong to this device key/);
    ann.adapter.setOffline(false);
    await waitFor(() => ann.adapter.status === "online", 60_000, "ann back online");
    await honestStillSyncing("peer id squatting");
  });

  it("10,000 challenge requests from one address use up that address's allowance only", { timeout: 120_000 }, async () => {
    const from = "127.0.0.2";
    let granted = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < 10_000) {
          next++;
          const answer = await http(`${supervised.relay.url}/auth/challenge`, { from });
          if (answer.status === 200) granted++;
          else expect(answer.status).toBe(429);
        }
      }),
    );
    expect(granted).toBeLessThan(200);
    // Every honest device elsewhere still gets in: ann reconnects from 127.0.0.1.
    const [ann] = peers as [Peer];
    const online = new Promise<void>((resolve) => {
      const off = ann.adapter.onStatus((status) => status === "online" && (off(), resolve()));
    });
    ann.adapter.reconnect();
    await online;
    await honestStillSyncing("challenge flood");
  });

  it("founds at most the hourly allowance of new groups from one address", async () => {
    const from = "127.0.0.3";
    const results: string[] = [];
    for (let i = 0; i < 11; i++) {
      const group = await throwawayGroup(`many-${i}`);
      const attempt = await connectRaw(supervised.relay.url, { device: group.device, founding: group.founding, from }).then(
        (c) => (c.socket.close(), "ok"),
        (error: Error) => error.message,
      );
      results.push(attempt);
    }
    expect(results.slice(0, 10)).toEqual(Array(10).fill("ok"));
    expect(results[10]).toMatch(/401: too many new groups from this address/);
    // A group already founded is no new group: its founder still connects.
    const first = await throwawayGroup("many-0");
    const again = await connectRaw(supervised.relay.url, { device: first.device, founding: first.founding, from });
    again.socket.close();
    await honestStillSyncing("group flood");
  });

  it("every HTTP answer carries the security headers; /health says only that it is up; bad requests get a clear error", async () => {
    const url = supervised.relay.url;
    const answers = await Promise.all([
      http(`${url}/`),
      http(`${url}/health`),
      http(`${url}/auth/challenge`),
      http(`${url}/join`, { method: "POST", body: "null" }),
      http(`${url}/join`, { method: "POST", body: JSON.stringify({ invite: 42, records: "x" }) }),
      http(`${url}/join`, { method: "POST", body: "x".repeat(70_000) }),
      http(`${url}/link`, { method: "POST", body: "[]" }),
      http(`${url}/nothing`, { method: "DELETE" }),
      http(`${url}/sync`),
    ]);
    for (const answer of answers) {
      expect(answer.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      expect(answer.headers["content-security-policy"]).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      expect(answer.body).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
    }
    expect(JSON.parse(answers[1]!.body)).toEqual({ ok: true, version: "0.1.0" });
    expect(answers.slice(3, 7).map((a) => [a.status, (JSON.parse(a.body) as { error: string }).error])).toEqual([
      [400, "expected an invite and two records"],
      [400, "expected an invite and two records"],
      [400, "expected JSON {invite, records}"],
      [400, "expected 1 to 32 device certificates"],
    ]);
    expect(answers[7]!.status).toBe(405);
    // A refused WebSocket upgrade is answered on the raw socket: same headers.
    const refusedUpgrade = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      import("ws").then(({ default: WebSocket }) => {
        const socket = new WebSocket(`${url.replace("http", "ws")}/sync?auth=nonsense`);
        socket.on("unexpected-response", (_request, response) => resolve(response.headers));
        socket.on("error", reject);
      }, reject);
    });
    expect(refusedUpgrade["x-content-type-options"]).toBe("nosniff");
    expect(countLogged(supervised.log(), "refused connection")).toBeGreaterThan(0);
  });
});
