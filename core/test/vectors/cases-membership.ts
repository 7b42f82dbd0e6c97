// Vectors for §4 and §6 membership and governance: genesis, settings, join,
// approve, decline, proxy, role, suspend, reinstate, remove, recover, limits.
import { account, balance, invalid, joinRequests, noGroup, pending, setting, valid, totals, noAccount } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { hexBytes, labelSigner, Scene } from "./scene.ts";
import { bytesToHex, DeviceAuthor } from "../../src/index.ts";

const A = (s: Scene, name: string) => s.account(name);

export function membershipCases(list: CaseList): void {
  list.add("genesis-only", "§4 genesis", "A group of one: the founder's certificate and genesis; the founder is an active coordinator named founderName", async () => {
    const s = await Scene.create({ members: [] });
    return {
      envelopes: s.envelopes(),
      checks: [valid(s.genesis.id), account(s.key("ann"), { name: "Ann", status: "active", role: "coordinator", memberKind: "person", balanceMinutes: 0 }), totals({ records: 2, valid: 2 })],
    };
  });

  list.add("genesis-missing", "§4 §5.3 pending", "Without the genesis every other record waits for it", async () => {
    const s = await Scene.create();
    const envelopes = s.envelopes().filter((_, i) => i !== 1);
    const join = s.records.find((r) => r.kind === "member.join")!;
    return { envelopes, checks: [noGroup(s.groupHex), pending(join.id, /^waiting for (the group's genesis record|seq 0 .*|record .*)$/), totals({ valid: 3 })] };
  });

  list.add("genesis-wrong-group-id", "§4 genesis binding", "A group.create whose group id is not H(founder key, device key, nonce) is invalid, and the group has no genesis", async () => {
    const real = await Scene.create({ members: [] });
    // Mallory certifies her device for Ann's group id and writes a genesis for it.
    const member = await labelSigner("mallory/member");
    const { author, record } = await DeviceAuthor.certified(member, await labelSigner("mallory/device"), real.groupId);
    const fake = await author.write("group.create", { name: "Fake", nonce: real.genesis.body.nonce, founderName: "Mallory", creditLimitMinutes: 0, joiningBonusMinutes: 0, confirmation: "both" });
    return { envelopes: [record.envelope, fake.envelope], checks: [invalid(fake.id, "the group id does not match its founder and nonce"), noGroup(real.groupHex)] };
  });

  list.add("genesis-not-at-seq-1", "§4 genesis", "A group.create at seq 2 of the founder's device is not the genesis", async () => {
    const s = await Scene.create({ members: [] });
    const second = await s.write("ann", "group.create", { name: "Again", nonce: s.genesis.body.nonce, founderName: "Ann", creditLimitMinutes: 0, joiningBonusMinutes: 0, confirmation: "both" });
    return { envelopes: s.envelopes(), checks: [invalid(second.id, "the genesis must follow its founder device's certificate"), setting(s.groupHex, "name", "Riverside timebank")] };
  });

  list.add("settings-override", "§6 group.settings", "Settings records override only the fields they have, in §5.3 order", async () => {
    const s = await Scene.create({ bonus: 30 });
    const first = await s.write("ann", "group.settings", { name: "Riverside", creditLimitMinutes: 300 }, { head: true });
    const second = await s.write("ann", "group.settings", { creditLimitMinutes: 120, confirmation: "payer", overdraft: "warn" }, { head: true });
    return {
      envelopes: s.envelopes(),
      checks: [valid(first.id, second.id), setting(s.groupHex, "name", "Riverside"), setting(s.groupHex, "creditLimitMinutes", 120), setting(s.groupHex, "joiningBonusMinutes", 30), setting(s.groupHex, "confirmation", "payer"), setting(s.groupHex, "overdraft", "warn")],
    };
  });

  list.add("settings-empty-body", "§6 group.settings", "A settings record with an empty body is valid and changes nothing", async () => {
    const s = await Scene.create();
    const empty = await s.write("ann", "group.settings", {});
    return { envelopes: s.envelopes(), checks: [valid(empty.id), setting(s.groupHex, "creditLimitMinutes", 600), setting(s.groupHex, "overdraft", "refuse")] };
  });

  list.add("settings-by-member", "§6 coordinator kinds", "A member who is not a coordinator cannot change the settings", async () => {
    const s = await Scene.create();
    const bad = await s.write("bob", "group.settings", { name: "Bob's bank" });
    return { envelopes: s.envelopes(), checks: [invalid(bad.id, "only a coordinator may write this record"), setting(s.groupHex, "name", "Riverside timebank")] };
  });

  list.add("settings-concurrent", "§5.3 concurrent rulings", "Two concurrent settings records: the larger Lamport number, then the larger id, wins", async () => {
    const s = await Scene.create({ members: ["bob"] });
    await s.write("ann", "member.role", { account: A(s, "bob"), role: "coordinator" }, { head: true });
    const base = s.head;
    const a = await s.write("ann", "group.settings", { creditLimitMinutes: 100 }, { deps: [base] });
    const b = await s.write("bob", "group.settings", { creditLimitMinutes: 200 }, { deps: [base] });
    const winner = a.id > b.id ? 100 : 200;
    return { envelopes: s.envelopes(), checks: [valid(a.id, b.id), setting(s.groupHex, "creditLimitMinutes", winner)] };
  });

  list.add("settings-unknown-overdraft", "§6 group.settings, §3.3", "overdraft must be refuse or warn", async () => {
    const s = await Scene.create({ members: [] });
    const bad = await s.unchecked("ann", "group.settings", { overdraft: "ignore" });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "overdraft must be one of refuse, warn")] };
  });

  list.add("join-pending-request", "§6 member.join", "A join request not yet decided is listed for coordinators; the account has status none", async () => {
    const s = await Scene.create({ members: [] });
    const { join, person } = await s.join("dan", { memberKind: "organisation" });
    return { envelopes: s.envelopes(), checks: [valid(join.id), joinRequests([join.id]), noAccount(person.key)] };
  });

  list.add("join-twice-while-active", "§6 member.join", "An active member's join request is invalid", async () => {
    const s = await Scene.create();
    const again = await s.write("bob", "member.join", { name: "Bob again", memberKind: "person" });
    return { envelopes: s.envelopes(), checks: [invalid(again.id, "already decided: membership is active")] };
  });

  list.add("approve-bonus", "§6 member.approve, §7.1 joining bonus", "An approval makes the account an active member with the join's name and kind, and moves the joining bonus from the group account", async () => {
    const s = await Scene.create({ bonus: 120, members: [] });
    const { person } = await s.join("dan", { approve: true, memberKind: "business" });
    return {
      envelopes: s.envelopes(),
      checks: [account(person.key, { name: "Dan", memberKind: "business", status: "active", role: "member", balanceMinutes: 120 }), balance(s.key("group"), -120), joinRequests([])],
    };
  });

  list.add("approve-join-not-in-deps", "§6 member.approve", "An approval must name the join request among its deps", async () => {
    const s = await Scene.create({ members: [] });
    const { join } = await s.join("dan");
    const approve = await s.write("ann", "member.approve", { join: hexBytes(join.id) }, { deps: [s.genesis.id] });
    return { envelopes: s.envelopes(), checks: [invalid(approve.id, "must name the join request among its deps"), joinRequests([join.id])] };
  });

  list.add("approve-not-a-join", "§6 member.approve", "An approval naming a record that is not a join request is invalid", async () => {
    const s = await Scene.create({ members: [] });
    const approve = await s.write("ann", "member.approve", { join: hexBytes(s.genesis.id) }, { deps: [s.genesis.id] });
    return { envelopes: s.envelopes(), checks: [invalid(approve.id, "the join request is not valid")] };
  });

  list.add("approve-by-member", "§6 coordinator kinds", "Only a coordinator may approve", async () => {
    const s = await Scene.create({ members: ["bob"] });
    const { join } = await s.join("dan");
    const approve = await s.write("bob", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(approve.id, "only a coordinator may write this record"), joinRequests([join.id])] };
  });

  list.add("decline-then-join-again", "§6 member.decline, member.join", "A declined person may ask again; the new request is listed; the declined account shows the reason", async () => {
    const s = await Scene.create({ members: [] });
    const { join, person } = await s.join("dan");
    const decline = await s.write("ann", "member.decline", { join: hexBytes(join.id), reason: "Not local" }, { deps: [join.id], head: true });
    const again = await s.write("dan", "member.join", { name: "Dan", memberKind: "person", note: "Moved here" });
    return { envelopes: s.envelopes(), checks: [valid(decline.id, again.id), account(person.key, { status: "declined", standingReason: "Not local" }), joinRequests([again.id])] };
  });

  list.add("approve-after-decline", "§6 member.approve, review 28", "A join request that was declined may still be approved later (status declined allows it)", async () => {
    const s = await Scene.create({ members: [], bonus: 60 });
    const { join, person } = await s.join("dan");
    await s.write("ann", "member.decline", { join: hexBytes(join.id), reason: "Wait a month" }, { deps: [join.id], head: true });
    const approve = await s.write("ann", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id], head: true });
    return { envelopes: s.envelopes(), checks: [valid(approve.id), account(person.key, { status: "active", balanceMinutes: 60 })] };
  });

  list.add("decline-active-member", "§6 member.decline", "Declining a join request of someone already active is invalid", async () => {
    const s = await Scene.create({ members: [] });
    const { join } = await s.join("dan", { approve: true });
    const decline = await s.write("ann", "member.decline", { join: hexBytes(join.id), reason: "Changed my mind" }, { deps: [join.id] });
    return { envelopes: s.envelopes(), checks: [invalid(decline.id, "already decided: membership is active")] };
  });

  list.add("proxy-member", "§6 member.proxy", "A proxy account is named by its record's id, active, type proxy; a coordinator signs for it", async () => {
    const s = await Scene.create();
    const proxy = await s.write("ann", "member.proxy", { name: "Edna", memberKind: "person", note: "No smartphone" }, { head: true });
    const gift = await s.write("bob", "donation", { to: hexBytes(proxy.id), minutes: 30 });
    const spend = await s.write("ann", "exchange.propose", { payer: hexBytes(proxy.id), payees: [{ account: A(s, "cat"), minutes: 20 }], description: "Lift to town" });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(spend.id) }, { deps: [spend.id] });
    const key = `${s.groupHex}:${proxy.id}`;
    return { envelopes: s.envelopes(), checks: [valid(gift.id, spend.id, confirm.id), account(key, { type: "proxy", name: "Edna", status: "active", balanceMinutes: 10 }), balance(s.key("cat"), 20)] };
  });

  list.add("role-coordinator", "§6 member.role", "A member made coordinator may then write coordinator records", async () => {
    const s = await Scene.create();
    const role = await s.write("ann", "member.role", { account: A(s, "bob"), role: "coordinator" }, { head: true });
    const grant = await s.write("bob", "grant", { to: A(s, "cat"), minutes: 60, reason: "Float" });
    return { envelopes: s.envelopes(), checks: [valid(role.id, grant.id), account(s.key("bob"), { role: "coordinator" }), balance(s.key("cat"), 60)] };
  });

  list.add("role-not-seen", "§5.3 causal point", "A record of a new coordinator that does not have the promotion in its causal past is judged as a member's", async () => {
    const s = await Scene.create();
    const before = s.head;
    await s.write("ann", "member.role", { account: A(s, "bob"), role: "coordinator" }, { head: true });
    const grant = await s.write("bob", "grant", { to: A(s, "cat"), minutes: 60, reason: "Float" }, { deps: [before] });
    return { envelopes: s.envelopes(), checks: [invalid(grant.id, "only a coordinator may write this record"), balance(s.key("cat"), 0)] };
  });

  list.add("role-proxy-coordinator", "§6 member.role", "A proxy cannot be made a coordinator", async () => {
    const s = await Scene.create();
    const proxy = await s.write("ann", "member.proxy", { name: "Edna", memberKind: "person" }, { head: true });
    const role = await s.write("ann", "member.role", { account: hexBytes(proxy.id), role: "coordinator" });
    return { envelopes: s.envelopes(), checks: [invalid(role.id, "a proxy account cannot be a coordinator")] };
  });

  list.add("role-non-member", "§6 member.role", "A role for an account with status none is invalid", async () => {
    const s = await Scene.create({ members: [] });
    const { person } = await s.join("dan");
    const role = await s.write("ann", "member.role", { account: person.account, role: "coordinator" });
    return { envelopes: s.envelopes(), checks: [invalid(role.id, "the target is not a member of the group")] };
  });

  list.add("role-group-account", "§6 member.role", "The group account cannot be given a role", async () => {
    const s = await Scene.create({ members: [] });
    const role = await s.write("ann", "member.role", { account: new Uint8Array(), role: "member" });
    return { envelopes: s.envelopes(), checks: [invalid(role.id, "the group account cannot be the target")] };
  });

  list.add("suspend-blocks-author", "§6 member.suspend, author active", "A suspended member's later records (that saw the suspension) are invalid", async () => {
    const s = await Scene.create();
    const suspend = await s.write("ann", "member.suspend", { account: A(s, "bob"), reason: "Unpaid debts" }, { head: true });
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 10 });
    return { envelopes: s.envelopes(), checks: [valid(suspend.id), invalid(gift.id, "author's membership is suspended"), account(s.key("bob"), { status: "suspended", standingReason: "Unpaid debts" })] };
  });

  list.add("suspend-concurrent-spend", "§5.3 causal point", "A spend concurrent with the suspension (it had not seen it) counts", async () => {
    const s = await Scene.create();
    const before = s.head;
    await s.write("ann", "member.suspend", { account: A(s, "bob"), reason: "Unpaid debts" }, { head: true });
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 10 }, { deps: [before] });
    return { envelopes: s.envelopes(), checks: [valid(gift.id), balance(s.key("cat"), 10)] };
  });

  list.add("reinstate", "§6 member.reinstate", "A reinstated member may write again; the standing reason is the reinstatement's", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.suspend", { account: A(s, "bob"), reason: "Unpaid debts" }, { head: true });
    const back = await s.write("ann", "member.reinstate", { account: A(s, "bob"), reason: "Settled" }, { head: true });
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 10 });
    return { envelopes: s.envelopes(), checks: [valid(back.id, gift.id), account(s.key("bob"), { status: "active", standingReason: "Settled" })] };
  });

  list.add("reinstate-active", "§6 member.reinstate", "Reinstating an active member is invalid", async () => {
    const s = await Scene.create();
    const back = await s.write("ann", "member.reinstate", { account: A(s, "bob"), reason: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(back.id, "cannot change membership from active to active")] };
  });

  list.add("suspend-suspended", "§6 member.suspend", "Suspending a suspended member is invalid", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.suspend", { account: A(s, "bob"), reason: "One" }, { head: true });
    const again = await s.write("ann", "member.suspend", { account: A(s, "bob"), reason: "Two" });
    return { envelopes: s.envelopes(), checks: [invalid(again.id, "cannot change membership from suspended to suspended")] };
  });

  list.add("remove-member", "§6 member.remove", "A removed member keeps their balance in the ledger; their later records are invalid", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 45 });
    const remove = await s.write("ann", "member.remove", { account: A(s, "bob"), reason: "Moved away" }, { deps: [gift.id, s.head], head: true });
    const late = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 5 });
    return { envelopes: s.envelopes(), checks: [valid(remove.id), invalid(late.id, "author's membership is removed"), account(s.key("bob"), { status: "removed", balanceMinutes: -45 })] };
  });

  list.add("remove-group-account", "§6 member.remove", "The group account has no membership to remove", async () => {
    const s = await Scene.create({ members: [] });
    const remove = await s.write("ann", "member.remove", { account: new Uint8Array(), reason: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(remove.id, "the group account has no membership")] };
  });

  list.add("recover-new-key", "§2 recovery, §6 member.recover", "After a recovery, a device certified by the new key acts for the account; the old key's later records are invalid", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 30 });
    const newKey = await labelSigner("bob/new-member");
    const recover = await s.write("ann", "member.recover", { account: A(s, "bob"), member: newKey.publicKey, note: "Checked ID in person" }, { deps: [gift.id, s.head], head: true });
    const { author, record } = await DeviceAuthor.certified(newKey, await labelSigner("bob/new-device"), s.groupId);
    const fresh = await author.write("donation", { to: A(s, "cat"), minutes: 15 }, { deps: [recover.id] });
    const old = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 5 });
    return {
      envelopes: [...s.envelopes(), record.envelope, fresh.envelope],
      checks: [valid(recover.id, fresh.id), invalid(old.id, "this member key was replaced by a recovery"), balance(s.key("bob"), -45), balance(s.key("cat"), 45), noAccount(`${s.groupHex}:${bytesToHex(newKey.publicKey)}`)],
    };
  });

  list.add("recover-small-order-key", "§6 member.recover, §5.2", "A recovery naming a small-order key is invalid", async () => {
    const s = await Scene.create();
    const recover = await s.write("ann", "member.recover", { account: A(s, "bob"), member: hexBytes("01" + "00".repeat(31)), note: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(recover.id, /^public key/)] };
  });

  list.add("recover-non-member", "§6 member.recover", "A recovery of an account with status none is invalid", async () => {
    const s = await Scene.create({ members: [] });
    const { person } = await s.join("dan");
    const newKey = await labelSigner("dan/new-member");
    const recover = await s.write("ann", "member.recover", { account: person.account, member: newKey.publicKey, note: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(recover.id, "the target is not a member of the group")] };
  });

  list.add("account-limit", "§6 account.limit, §7.4", "An account's own limit overrides the group's; below it the account is flagged", async () => {
    const s = await Scene.create({ creditLimitMinutes: 600 });
    const limit = await s.write("ann", "account.limit", { account: A(s, "bob"), creditLimitMinutes: 30 }, { head: true });
    const gift = await s.write("bob", "donation", { to: A(s, "cat"), minutes: 45 });
    return { envelopes: s.envelopes(), checks: [valid(limit.id, gift.id), account(s.key("bob"), { creditLimitMinutes: 30, overdrawn: true, balanceMinutes: -45 }), account(s.key("cat"), { creditLimitMinutes: 600, overdrawn: false })] };
  });

  list.add("account-limit-too-large", "§3.3 limits", "A credit limit above 600,000 minutes is refused", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("ann", "account.limit", { account: A(s, "bob"), creditLimitMinutes: 600_001 });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "creditLimitMinutes must be a whole number from 0 to 600000")] };
  });

  list.add("non-member-writes", "§6 author active", "A certified device whose member never joined cannot write an ordinary record", async () => {
    const s = await Scene.create({ members: [] });
    const member = await labelSigner("zed/member");
    const { author, record } = await DeviceAuthor.certified(member, await labelSigner("zed/device"), s.groupId);
    const listingRecord = await author.write("listing.create", { type: "offer", title: "Bikes", category: "repair" }, { deps: [s.head] });
    return { envelopes: [...s.envelopes(), record.envelope, listingRecord.envelope], checks: [valid(record.id), invalid(listingRecord.id, "author is not a member of the group")] };
  });
}
