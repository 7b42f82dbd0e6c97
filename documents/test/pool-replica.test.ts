// A member's device holds its pool's documents beside its group's: their
// records (the pool's own and those carried of other groups) feed the same
// ledger and store, so the group's balances include exchanges across groups,
// also offline after a restart; its group's documents only ever get the
// group's own records.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import { beforeAll, describe, expect, it } from "vitest";
import { carriedIds, type SignedRecord } from "@tally/core";
import { FileRecordStore, GroupReplica } from "../src/node.ts";
import { Town } from "../../core/test/vectors/town.ts";

let town: Town;
let pay: SignedRecord<"pool.pay">;

const envelopesOf = (records: readonly SignedRecord[]) => records.map((r) => ({ id: r.id, envelope: r.envelope }));
const storeDir = () => mkdtempSync(join(tmpdir(), "tally-pool-replica-"));

/** The pool's documents as a relay carries them: the pool's records and, of A and B, what the pool carries. */
async function carryInto(repo: Repo): Promise<GroupReplica> {
  const pool = await GroupReplica.open({ repo, groupHex: town.p.groupHex, store: await FileRecordStore.open(storeDir()), carries: true });
  const carried = [town.a, town.b].flatMap((scene) => {
    const ids = new Set(carriedIds(scene.records, { groupHex: scene.groupHex, poolHex: town.p.groupHex, admitted: true }));
    return scene.records.filter((r) => ids.has(r.id));
  });
  await pool.docs.write(envelopesOf([...town.p.records, ...carried]));
  return pool;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  town = await Town.create();
  pay = await town.pay("bob", "eve", 90, { description: "Fixed a bike" });
  await town.accept(pay);
});

describe("a group's replica with its pool's documents", () => {
  it("shows the exchange across groups complete, with its leg on the group's ledger, and keeps the group's documents to its own records", async () => {
    const repo = new Repo({ network: [] });
    await carryInto(repo);
    const dir = storeDir();
    const store = await FileRecordStore.open(dir);
    const replica = await GroupReplica.open({ repo, groupHex: town.a.groupHex, store });
    await replica.docs.write(envelopesOf(town.a.records));
    await until(() => replica.ledger.envelopeOf(town.a.records.at(-1)!.id) !== null, "A's records");
    await replica.settled();
    expect(replica.joinedPools()).toEqual([town.p.groupHex]);
    expect(replica.view().poolExchanges?.find((e) => e.id === pay.id)?.reason).toBe(`waiting for the records of pool ${town.p.groupHex}`);

    await replica.openPool(town.p.groupHex);
    await replica.settled();
    const view = replica.view();
    const exchange = view.poolExchanges?.find((e) => e.id === pay.id);
    expect(exchange?.status).toBe("complete");
    expect(view.accounts[town.key("bob")]?.balanceMinutes).toBe(-90);
    expect(view.accounts[town.mirror(town.a)]?.balanceMinutes).toBe(90);
    expect(view.pools?.[town.p.groupHex]?.groups[town.a.groupHex]?.status).toBe("member");

    // Only A's own records are in A's documents; the pool's and B's are in the store, for an offline start.
    const ownIds = new Set(town.a.records.map((r) => r.id));
    expect([...replica.docs.presentIds()].every((id) => ownIds.has(id))).toBe(true);
    expect(store.has(town.p.genesis.id)).toBe(true);
    expect(store.has(town.b.genesis.id)).toBe(true);
    await store.close();

    // Offline, on a fresh start from the store: the same figures, and A's documents get back only A's records.
    const offline = new Repo({ network: [] });
    const reopened = await GroupReplica.open({ repo: offline, groupHex: town.a.groupHex, store: await FileRecordStore.open(dir) });
    expect(reopened.view().poolExchanges?.find((e) => e.id === pay.id)?.status).toBe("complete");
    expect(reopened.view().accounts[town.key("bob")]?.balanceMinutes).toBe(-90);
    expect([...reopened.docs.presentIds()].sort()).toEqual([...ownIds].sort());
  });

  it("puts back a deleted record of its own group, never a record of another group someone put in and took out", async () => {
    const repo = new Repo({ network: [] });
    await carryInto(repo);
    const replica = await GroupReplica.open({ repo, groupHex: town.a.groupHex, store: await FileRecordStore.open(storeDir()) });
    await replica.docs.write(envelopesOf(town.a.records));
    await replica.openPool(town.p.groupHex);
    await replica.settled();
    const foreign = town.p.genesis;
    const own = town.a.genesis;
    // A member edits A's documents by hand: adds the pool's genesis, then deletes it and A's genesis.
    const volumeId = Object.keys(repo.handles).find((id) => holds(repo, id, own.id));
    const volume = await repo.find<{ records: Record<string, Record<string, Uint8Array>> }>(volumeId as never);
    volume.change((doc) => {
      doc.records[foreign.id.slice(0, 2)]![foreign.id] = foreign.envelope;
    });
    volume.change((doc) => {
      delete doc.records[foreign.id.slice(0, 2)]![foreign.id];
      delete doc.records[own.id.slice(0, 2)]![own.id];
    });
    await until(() => replica.docs.presentIds().has(own.id), "A's genesis put back");
    await replica.settled();
    expect(replica.docs.presentIds().has(foreign.id)).toBe(false);
  });
});

function holds(repo: Repo, documentId: string, id: string): boolean {
  const doc = repo.handles[documentId as never]?.doc() as { records?: Record<string, Record<string, unknown>> } | undefined;
  return doc?.records?.[id.slice(0, 2)]?.[id] !== undefined;
}
