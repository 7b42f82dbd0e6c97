// A device opens its ledger from the snapshot it kept (PROTOCOL §7.7) and
// gets exactly the ledger of every record it holds: with records stored after
// the snapshot, and with a snapshot that is damaged or of other records.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, generateDemo, type LedgerView, type SignedRecord } from "@tally/core";
import { FileRecordStore, GroupReplica } from "../src/node.ts";

let records: SignedRecord[];
let whole: LedgerView;
const LATER = 40;

beforeAll(async () => {
  records = await generateDemo({ members: 12, records: 300, seed: 11 });
  whole = await deriveLedger(records.map((r) => r.envelope));
});

async function storeWith(dir: string, held: readonly SignedRecord[]): Promise<void> {
  const store = await FileRecordStore.open(dir);
  await store.add(held.map((r) => ({ id: r.id, envelope: r.envelope })));
  await store.close();
}

/** Opens a replica of the store in `dir` (no network), runs `then` on it, and closes the store. */
async function withReplica<T>(dir: string, then: (replica: GroupReplica) => Promise<T>): Promise<T> {
  const store = await FileRecordStore.open(dir);
  const replica = await GroupReplica.open({ repo: new Repo({ network: [] }), groupHex: records[0]!.groupHex, store });
  try {
    return await then(replica);
  } finally {
    await replica.settled();
    await store.close();
  }
}

describe("a replica's ledger snapshot", () => {
  it("opens the next start, with the records stored since added, to the ledger of them all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-snapshot-"));
    await storeWith(dir, records.slice(0, -LATER));
    const first = await withReplica(dir, async (replica) => {
      await replica.keepSnapshot();
      return replica.ledger.stats.fromSnapshot;
    });
    expect(first).toBe(false);
    await storeWith(dir, records.slice(-LATER));
    const reopened = await withReplica(dir, async (replica) => ({ fromSnapshot: replica.ledger.stats.fromSnapshot, view: replica.view() }));
    expect(reopened.fromSnapshot).toBe(true);
    expect(reopened.view).toEqual(whole);
  });

  it("is left alone when it is damaged or of other records: the ledger is derived, the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-snapshot-"));
    await storeWith(dir, records);
    await withReplica(dir, (replica) => replica.keepSnapshot());
    const other = mkdtempSync(join(tmpdir(), "tally-snapshot-other-"));
    await storeWith(other, records.slice(0, 100));
    await withReplica(other, (replica) => replica.keepSnapshot());
    for (const damage of ["{ not json", JSON.stringify({ ids: "none" }), null]) {
      const target = mkdtempSync(join(tmpdir(), "tally-snapshot-damaged-"));
      await storeWith(target, records);
      // null: the other store's snapshot, of a hundred of these records, keyed for those only
      writeFileSync(join(target, "ledger.snapshot.json"), damage ?? (await (await FileRecordStore.open(other)).loadSnapshot()) ?? "");
      const view = await withReplica(target, async (replica) => replica.view());
      expect(view, String(damage)).toEqual(whole);
    }
  });

  it("is not written again when nothing changed since the last", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-snapshot-"));
    await storeWith(dir, records);
    await withReplica(dir, (replica) => replica.keepSnapshot());
    const kept = await (await FileRecordStore.open(dir)).loadSnapshot();
    writeFileSync(join(dir, "ledger.snapshot.json"), `${kept}\n`);
    await withReplica(dir, (replica) => replica.keepSnapshot());
    expect(await (await FileRecordStore.open(dir)).loadSnapshot()).toBe(`${kept}\n`);
  });
});
