// A hostile member against a real relay process: deleting the genesis and the
// founder's certificate, then a restart; wrecking the documents' shape; a
// flood. Afterwards honest members still connect, write and sync, nothing is
// lost, and the coordinators can see who did it.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DocHandle } from "@automerge/automerge-repo";
import { fromBase64Url, signRelayAuth, sha256, utf8, bytesToHex, type Signer } from "@tally/core";
import { SHARDS, documentUrl, shardOf, type DocumentEdit, type IndexDoc, type VolumeDoc } from "@tally/documents";
import { newPeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, join, snapshot } from "../support/group.ts";
import { relaySuite } from "../support/relay-suite.ts";

const suite = relaySuite();

/** A second connection with a member's device key and no replica: nothing it breaks is put back by it. */
async function hostileCopy(member: Peer, groupHex: string): Promise<{ volume: DocHandle<VolumeDoc>; index: DocHandle<IndexDoc> }> {
  const hostile = await newPeer(member.name, suite.relay.url);
  suite.everyone.push(hostile);
  const index = await hostile.repo.find<IndexDoc>(documentUrl(groupHex, 0));
  const volume = await hostile.repo.find<VolumeDoc>(documentUrl(groupHex, 1));
  return { volume, index };
}

async function editReport(device: Signer, groupHex: string): Promise<{ status: number; edits: DocumentEdit[] }> {
  const { challenge } = (await (await fetch(`${suite.relay.url}/auth/challenge`)).json()) as { challenge: string };
  const auth = await signRelayAuth(device, fromBase64Url(challenge)!, "edit-report");
  const response = await fetch(`${suite.relay.url}/edits?group=${groupHex}&auth=${auth}`);
  const body = (await response.json()) as { edits?: DocumentEdit[] };
  return { status: response.status, edits: body.edits ?? [] };
}

async function allAgree(peers: Peer[], what: string): Promise<void> {
  await waitFor(() => new Set(peers.map((p) => JSON.stringify(snapshot(p)))).size === 1, 30_000, what);
}

const offer = (peer: Peer, title: string) => write(peer, "listing.create", { type: "offer", title, category: "gardening" });

