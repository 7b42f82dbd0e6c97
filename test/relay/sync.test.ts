// Real relay process, real peers on loopback: offline work, tampering, access.
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { bytesToHex, hexToBytes } from "@tally/core";
import { GroupDocuments, documentUrl, type VolumeDoc } from "@tally/documents";
import { newPeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { relaySuite } from "../support/relay-suite.ts";

const suite = relaySuite();
const everyone = suite.everyone;

function account(peer: Peer): Uint8Array {
  return peer.member.publicKey;
}

async function exchange(payer: Peer, payee: Peer, minutes: number) {
  return write(payer, "exchange.propose", { payer: account(payer), payees: [{ account: account(payee), minutes }], description: "help in the garden" });
}

async function allAgree(peers: Peer[], what: string): Promise<void> {
  await waitFor(
    () => {
      const [first, ...rest] = peers.map(snapshot);
      return rest.every((s) => JSON.stringify(s) === JSON.stringify(first));
    },
    30_000,
    what,
  );
}

describe("five peers through a real relay", () => {
  it("two go offline, record exchanges, reconnect: all five end with identical ledgers and record sets", async () => {
    const { peers } = await groupOf(suite.relay.url, ["ann", "bea", "cal", "dev", "eve"]);
    everyone.push(...peers);
    const [ann, bea, cal, dev, eve] = peers as [Peer, Peer, Peer, Peer, Peer];
    await allAgree(peers, "everyone synced after joining");

    dev.adapter.setOffline(true);
    eve.adapter.setOffline(true);
    const offline = [await exchange(dev, ann, 60), await exchange(eve, bea, 45), await exchange(dev, eve, 30)];
    const online = [await exchange(ann, bea, 90), await exchange(cal, ann, 15)];
    // Offline work is local only: nobody else has it yet.
    expect(ann.replica!.docs.presentIds().has(offline[0]!.id)).toBe(false);
    dev.adapter.setOffline(false);
    eve.adapter.setOffline(false);

    try {
      await allAgree(peers, "everyone synced after reconnecting");
    } catch (error) {
      console.log(suite.relay.logs.join("").split("\n").slice(-40).join("\n"));
      console.log(peers.map((p) => `${p.name} ${p.adapter.status} ${snapshot(p).records.length}`));
      throw error;
    }
    for (const peer of peers) {
      const ids = peer.replica!.docs.presentIds();
      for (const record of [...offline, ...online]) expect(ids.has(record.id)).toBe(true);
      const view = peer.replica!.view();
      expect(view.invalid).toEqual([]);
      expect(view.totals.sumMinutes).toBe(0);
    }
  });

  it("a member who deletes others' records in the shared document changes nothing", async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["fay", "gus", "hal"]);
    everyone.push(...peers);
    const [fay, gus, hal] = peers as [Peer, Peer, Peer];
    await exchange(gus, fay, 60);
    await exchange(fay, gus, 30);
    await allAgree(peers, "synced before the attack");
    const before = snapshot(fay);

    // Hal's device, running a hostile app with no replica, edits the volume document directly.
    const hostile = await newPeer("hal", suite.relay.url);
    everyone.push(hostile);
    await waitFor(() => hostile.adapter.status === "online", 60_000, "hostile app online");
    const docs = await GroupDocuments.open(hostile.repo, groupHex);
    await waitFor(() => docs.presentIds().size === before.records.length, 60_000, "hostile app synced");
    const volume = await hostile.repo.find<VolumeDoc>(documentUrl(groupHex, docs.volumeNumbers()[0]!));
    const victims = before.records.slice(0, 6);
    // Rewriting them with other bytes never gets this far: the relay refuses such a change (test/relay/hostile-documents.test.ts).
    volume.change((doc) => {
      for (const id of victims) delete doc.records[id.slice(0, 2)]![id];
    });

    await waitFor(() => peers.some((p) => p.replica!.stats.restored > 0), 60_000, "the attack reaches honest peers");
    await waitFor(
      () => [fay, gus, hal].every((p) => JSON.stringify(snapshot(p)) === JSON.stringify(before)) && docs.presentIds().size === before.records.length,
      30_000,
      "honest peers restore the records everywhere",
    );
    expect(fay.replica!.view().accounts).toEqual(JSON.parse(before.accounts));
    for (const id of victims) {
      const held = await fay.store.get(id);
      expect(held).not.toBeNull();
    }
  });

  it("a stranger who knows the URL, and a member of another group, can neither read nor write; an invited device can only ask to join", async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["ivy", "jon"]);
    everyone.push(...peers);
    const [ivy, jon] = peers as [Peer, Peer];
    await exchange(jon, ivy, 60);
    await allAgree(peers, "group synced");
    const url = documentUrl(groupHex, 1);

    // No credentials at all: the upgrade is refused before any frame.
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${suite.relay.url.replace("http", "ws")}/sync`);
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => resolve(101));
      socket.on("error", () => resolve(-1));
    });
    expect(refused).toBe(401);

    // An authenticated stranger and a member of another group.
    const stranger = await newPeer("stranger", suite.relay.url);
    const other = await groupOf(suite.relay.url, ["kim"]);
    everyone.push(stranger, ...other.peers);
    for (const outsider of [stranger, other.peers[0]!]) {
      await waitFor(() => outsider.adapter.status === "online", 60_000, "outsider online");
      const handle = await outsider.repo.find<VolumeDoc>(url, { allowableStates: ["ready", "unavailable"] });
      expect(handle.state).toBe("unavailable");
      // Writing: create the document locally and push a record into it.
      const docs = await GroupDocuments.open(outsider.repo, groupHex);
      await docs.write([{ id: "ff".repeat(32), envelope: new Uint8Array([1, 2, 3]) }]);
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(ivy.replica!.docs.presentIds().has("ff".repeat(32))).toBe(false);

    // An invited device gets its join request in, and nothing more.
    const lee = await newPeer("lee", suite.relay.url);
    everyone.push(lee);
    const { requestToJoin, invite } = await import("../support/peer.ts");
    const request = await requestToJoin(lee, suite.relay.url, await invite(ivy, groupHex), groupHex);
    await waitFor(() => ivy.replica!.view().joinRequests.some((j) => j.id === request.id), 60_000, "join request arrives");
    const leeView = await lee.repo.find<VolumeDoc>(url, { allowableStates: ["ready", "unavailable"] });
    expect(leeView.state).toBe("unavailable");
    // Once approved, the same device reads the group.
    await write(ivy, "member.approve", { join: hexToBytes(request.id) }, [request.id]);
    const { openReplica } = await import("../support/peer.ts");
    const replica = await openReplica(lee, groupHex);
    await waitFor(() => replica.view().exchanges.some((e) => e.kind === "exchange.propose"), 60_000, "approved member reads");
    expect(bytesToHex(lee.device.publicKey)).not.toBe(bytesToHex(ivy.device.publicKey));
  });
});
