// Vectors for the classes a second implementation found (issue 8, part B)
// and for the points of the protocol review that decide an outcome.
import { DeviceAuthor, encodeCanonical } from "../../src/index.ts";
import { bytes, map, signedPart, text, uint } from "./raw-cbor.ts";
import { account, balance, invalid, joinRequests, listing, noGroup, pending, valid, equivocations, totals } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { damaged } from "./cases-ledger.ts";
import { hexBytes, labelSigner, Scene } from "./scene.ts";

/** Copies of a record's envelope with junk signatures (64 bytes that verify for nothing). */
function junkCopies(record: { signed: Uint8Array }, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => encodeCanonical([Uint8Array.from(record.signed), new Uint8Array(64).fill(i + 1)]));
}

export function reviewCases(list: CaseList): void {
  // ---- extra signatures: junk never hides a valid one ------------------------
  list.add("junk-signatures-first", "class: signature cap, §5.1, §8", "Six junk-signed copies arrive before the validly signed one: the record is authentic (any signature that verifies counts)", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    return { envelopes: [...junkCopies(gift, 6), ...s.envelopes(), gift.envelope], checks: [valid(gift.id), balance(s.key("cat"), 30), totals({ invalid: 0 })] };
  });
  list.add("junk-signatures-only", "class: signature cap, §5.1", "Only junk-signed copies: the record is not authentic", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    return { envelopes: [...s.envelopes(), ...junkCopies(gift, 3)], checks: [invalid(gift.id, "signature invalid and no later record of its chain vouches for it")] };
  });
  list.add("junk-signatures-many", "class: signature cap", "Forty junk copies around the valid one, and junk on a record its successor vouches for: nothing becomes invalid", async () => {
    const s = await Scene.create();
    const first = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const head = await s.write("bob", "donation", { to: s.account("cat"), minutes: 20 });
    return { envelopes: [...junkCopies(head, 20), ...junkCopies(first, 5), ...s.envelopes(), ...junkCopies(head, 20).reverse()], checks: [valid(first.id, head.id), balance(s.key("cat"), 30), totals({ invalid: 0, records: s.records.length })] };
  });

  // ---- a member revokes their own second device ------------------------------
  const twoDevices = async () => {
    const s = await Scene.create();
    const phone = s.person("bob");
    const tablet = await s.secondDevice("bob", "tablet");
    return { s, phone, tablet };
  };
  list.add("self-revoke-second-device", "class: self-revocation, §6 device.revoke", "Bob's phone revokes his tablet, naming the tablet's certificate in its deps: the tablet's records from fromSeq are void", async () => {
    const { s, phone, tablet } = await twoDevices();
    const kept = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 10 });
    const voided = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 20 });
    const revoke = await s.write(phone, "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: voided.seq, reason: "Tablet lost" }, { deps: [tablet.certificate.id, s.head] });
    return { envelopes: s.envelopes(), checks: [valid(kept.id, revoke.id), invalid(voided.id, `device was revoked from seq ${voided.seq}`), balance(s.key("cat"), 10)] };
  });
  list.add("self-revoke-without-certificate", "class: self-revocation, review 24", "A member's revocation that does not name the revoked device's certificate is invalid, whatever else has arrived", async () => {
    const { s, phone, tablet } = await twoDevices();
    const spend = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 20 });
    const revoke = await s.write(phone, "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: 1 });
    return { envelopes: s.envelopes(), checks: [invalid(revoke.id, "a member revoking their own device must name its certificate (its device record) among the deps"), valid(spend.id), balance(s.key("cat"), 20)] };
  });
  list.add("self-revoke-mutual", "class: self-revocation, §7.3 rounds", "Phone and tablet revoke each other concurrently: both revocations apply (each was valid in the first round), in any order", async () => {
    const { s, phone, tablet } = await twoDevices();
    const base = s.head;
    const phoneSpend = await s.write(phone, "donation", { to: s.account("cat"), minutes: 10 }, { deps: [base] });
    const tabletSpend = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 20 }, { deps: [base] });
    const byPhone = await s.write(phone, "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: tabletSpend.seq }, { deps: [tablet.certificate.id, base] });
    const byTablet = await s.write(tablet, "device.revoke", { device: phone.author.signer.publicKey, fromSeq: phoneSpend.seq }, { deps: [phone.certificate.id, base] });
    return {
      envelopes: s.envelopes(),
      checks: [invalid(phoneSpend.id, `device was revoked from seq ${phoneSpend.seq}`), invalid(tabletSpend.id, `device was revoked from seq ${tabletSpend.seq}`), invalid(byPhone.id, /device was revoked/), invalid(byTablet.id, /device was revoked/), balance(s.key("cat"), 0)],
    };
  });
  list.add("self-revoke-own-device-from-0", "review 26, §7.3", "A device revoking itself from seq 0: its certificate and every record are void, the revocation included, which stays applied", async () => {
    const { s, tablet } = await twoDevices();
    const spend = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 20 });
    const revoke = await s.write(tablet, "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: 0, reason: "Sold it" });
    return { envelopes: s.envelopes(), checks: [invalid(tablet.certificate.id, "device was revoked from seq 0"), invalid(spend.id, "device was revoked from seq 0"), invalid(revoke.id, "device was revoked from seq 0"), balance(s.key("cat"), 0)] };
  });
  list.add("self-revoke-while-suspended", "review 25", "A suspended member cannot revoke their own device (a coordinator can)", async () => {
    const { s, phone, tablet } = await twoDevices();
    await s.write("ann", "member.suspend", { account: s.account("bob"), reason: "Dispute" }, { head: true });
    const revoke = await s.write(phone, "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: 1 }, { deps: [tablet.certificate.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(revoke.id, "author's membership is suspended")] };
  });

  // ---- revocation from seq 0 voids the device record itself --------------------
  list.add("revoke-from-0-voids-certificate", "class: revocation from seq 0, §7.3", "A coordinator revokes a device from seq 0: its device record is invalid too, and so is every record of it", async () => {
    const { s, tablet } = await twoDevices();
    const spend = await s.write(tablet, "donation", { to: s.account("cat"), minutes: 20 });
    const revoke = await s.write("ann", "device.revoke", { device: tablet.author.signer.publicKey, fromSeq: 0, reason: "Never Bob's" });
    return { envelopes: s.envelopes(), checks: [valid(revoke.id), invalid(tablet.certificate.id, "device was revoked from seq 0"), invalid(spend.id, "device was revoked from seq 0"), balance(s.key("cat"), 0)] };
  });
  list.add("revoke-founder-device-from-0", "review 19 38, §4", "The founder's device revoked from seq 0: the genesis is invalid, so every other record waits for a genesis; the revocation stays applied", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const revoke = await s.write("bob", "device.revoke", { device: s.founder.author.signer.publicKey, fromSeq: 0 });
    return { envelopes: s.envelopes(), checks: [invalid(s.genesis.id, "device was revoked from seq 0"), noGroup(s.groupHex), pending(revoke.id, /^waiting for/)] };
  });

  // ---- text is decoded exactly ---------------------------------------------------
  list.add("bom-title-80", "class: U+FEFF, §3.1", "A title of U+FEFF then 79 letters is 80 code units: valid, and the mark is kept", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", { type: "offer", title: "\uFEFF" + "a".repeat(79), category: "x" });
    return { envelopes: s.envelopes(), checks: [valid(create.id), listing(create.id, { title: "\uFEFF" + "a".repeat(79) })] };
  });
  list.add("bom-title-81", "class: U+FEFF, §3.1", "A title of U+FEFF then 80 letters is 81 code units: refused (dropping the mark would hide the excess)", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("bob", "listing.create", { type: "offer", title: "\uFEFF" + "a".repeat(80), category: "x" });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "title is longer than 80 characters")] };
  });
  list.add("bom-only-name", "class: U+FEFF", "A required name that is only U+FEFF is not empty", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", { type: "offer", title: "\uFEFF", category: "x" });
    return { envelopes: s.envelopes(), checks: [valid(create.id), listing(create.id, { title: "\uFEFF" })] };
  });

  // ---- keys beyond the kind's list ---------------------------------------------
  for (const key of ["constructor", "toString", "hasOwnProperty", "prototype"]) {
    list.add(`body-key-${key.toLowerCase()}`, "class: unknown body keys, §6", `A body with the key ${key} is refused like any unknown field`, async () => {
      const s = await Scene.create();
      const bad = await s.unchecked("bob", "donation", { to: s.account("cat"), minutes: 30, [key]: 1 });
      return { envelopes: s.envelopes(), checks: [invalid(bad, `unknown field "${key}" in a donation record`), balance(s.key("cat"), 0)] };
    });
  }
  list.add("body-key-proto-in-leg", "class: unknown body keys", "A leg with the key constructor instead of minutes is refused", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), constructor: 5 }], description: "x" });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "payees entries have exactly account and minutes")] };
  });

  // ---- concurrent approvals: one approval gives name, kind and bonus -------------
  const concurrentApprovals = async (secondBonus: number) => {
    const s = await Scene.create({ bonus: 60, members: ["bob"] });
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const { join: first } = await s.join("dan");
    const second = await s.write("dan", "member.join", { name: "Daniel", memberKind: "business" }, { deps: [s.head] });
    const bonusChange = await s.write("bob", "group.settings", { joiningBonusMinutes: secondBonus });
    const byAnn = await s.write("ann", "member.approve", { join: hexBytes(first.id) }, { deps: [first.id] });
    const byBob = await s.write("bob", "member.approve", { join: hexBytes(second.id) }, { deps: [second.id, bonusChange.id] });
    const annWins = byAnn.id < byBob.id;
    const key = s.person("dan").key;
    return {
      envelopes: s.envelopes(),
      checks: [valid(byAnn.id, byBob.id), account(key, annWins ? { name: "Dan", memberKind: "person", balanceMinutes: 60 } : { name: "Daniel", memberKind: "business", balanceMinutes: secondBonus }), joinRequests([])],
    };
  };
  list.add("approvals-concurrent", "class: concurrent approvals, §7.1", "Two coordinators approve two join requests of one person concurrently, under different bonuses: name, kind and bonus all come from the approval with the smaller id", () => concurrentApprovals(90));
  list.add("approvals-concurrent-zero-bonus", "class: concurrent approvals, §7.1", "As before, one approval under a bonus of zero: if it has the smaller id, the account gets no bonus", () => concurrentApprovals(0));
  list.add("approvals-after-concurrent-decline", "review 33 34, §7.1", "Approved, concurrently declined (the decline wins), then approved again: one bonus for Dan (Bob had his own), the name of the smaller approval id", async () => {
    const s = await Scene.create({ bonus: 60, members: ["bob"] });
    await s.write("ann", "member.role", { account: s.account("bob"), role: "coordinator" }, { head: true });
    const { join } = await s.join("dan");
    const approve = await s.write("ann", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id] });
    // Bob's decline sees a later record of his own, so it has the larger Lamport number and wins.
    const bobNote = await s.write("bob", "listing.create", { type: "offer", title: "Soup", category: "food" }, { deps: [join.id] });
    const decline = await s.write("bob", "member.decline", { join: hexBytes(join.id), reason: "Unknown" }, { deps: [join.id, bobNote.id] });
    const again = await s.write("dan", "member.join", { name: "Dan R", memberKind: "person" }, { deps: [decline.id] });
    const reapprove = await s.write("ann", "member.approve", { join: hexBytes(again.id) }, { deps: [again.id, approve.id] });
    const key = s.person("dan").key;
    return { envelopes: s.envelopes(), checks: [valid(approve.id, decline.id, again.id, reapprove.id), account(key, { status: "active", balanceMinutes: 60, name: approve.id < reapprove.id ? "Dan" : "Dan R" }), balance(s.key("group"), -120)] };
  });

  // ---- parents that are malformed, or of another group -------------------------
  list.add("malformed-prev", "class: malformed parent, §7.5 step 4", "The record after a malformed one in its chain is invalid: its prev is not a well-formed record", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("bob", "donation", { to: s.account("cat"), minutes: 30, tip: 1 });
    const next = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    const after = await s.write("bob", "donation", { to: s.account("cat"), minutes: 5 });
    return { envelopes: s.envelopes(), checks: [invalid(bad, 'unknown field "tip" in a donation record'), invalid(next.id, "prev is not a well-formed record"), valid(after.id), balance(s.key("cat"), 5)] };
  });
  list.add("malformed-dep", "class: malformed parent, §7.5 step 5", "A record naming a malformed record among its deps is invalid; a record naming that one is judged as usual", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("cat", "listing.create", { type: "gift", title: "x", category: "y" });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [bad, s.head] });
    const seen = await s.write("ann", "donation", { to: s.account("cat"), minutes: 5 }, { deps: [gift.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(gift.id, `depends on ${bad}, which is not a well-formed record`), valid(seen.id), balance(s.key("cat"), 5)] };
  });
  list.add("malformed-prev-non-canonical", "class: malformed parent, §3.1", "The record after one whose CBOR is not canonical is invalid, not pending", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const next = s.nextFields(bob, [s.head]);
    const signed = signedPart({ kind: text("donation"), group: s.groupId, device: bob.author.signer.publicKey, ...next, body: map([text("to"), bytes(s.account("cat"))], [text("minutes"), uint(30, 4)]) });
    const bad = await s.signRaw(bob, signed, next.seq);
    const child = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 });
    return { envelopes: s.envelopes(), checks: [invalid(bad, /^signed part is non-shortest/), invalid(child.id, "prev is not a well-formed record")] };
  });
  list.add("cross-group-dep", "class: dep of another group, §4 §5.3", "A record naming a record of another group is invalid once that record is present", async () => {
    const one = await Scene.create();
    const two = await Scene.create({ group: "second", founder: "dan", members: ["bob"] });
    const elsewhere = await two.write("bob", "listing.create", { type: "offer", title: "Soup", category: "food" });
    const gift = await one.write("bob", "donation", { to: one.account("cat"), minutes: 10 }, { deps: [elsewhere.id, one.head] });
    return { envelopes: [...one.envelopes(), ...two.envelopes()], checks: [invalid(gift.id, `depends on ${elsewhere.id}, which is a record of another group`), valid(elsewhere.id), balance(one.key("cat"), 0)] };
  });
  list.add("cross-group-dep-absent", "class: dep of another group, §5.3", "While the other group's record is absent, the record waits for it like any missing parent", async () => {
    const one = await Scene.create();
    const two = await Scene.create({ group: "second", founder: "dan", members: ["bob"] });
    const elsewhere = await two.write("bob", "listing.create", { type: "offer", title: "Soup", category: "food" });
    const gift = await one.write("bob", "donation", { to: one.account("cat"), minutes: 10 }, { deps: [elsewhere.id, one.head] });
    return { envelopes: one.envelopes(), checks: [pending(gift.id, `waiting for record ${elsewhere.id}`)] };
  });

  // ---- other review points that decide an outcome ------------------------------
  list.add("frozen-with-missing-parent", "review 23, §7.2", "A record of a frozen chain whose dep is missing is pending, not invalid", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const before = { seq: bob.author.nextSeq - 1, id: bob.author.prevId as string };
    const missing = await s.write("cat", "listing.create", { type: "offer", title: "Cakes", category: "food" }, { withhold: true });
    const one = await s.write("bob", "donation", { to: s.account("cat"), minutes: 10 }, { deps: [missing.id, s.head] });
    const other = await new DeviceAuthor(bob.author.signer, s.groupId, before).write("donation", { to: s.account("cat"), minutes: 20 }, { deps: [s.head] });
    s.records.push(other);
    return { envelopes: s.envelopes(), checks: [pending(one.id, `waiting for record ${missing.id}`), invalid(other.id, /equivocation/), equivocations(1)] };
  });
  list.add("confirm-by-suspended-party", "review 30", "A confirmation by a party suspended at its point is invalid", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    await s.write("ann", "member.suspend", { account: s.account("cat"), reason: "Away" }, { deps: [propose.id, s.head], head: true });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(confirm.id, "author's membership is suspended"), balance(s.key("cat"), 0)] };
  });
  list.add("profile-by-suspended", "review 31", "A suspended member cannot write their own profile", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.suspend", { account: s.account("bob"), reason: "Away" }, { head: true });
    const profile = await s.write("bob", "member.profile", { account: s.account("bob"), bio: "Back soon" });
    return { envelopes: s.envelopes(), checks: [invalid(profile.id, "author's membership is suspended")] };
  });
  list.add("approve-uses-join-point-account", "review 27", "An approval decides the account that wrote the join request (at the join's point)", async () => {
    const s = await Scene.create({ members: [] });
    const { join, person } = await s.join("dan", { approve: true });
    return { envelopes: s.envelopes(), checks: [account(person.key, { status: "active", name: "Dan" }), joinRequests([]), valid(join.id)] };
  });
  list.add("revoke-unknown-device-by-coordinator", "review 24", "A coordinator may revoke a device key the ledger has never seen; a later certificate of it is void", async () => {
    const s = await Scene.create();
    const stolen = await labelSigner("bob/stolen");
    const revoke = await s.write("ann", "device.revoke", { device: stolen.publicKey, fromSeq: 0, reason: "Reported stolen" });
    const { record } = await DeviceAuthor.certified(s.person("bob").member, stolen, s.groupId);
    return { envelopes: [...s.envelopes(), record.envelope], checks: [valid(revoke.id), invalid(record.id, "device was revoked from seq 0")] };
  });
  list.add("damaged-certificate-vouched", "§5.1, §7.5 step 7", "A device record with a damaged signature is authentic through the next record; its certificate is checked on its own", async () => {
    const s = await Scene.create();
    const cat = s.person("cat");
    const gift = await s.write("cat", "donation", { to: s.account("bob"), minutes: 10 });
    const envelopes = s.envelopes().map((e) => (e === cat.certificate.envelope ? damaged(cat.certificate) : e));
    return { envelopes, checks: [valid(cat.certificate.id, gift.id), balance(s.key("bob"), 10)] };
  });
}
