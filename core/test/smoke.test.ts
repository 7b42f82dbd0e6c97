import { describe, expect, it } from "vitest";
import { createGroup, DeviceAuthor, deriveLedger, signerFromSeed, sha256, utf8, bytesToHex } from "../src/index.ts";

const seed = (label: string) => sha256(utf8(label));

describe("smoke", () => {
  it("derives a small group", async () => {
    const founderMember = await signerFromSeed(seed("fm"));
    const founderDevice = await signerFromSeed(seed("fd"));
    const g = await createGroup(founderMember, founderDevice, {
      name: "Wombles",
      founderName: "Ann",
      nonce: new Uint8Array(16),
      creditLimitMinutes: 600,
      joiningBonusMinutes: 60,
      confirmation: "both",
    });
    const samMember = await signerFromSeed(seed("sm"));
    const samDevice = await signerFromSeed(seed("sd"));
    const sam = await DeviceAuthor.certified(samMember, samDevice, g.groupId);
    const genesisId = g.records[1]!.id;
    const join = await sam.author.write("member.join", { name: "Sam", memberKind: "person" }, { deps: [genesisId] });
    const approve = await g.author.write("member.approve", { join: bytesToHex(sha256(new Uint8Array())) ? hexToU8(join.id) : hexToU8(join.id) }, { deps: [join.id] });
    const proposal = await sam.author.write("exchange.propose", { payer: samMember.publicKey, payees: [{ account: founderMember.publicKey, minutes: 90 }], description: "garden" }, { deps: [approve.id] });
    const confirm = await g.author.write("exchange.confirm", { proposal: hexToU8(proposal.id) }, { deps: [proposal.id] });
    const all = [...g.records, sam.record, join, approve, proposal, confirm];
    const view = await deriveLedger(all.map((r) => r.envelope));
    expect(view.invalid).toEqual([]);
    expect(view.pending).toEqual([]);
    const gh = bytesToHex(g.groupId);
    expect(view.accounts[`${gh}:${bytesToHex(samMember.publicKey)}`]!.balanceMinutes).toBe(60 - 90);
    expect(view.accounts[`${gh}:${bytesToHex(founderMember.publicKey)}`]!.balanceMinutes).toBe(90);
    expect(view.totals.sumMinutes).toBe(0);
    const reversed = await deriveLedger([...all].reverse().map((r) => r.envelope));
    expect(reversed).toEqual(view);
  });
});

function hexToU8(hex: string) {
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
}
