// A device keeps every authentic record it has seen, including one that only
// became authentic later: a copy whose signature was damaged on the way,
// vouched for when the next record of its chain arrived.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import { describe, expect, it } from "vitest";
import { bytesToHex, createGroup, encodeCanonical, sha256, signerFromSeed, utf8 } from "@tally/core";
import { FileRecordStore, GroupReplica } from "../src/node.ts";

describe("a group replica", () => {
  it("stores a record once a later record of its chain vouches for it", async () => {
    const member = await signerFromSeed(sha256(utf8("replica/member")));
    const device = await signerFromSeed(sha256(utf8("replica/device")));
    const created = await createGroup(member, device, {
      name: "Replica test",
      founderName: "Ann",
      nonce: new Uint8Array(16),
      creditLimitMinutes: 600,
      joiningBonusMinutes: 0,
      confirmation: "both",
    });
    const gift = await created.author.write("donation", { to: new Uint8Array(), minutes: 30 });
    const next = await created.author.write("donation", { to: new Uint8Array(), minutes: 15 });
    const signature = Uint8Array.from(gift.signature);
    signature[0]! ^= 1;
    const damaged = encodeCanonical([gift.signed, signature]);

    const store = await FileRecordStore.open(mkdtempSync(join(tmpdir(), "tally-replica-")));
    const replica = await GroupReplica.open({ repo: new Repo({ network: [] }), groupHex: bytesToHex(created.groupId), store });
    await replica.docs.write([...created.records, { ...gift, envelope: damaged }].map((r) => ({ id: r.id, envelope: r.envelope })));
    await waitUntil(() => replica.ledger.envelopeOf(gift.id) !== null);
    await replica.settled();
    expect(replica.ledger.isAuthentic(gift.id)).toBe(false);
    expect(store.has(gift.id)).toBe(false);

    await replica.docs.write([{ id: next.id, envelope: next.envelope }]);
    await waitUntil(() => replica.ledger.envelopeOf(next.id) !== null);
    await replica.settled();
    expect(replica.ledger.isAuthentic(gift.id)).toBe(true);
    expect(store.has(gift.id)).toBe(true);
    expect(store.has(next.id)).toBe(true);
    await store.close();
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