describe("a hostile member", () => {
  it("deletes the genesis and the founder's certificate and the relay restarts: nobody loses access, the records come back", { timeout: 120_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["ann", "bea", "cal"]);
    suite.everyone.push(...peers);
    const [ann, bea, cal] = peers as [Peer, Peer, Peer];
    await offer(bea, "Soup on Sundays");
    await allAgree(peers, "everyone synced");
    const [certificate, genesis] = (await ann.store.load()).slice(0, 2).map((r) => r.id) as [string, string];
    for (const peer of peers) peer.adapter.setOffline(true);

    const { volume } = await hostileCopy(cal, groupHex);
    await waitFor(() => volume.doc()?.records?.[shardOf(genesis)]?.[genesis] !== undefined, 60_000, "the hostile copy to sync");
    volume.change((doc) => {
      delete doc.records[shardOf(genesis)]![genesis];
      delete doc.records[shardOf(certificate)]![certificate];
    });
    // Waits for the change to reach the relay: then the relay puts the records back from its own store.
    await waitFor(() => volume.doc()?.records?.[shardOf(genesis)]?.[genesis] instanceof Uint8Array, 60_000, "the relay to put the genesis back");
    await suite.relay.kill("SIGKILL");
    await suite.relay.restart();

    for (const peer of peers) peer.adapter.setOffline(false);
    const after = await offer(ann, "Bread from the oven");
    await waitFor(() => [bea, cal].every((p) => p.replica!.docs.presentIds().has(after.id)), 60_000, "the founder's write after the restart");
    await allAgree(peers, "everyone synced after the restart");
    for (const peer of peers) {
      expect(peer.replica!.docs.presentIds().has(genesis)).toBe(true);
      expect(peer.replica!.view().invalid).toEqual([]);
    }

    const report = await editReport(ann.device, groupHex);
    expect(report.status).toBe(200);
    const byCal = report.edits.filter((e) => e.account === `${groupHex}:${bytesToHex(cal.member.publicKey)}`);
    expect(byCal.map((e) => e.deletions)).toEqual([2]);
    expect((await editReport(bea.device, groupHex)).status).toBe(403);
    expect(suite.relay.logs.join("")).toMatch(/member edit group=\w+ device=\w+ document=1 deletions=2/);
  });

  it("deletes every shard map, replaces `records` and the index's `volumes` with strings: refused, writes go on, joins too, nothing is lost, the attempt is reported", { timeout: 120_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["dot", "eli", "fay"]);
    suite.everyone.push(...peers);
    const [dot, eli, fay] = peers as [Peer, Peer, Peer];
    const before = [await offer(dot, "Dog walking"), await offer(eli, "Sewing lessons")];
    await allAgree(peers, "everyone synced");

    const { volume, index } = await hostileCopy(fay, groupHex);
    await waitFor(() => before.every((r) => volume.doc()?.records?.[shardOf(r.id)]?.[r.id] !== undefined), 60_000, "the hostile copy to sync");
    volume.change((doc) => SHARDS.forEach((shard) => delete doc.records[shard]));
    volume.change((doc) => void ((doc as unknown as { records: string }).records = "nothing to see here"));
    index.change((doc) => void ((doc as unknown as { volumes: string }).volumes = "gone"));

    const after = await offer(eli, "Help with forms");
    const newcomer = await join(suite.relay.url, dot, groupHex, "gus");
    suite.everyone.push(newcomer);
    const all = [...peers, newcomer];
    await waitFor(() => all.every((p) => [...before, after].every((r) => p.replica!.docs.presentIds().has(r.id))), 60_000, "every record everywhere");
    await allAgree(all, "everyone synced after the damage");
    expect(newcomer.replica!.view().listings.map((l) => l.title).sort()).toEqual(["Dog walking", "Help with forms", "Sewing lessons"]);

    // The relay refuses such changes at the door (closing the socket, so a change sent beside a refused one
    // arrives only after the hostile device reconnects); coordinators still see who tried what.
    const fays = async () => (await editReport(dot.device, groupHex)).edits.filter((e) => e.account.endsWith(bytesToHex(fay.member.publicKey)));
    let edits = await fays();
    for (let tries = 0; tries < 30 && edits.reduce((sum, e) => sum + e.deletions, 0) < SHARDS.length; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the report costs a challenge, and challenges per address are limited
      edits = await fays();
    }
    expect(edits.reduce((sum, e) => sum + e.deletions, 0)).toBeGreaterThanOrEqual(SHARDS.length);
    expect(edits.every((e) => e.refused === true)).toBe(true);
    expect(edits.some((e) => e.document === 0 && e.reshapes > 0)).toBe(true); // the index's volumes replaced
  });

  it("floods the documents with junk under record keys: refused, honest writes still sync, the attempt is reported", { timeout: 180_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["hal", "ida", "jon"]);
    suite.everyone.push(...peers);
    const [hal, ida, jon] = peers as [Peer, Peer, Peer];
    const first = await offer(ida, "Lifts to the station");
    await allAgree(peers, "everyone synced");

    const { volume } = await hostileCopy(jon, groupHex);
    await waitFor(() => volume.doc()?.records?.[shardOf(first.id)]?.[first.id] !== undefined, 60_000, "the hostile copy to sync");
    const junkBytes = 64 * 1024;
    for (let batch = 0; batch < 150; batch++) {
      volume.change((doc) => {
        const key = bytesToHex(sha256(utf8(`junk/${batch}`)));
        doc.records[shardOf(key)]![key] = new Uint8Array(randomBytes(junkBytes)); // incompressible, as a real flood would be
      });
    }
    const during = await offer(ida, "Bike repairs");
    await waitFor(() => [hal, jon].every((p) => p.replica!.docs.presentIds().has(during.id)), 60_000, "an honest write during the flood");
    await waitFor(() => peers.every((p) => p.replica!.view().listings.length === 2), 60_000, "every ledger to take in the honest writes");
    for (const peer of peers) expect(peer.replica!.view().listings.map((l) => l.title).sort()).toEqual(["Bike repairs", "Lifts to the station"]);

    // Junk is not a record, so the relay refuses it whole; the attempt is on the coordinators' report.
    const edits = (await editReport(hal.device, groupHex)).edits.filter((e) => e.account.endsWith(bytesToHex(jon.member.publicKey)));
    expect(edits.reduce((sum, e) => sum + e.rewrites, 0)).toBeGreaterThan(0);
    expect(edits.every((e) => e.refused === true)).toBe(true);
  });
});
