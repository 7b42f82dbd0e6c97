// A member's edit to the shape of a group's documents (the 256 shard maps
// deleted, `records` replaced by a string, the index's `volumes` by a list)
// stops nobody's writes, and every record it hid is put back by a replica
// that holds it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Automerge from "@automerge/automerge";
import { Repo, type DocHandle } from "@automerge/automerge-repo";
import { describe, expect, it } from "vitest";
import { bytesToHex, createGroup, sha256, signerFromSeed, utf8, type DeviceAuthor } from "@tally/core";
import { FileRecordStore, GroupReplica, SHARDS, documentUrl, listedVolumes, type IndexDoc, type VolumeDoc } from "../src/node.ts";

async function replicaWithRecords(label: string): Promise<{ replica: GroupReplica; author: DeviceAuthor; ids: string[] }> {
  const member = await signerFromSeed(sha256(utf8(`structure/${label}/member`)));
  const device = await signerFromSeed(sha256(utf8(`structure/${label}/device`)));
  const created = await createGroup(member, device, {
    name: "Structure test",
    founderName: "Ann",
    nonce: new Uint8Array(16),
    creditLimitMinutes: 600,
    joiningBonusMinutes: 0,
    confirmation: "both",
  });
  const store = await FileRecordStore.open(mkdtempSync(join(tmpdir(), "tally-structure-")));
  const replica = await GroupReplica.open({ repo: new Repo({ network: [] }), groupHex: bytesToHex(created.groupId), store });
  const offer = await created.author.write("listing.create", { type: "offer", title: "Bike repair", category: "repairs" });
  await replica.write([...created.records, offer]);
  return { replica, author: created.author, ids: [...created.records, offer].map((r) => r.id) };
}

/** Applies an edit made on another copy of the document, as a change arriving from a peer would. */
function fromElsewhere<T>(handle: DocHandle<T>, edit: (doc: T) => void): void {
  const theirs = Automerge.change(Automerge.clone(handle.doc(), { actor: "bad0bad0bad0bad0bad0bad0bad0bad0" }), edit);
  handle.update((ours) => Automerge.merge(ours, theirs));
}

const volumeOne = (replica: GroupReplica) => replica.docs.repo.find<VolumeDoc>(documentUrl(replica.groupHex, 1));

describe("damage to the documents' shape", () => {
  it.each([
    ["the 256 shard maps deleted", (doc: VolumeDoc) => SHARDS.forEach((shard) => delete doc.records[shard])],
    ["`records` replaced by a string", (doc: VolumeDoc) => void ((doc as unknown as { records: string }).records = "junk")],
    ["a record replaced by a map", (doc: VolumeDoc) => SHARDS.forEach((shard) => Object.keys(doc.records[shard]!).forEach((id) => (doc.records[shard]![id] = {} as never)))],
  ])("%s: every record is put back and writes go on", async (_, damage) => {
    const { replica, author, ids } = await replicaWithRecords("volume");
    const volume = await volumeOne(replica);
    fromElsewhere(volume, damage);
    await waitUntil(() => ids.every((id) => replica.docs.presentIds().has(id)));
    expect([...replica.docs.presentIds()].sort()).toEqual([...ids].sort());
    expect(replica.stats.restored).toBeGreaterThanOrEqual(ids.length);

    const next = await author.write("listing.create", { type: "request", title: "Lift to the clinic", category: "transport" });
    await replica.write([next]);
    expect(replica.docs.presentIds().has(next.id)).toBe(true);
    expect(replica.view().listings.map((l) => l.title).sort()).toEqual(["Bike repair", "Lift to the clinic"]);
    expect(replica.view().invalid).toEqual([]);
  });

  it("an index whose `volumes` became a list still finds its volume, and is listed again", async () => {
    const { replica } = await replicaWithRecords("index");
    fromElsewhere(replica.docs.index, (doc: IndexDoc) => void ((doc as unknown as { volumes: number[] }).volumes = [7, 8]));
    expect(replica.docs.volumeNumbers()).toEqual([1]);
    await waitUntil(() => listedVolumes(replica.docs.index.doc()).includes(1));
    expect(listedVolumes(replica.docs.index.doc())).toEqual([1]);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
