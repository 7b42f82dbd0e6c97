// Vectors for §4 (groups), §5 (authenticity, parents, pending) and §7.2–7.4
// (equivocation, revocation rounds, credit limits and flags).
import { bytesToHex, certifyDevice, DeviceAuthor, encodeCanonical, sha256, type SignedRecord } from "../../src/index.ts";
import { account, balance, equivocations, flagged, invalid, pending, totals, valid } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { hexBytes, labelSigner, Scene } from "./scene.ts";

/** The record's envelope with one bit of its signature flipped. */
export function damaged(record: SignedRecord, bit = 9): Uint8Array {
  const signature = Uint8Array.from(record.signature);
  signature[bit >> 3]! ^= 1 << (bit & 7);
  return encodeCanonical([Uint8Array.from(record.signed), signature]);
}

/** The scene's envelopes with some records replaced by other envelopes (or left out, for null). */
function replacing(s: Scene, swaps: Map<string, Uint8Array | null>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const r of s.records) {
    const swap = swaps.get(r.id);
    if (swap === undefined) out.push(r.envelope);
    else if (swap !== null) out.push(swap);
  }
  return [...out, ...s.raw];
}

export function ledgerCases(list: CaseList): void {
  list.add("auth-damaged-vouched", "§5.1 authentic by vouching", "A record whose signature is damaged is authentic when the next record of its chain links to it", async () => {
    const s = await Scene.create();
    const first = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const next = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    return { envelopes: replacing(s, new Map([[first.id, damaged(first)]])), checks: [valid(first.id, next.id), balance(s.key("cat"), 30)] };
  });

  list.add("auth-damaged-head", "§5.1, §7.5 step 2", "A damaged signature at the head of a chain: not authentic, invalid at once", async () => {
    const s = await Scene.create();
    const head = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    return { envelopes: replacing(s, new Map([[head.id, damaged(head)]])), checks: [invalid(head.id, "signature invalid and no later record of its chain vouches for it"), balance(s.key("cat"), 0)] };
  });

  list.add("auth-damaged-and-intact", "§3.2 same id, §5.1", "A damaged copy and an intact copy of one record are one record, authentic", async () => {
    const s = await Scene.create();
    const head = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    return { envelopes: [damaged(head), ...s.envelopes()], checks: [valid(head.id), totals({ records: s.records.length })] };
  });

  list.add("auth-changed-content", "§5.1", "A record whose signed content was changed has a new id and no valid signature", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 25 });
    const signed = Uint8Array.from(gift.signed);
    signed[signed.length - 1]! ^= 1; // 25 → 24, still canonical
    const forged = encodeCanonical([signed, Uint8Array.from(gift.signature)]);
    const forgedId = bytesToHex(sha256(signed));
    return { envelopes: replacing(s, new Map([[gift.id, forged]])), checks: [invalid(forgedId, "signature invalid and no later record of its chain vouches for it"), balance(s.key("cat"), 0)] };
  });

  list.add("pending-missing-prev", "§5.3 pending", "A record whose prev is missing waits for it, naming seq and id", async () => {
    const s = await Scene.create();
    const first = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { withhold: true });
    const next = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    return { envelopes: s.envelopes(), checks: [pending(next.id, `waiting for seq ${first.seq} of its device (${first.id})`), balance(s.key("cat"), 0)] };
  });

  list.add("pending-missing-dep", "§5.3 pending", "A record whose dep is missing waits for that record", async () => {
    const s = await Scene.create();
    const seen = await s.write("cat", "listing.create", { type: "offer", title: "Cakes", category: "food" }, { withhold: true });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [seen.id, s.head] });
    return { envelopes: s.envelopes(), checks: [pending(gift.id, `waiting for record ${seen.id}`)] };
  });

  list.add("pending-behind-pending", "§5.3 pending, review 22", "A record whose present parent is pending names that parent", async () => {
    const s = await Scene.create();
    const missing = await s.write("cat", "listing.create", { type: "offer", title: "Cakes", category: "food" }, { withhold: true });
    const waiting = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [missing.id, s.head] });
    const after = await s.write("bob", "donation", { to: s.account("cat"), minutes: 5 });
    return { envelopes: s.envelopes(), checks: [pending(waiting.id, `waiting for record ${missing.id}`), pending(after.id, `waiting for seq ${waiting.seq} of its device (${waiting.id})`)] };
  });

  list.add("dep-not-authentic", "§7.5 step 5", "A record naming a dep that is not authentic is invalid", async () => {
    const s = await Scene.create();
    const bad = await s.write("cat", "listing.create", { type: "offer", title: "Cakes", category: "food" });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [bad.id, s.head] });
    return { envelopes: replacing(s, new Map([[bad.id, damaged(bad)]])), checks: [invalid(gift.id, `depends on ${bad.id}, which is not authentic`)] };
  });

  list.add("prev-from-another-chain", "§7.5 step 4", "A record whose prev is a record of another device is invalid", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const catRecord = await s.write("cat", "donation", { to: s.account("bob"), minutes: 10 });
    const seq = bob.author.nextSeq;
    const signed = encodeCanonical([1, "donation", s.groupId, bob.author.signer.publicKey, seq, hexBytes(catRecord.id), [hexBytes(s.head)], 0, { to: s.account("cat"), minutes: 5 }]);
    const id = await s.signRaw(bob, signed, seq);
    return { envelopes: s.envelopes(), checks: [invalid(id, "prev is not the previous record of this device")] };
  });

  list.add("certificate-invalid", "§2 certificate, §7.5 step 7", "A device certificate signed by another key is invalid, and so is every record of that device", async () => {
    const s = await Scene.create({ members: [] });
    const member = await labelSigner("dan/member");
    const device = await labelSigner("dan/device");
    const wrong = await labelSigner("dan/wrong");
    const author = new DeviceAuthor(device, s.groupId);
    const cert = await certifyDevice(wrong, s.groupId, device.publicKey);
    const certificate = await author.write("device", { member: member.publicKey, cert });
    const join = await author.write("member.join", { name: "Dan", memberKind: "person" }, { deps: [s.head] });
    return {
      envelopes: [...s.envelopes(), certificate.envelope, join.envelope],
      checks: [invalid(certificate.id, "device certificate signature is invalid"), invalid(join.id, "the device's first record (its certificate) is not valid")],
    };
  });

  list.add("equivocation", "§7.2", "Two records at one seq freeze the device from there: both and all later records are invalid; earlier ones count", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const early = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const twin = new DeviceAuthor(bob.author.signer, s.groupId, { seq: early.seq, id: early.id });
    const one = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    const other = await twin.write("donation", { to: s.account("ann"), minutes: 30 }, { deps: [s.head] });
    s.records.push(other);
    const later = await s.write("bob", "donation", { to: s.account("cat"), minutes: 40 });
    const reason = `device signed two different records at seq ${one.seq} (equivocation); it is frozen from there`;
    return { envelopes: s.envelopes(), checks: [valid(early.id), invalid(one.id, reason), invalid(other.id, reason), invalid(later.id, reason), equivocations(1), balance(s.key("cat"), 10)] };
  });

  list.add("equivocation-seen-by-another", "§7.2", "A record of another member that names a frozen record still counts", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const before = { seq: bob.author.nextSeq - 1, id: bob.author.prevId as string };
    const one = await s.write("bob", "listing.create", { type: "offer", title: "A", category: "x" });
    const other = await new DeviceAuthor(bob.author.signer, s.groupId, before).write("listing.create", { type: "offer", title: "B", category: "x" }, { deps: [s.head] });
    s.records.push(other);
    const cat = await s.write("cat", "donation", { to: s.account("ann"), minutes: 5 }, { deps: [one.id, s.head] });
    return { envelopes: s.envelopes(), checks: [valid(cat.id), equivocations(1), balance(s.key("ann"), 5)] };
  });

  list.add("revoke-by-coordinator", "§7.3", "A coordinator's revocation voids the device from fromSeq, including records the coordinator had not seen", async () => {
    const s = await Scene.create();
    const kept = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const voided = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    const revoke = await s.write("ann", "device.revoke", { device: s.person("bob").author.signer.publicKey, fromSeq: voided.seq, reason: "Phone stolen" }, { deps: [kept.id, s.head] });
    return { envelopes: s.envelopes(), checks: [valid(kept.id, revoke.id), invalid(voided.id, `device was revoked from seq ${voided.seq}`), balance(s.key("cat"), 10)] };
  });

  list.add("revoke-smallest-fromseq", "§7.3", "Of two revocations of one device the smallest fromSeq applies", async () => {
    const s = await Scene.create();
    const a = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const b = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    const device = s.person("bob").author.signer.publicKey;
    await s.write("ann", "device.revoke", { device, fromSeq: b.seq });
    await s.write("ann", "device.revoke", { device, fromSeq: a.seq });
    return { envelopes: s.envelopes(), checks: [invalid(a.id, `device was revoked from seq ${a.seq}`), invalid(b.id, `device was revoked from seq ${a.seq}`), balance(s.key("cat"), 0)] };
  });

  list.add("revoke-someone-elses-device", "§6 device.revoke", "A member may not revoke another member's device", async () => {
    const s = await Scene.create();
    const revoke = await s.write("bob", "device.revoke", { device: s.person("cat").author.signer.publicKey, fromSeq: 1 }, { deps: [s.person("cat").certificate.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(revoke.id, "only a coordinator or the device's own member may revoke it")] };
  });

  list.add("revoke-voids-governance", "§7.3 rounds", "A revocation voids a coordinator's approval; the approved member's records then fail too (judged in rounds)", async () => {
    const s = await Scene.create({ members: ["bob"] });
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const { join } = await s.join("dan");
    const approve = await s.write("bob", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id, s.head] });
    const gift = await s.write("dan", "donation", { to: s.account("ann"), minutes: 15 }, { deps: [approve.id] });
    const revoke = await s.write("ann", "device.revoke", { device: s.person("bob").author.signer.publicKey, fromSeq: approve.seq, reason: "Not Bob" }, { deps: [join.id] });
    return {
      envelopes: s.envelopes(),
      checks: [valid(revoke.id), invalid(approve.id, `device was revoked from seq ${approve.seq}`), invalid(gift.id, "author is not a member of the group"), balance(s.key("ann"), 0), account(s.key("bob"), { status: "active" })],
    };
  });

  list.add("revoke-stays-applied", "§7.3 rounds, review 38", "A revocation valid in a round stays applied even when a later round finds it invalid", async () => {
    const s = await Scene.create({ members: ["bob", "cat"] });
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const base = s.head;
    const victim = await s.write("cat", "donation", { to: s.account("ann"), minutes: 10 });
    // Bob revokes Cat's device; concurrently Ann revokes Bob's device from before Bob's revocation.
    const bobRevokes = await s.write("bob", "device.revoke", { device: s.person("cat").author.signer.publicKey, fromSeq: victim.seq }, { deps: [base] });
    const annRevokes = await s.write("ann", "device.revoke", { device: s.person("bob").author.signer.publicKey, fromSeq: bobRevokes.seq }, { deps: [base] });
    return {
      envelopes: s.envelopes(),
      checks: [valid(annRevokes.id), invalid(bobRevokes.id, `device was revoked from seq ${bobRevokes.seq}`), invalid(victim.id, `device was revoked from seq ${victim.seq}`), balance(s.key("ann"), 0)],
    };
  });

  list.add("limit-concurrent-overspend", "§7.4 soft limits", "Two devices of one member spend concurrently past the limit: both count, the account is flagged", async () => {
    const s = await Scene.create({ creditLimitMinutes: 60 });
    const phone = s.person("bob");
    const tablet = await s.secondDevice("bob", "tablet");
    const base = s.head;
    const a = await s.write(phone, "donation", { to: s.account("cat"), minutes: 40 }, { deps: [base] });
    const b = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 40 }, { deps: [base] });
    return { envelopes: s.envelopes(), checks: [valid(a.id, b.id), account(s.key("bob"), { balanceMinutes: -80, overdrawn: true, creditLimitMinutes: 60 }), flagged(s.key("bob"))] };
  });

  list.add("limit-group-account", "§7.4", "The group account has no limit and is never flagged", async () => {
    const s = await Scene.create({ creditLimitMinutes: 60 });
    const grant = await s.write("ann", "grant", { to: s.account("bob"), minutes: 6000, reason: "Float" });
    return { envelopes: s.envelopes(), checks: [valid(grant.id), account(s.key("group"), { balanceMinutes: -6000, overdrawn: false, creditLimitMinutes: null, type: "group", status: "active", memberKind: "group" }), flagged(s.key("group"), false)] };
  });

  list.add("limit-latest-settings", "§7.4", "Without an account limit, the latest settings' limit applies to flags", async () => {
    const s = await Scene.create({ creditLimitMinutes: 600 });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 100 });
    await s.write("ann", "group.settings", { creditLimitMinutes: 60 }, { deps: [gift.id, s.head] });
    return { envelopes: s.envelopes(), checks: [account(s.key("bob"), { creditLimitMinutes: 60, overdrawn: true })] };
  });

  list.add("two-groups-union", "§4 groups never affect each other", "Two groups' records in one file: each group's ledger is as on its own", async () => {
    const one = await Scene.create();
    const g1 = await one.write("bob", "donation", { to: one.account("cat"), minutes: 10 });
    const two = await Scene.create({ group: "second", founder: "dan", members: ["bob"] });
    const g2 = await two.write("bob", "donation", { to: two.account("dan"), minutes: 20 });
    return { envelopes: [...one.envelopes(), ...two.envelopes()], checks: [valid(g1.id, g2.id), balance(one.key("cat"), 10), balance(two.key("dan"), 20), balance(one.key("bob"), -10), balance(two.key("bob"), -20)] };
  });

  list.add("check-order-frozen-before-revoked", "§7.5 order", "A record both frozen and revoked gives the equivocation as its reason (step 3 before step 6)", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const before = { seq: bob.author.nextSeq - 1, id: bob.author.prevId as string };
    const one = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const other = await new DeviceAuthor(bob.author.signer, s.groupId, before).write("donation", { to: s.account("cat"), minutes: 20 }, { deps: [s.head] });
    s.records.push(other);
    await s.write("ann", "device.revoke", { device: bob.author.signer.publicKey, fromSeq: one.seq });
    return { envelopes: s.envelopes(), checks: [invalid(one.id, /equivocation/), invalid(other.id, /equivocation/)] };
  });

  list.add("check-order-dep-before-revoked", "§7.5 order", "A revoked device's record that names a dep that is not authentic gives the dep as its reason (step 5 before step 6)", async () => {
    const s = await Scene.create();
    const bad = await s.write("cat", "listing.create", { type: "offer", title: "Cakes", category: "food" });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [bad.id, s.head] });
    await s.write("ann", "device.revoke", { device: s.person("bob").author.signer.publicKey, fromSeq: gift.seq }, { deps: [s.head] });
    return { envelopes: replacing(s, new Map([[bad.id, damaged(bad)]])), checks: [invalid(gift.id, `depends on ${bad.id}, which is not authentic`)] };
  });

  list.add("role-demoted", "§6 member.role", "A coordinator made a member again can no longer write coordinator records", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const before = await s.write("bob", "grant", { to: s.account("cat"), minutes: 10, reason: "Thanks" });
    await s.write("ann", "member.role", { account: s.account("bob"), role: "member" }, { deps: [before.id, s.head], head: true });
    const after = await s.write("bob", "grant", { to: s.account("cat"), minutes: 10, reason: "Again" });
    return { envelopes: s.envelopes(), checks: [valid(before.id), invalid(after.id, "only a coordinator may write this record"), account(s.key("bob"), { role: "member" }), balance(s.key("cat"), 10)] };
  });

  list.add("remove-suspended", "§6 member.remove", "A suspended member may be removed", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.suspend", { account: s.account("bob"), reason: "Dispute" }, { head: true });
    const remove = await s.write("ann", "member.remove", { account: s.account("bob"), reason: "Left" }, { head: true });
    return { envelopes: s.envelopes(), checks: [valid(remove.id), account(s.key("bob"), { status: "removed", standingReason: "Left" })] };
  });

  list.add("empty-file", "§3.4", "An export with no records gives an empty ledger", async () => ({ envelopes: [], checks: [totals({ records: 0, valid: 0, pending: 0, invalid: 0, sumMinutes: 0 })] }));
}
