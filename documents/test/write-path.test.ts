// Whatever order overlapping writes run in — double taps, several pages of
// the app, two tabs sharing one device key and one store — a device's chain
// comes out as one gapless line: one record at every seq, none frozen.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, createGroup, sha256, signerFromSeed, utf8, type Signer } from "@tally/core";
import { FileRecordStore, GroupReplica, processChainLock, type RecordStore } from "../src/node.ts";

const RUNS = 25;

describe("the write path", () => {
  it("makes one gapless chain out of any interleaving of concurrent writes from several callers and tabs", { timeout: 120_000 }, async () => {
    const member = await signerFromSeed(sha256(utf8("write-path/member")));
    const device = await signerFromSeed(sha256(utf8("write-path/device")));
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ tab: fc.nat(2), minutes: fc.integer({ min: 1, max: 120 }) }), { minLength: 1, maxLength: 12 }),
        async (s, tabCount, writes) => {
          const { groupHex, store } = await foundedGroup(member, device);
          // Tabs share the store (IndexedDB in a browser) and the lock, but each has its own repo and ledger.
          const shared = scheduled(store, s);
          const tabs = await s.waitFor(
            Promise.all(Array.from({ length: tabCount }, () => GroupReplica.open({ repo: new Repo({ network: [] }), groupHex, store: shared, lock: processChainLock }))),
          );
          const calls = writes.map(({ tab, minutes }) =>
            s.schedule(Promise.resolve(), `tap on tab ${tab % tabCount}`).then(() =>
              tabs[tab % tabCount]!.sign(device, "donation", { to: new Uint8Array(), minutes }),
            ),
          );
          const signed = await s.waitFor(Promise.all(calls));

          const seqs = signed.map((r) => r.seq).sort((a, b) => a - b);
          expect(seqs).toEqual(writes.map((_, i) => i + 2)); // after the certificate (0) and the genesis (1)
          const reopened = await GroupReplica.open({ repo: new Repo({ network: [] }), groupHex, store });
          const view = reopened.view();
          expect(view.equivocations).toEqual([]);
          expect(view.invalid).toEqual([]);
          expect(view.totals.pending).toBe(0);
          expect(reopened.ledger.chainHead(groupHex, bytesToHex(device.publicKey))?.seq).toBe(writes.length + 1);
          const given = writes.reduce((sum, w) => sum + w.minutes, 0);
          expect(reopened.ledger.balanceOf(`${groupHex}:${bytesToHex(member.publicKey)}`)).toBe(-given);
          await store.close();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

async function foundedGroup(member: Signer, device: Signer): Promise<{ groupHex: string; store: FileRecordStore }> {
  const created = await createGroup(member, device, {
    name: "Write path",
    founderName: "Ann",
    nonce: new Uint8Array(16),
    creditLimitMinutes: 100_000,
    joiningBonusMinutes: 0,
    confirmation: "payer",
  });
  const store = await FileRecordStore.open(mkdtempSync(join(tmpdir(), "tally-write-path-")));
  await store.addOwn(bytesToHex(device.publicKey), created.records.map((r) => ({ id: r.id, envelope: r.envelope })));
  return { groupHex: bytesToHex(created.groupId), store };
}

/** The store with every operation's completion put in the scheduler's hands, so it can reorder them. */
function scheduled(store: RecordStore, s: fc.Scheduler): RecordStore {
  return {
    load: s.scheduleFunction(() => store.load()),
    add: s.scheduleFunction((records) => store.add(records)),
    addOwn: s.scheduleFunction((device, records) => store.addOwn(device, records)),
    ownChainHead: s.scheduleFunction((device) => store.ownChainHead(device)),
    has: (id) => store.has(id),
    get: s.scheduleFunction((id) => store.get(id)),
    loadVerified: () => store.loadVerified(),
    addVerified: s.scheduleFunction((ids) => store.addVerified(ids)),
    loadSnapshot: s.scheduleFunction(() => store.loadSnapshot()),
    saveSnapshot: s.scheduleFunction((json) => store.saveSnapshot(json)),
    saveSecret: (name, bytes) => store.saveSecret(name, bytes),
    loadSecret: (name) => store.loadSecret(name),
    close: async () => {},
  };
}
