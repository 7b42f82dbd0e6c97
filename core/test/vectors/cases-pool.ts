// Vectors for §12: pools (membership, exchanges across groups, limits,
// leaving) and merges (both coordinators, linked accounts). Each vector is a
// town of three groups (A, B and the pool P; see town.ts).
import { hexToBytes, mergedId, type LedgerView } from "../../src/index.ts";
import { account, balance, flagged, invalid, pending, valid, type Check } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { damaged } from "./cases-ledger.ts";
import { hexBytes } from "./scene.ts";
import { Town } from "./town.ts";

const poolExchange = (id: string, fields: Record<string, unknown>): Check => (view: LedgerView) => {
  const found = view.poolExchanges?.find((e) => e.id === id) as Record<string, unknown> | undefined;
  if (!found) return `no exchange across groups ${id}`;
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(found[key]) !== JSON.stringify(value)) return `exchange ${id} ${key} should be ${JSON.stringify(value)}, is ${JSON.stringify(found[key])}`;
  }
  return null;
};

const poolGroup = (town: Town, groupHex: string, status: string | null): Check => (view) => {
  const actual = view.pools?.[town.p.groupHex]?.groups[groupHex]?.status ?? null;
  return actual === status ? null : `group ${groupHex} in the pool should be ${status}, is ${actual}`;
};

/** Every ledger of the view sums to zero on its own. */
const eachLedgerZero: Check = (view) => {
  const sums = new Map<string, number>();
  for (const a of Object.values(view.accounts)) sums.set(a.group, (sums.get(a.group) ?? 0) + a.balanceMinutes);
  const off = [...sums].find(([, sum]) => sum !== 0);
  return off ? `ledger ${off[0]} sums to ${off[1]}` : null;
};

export function poolCases(list: CaseList): void {
  list.add("pool-exchange-complete", "§12.1 §12.4", "A member of A pays a member of B: three legs, A → mirror, A → B in the pool, mirror → B", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 90);
    const accept = await t.accept(pay);
    return {
      envelopes: t.envelopes(),
      checks: [
        valid(pay.id, accept.id),
        poolExchange(pay.id, { status: "complete", accept: accept.id, minutes: 90 }),
        balance(t.key("bob"), -90),
        balance(t.mirror(t.a), 90),
        balance(t.poolAccount(t.a), -90),
        balance(t.poolAccount(t.b), 90),
        balance(t.mirror(t.b), -90),
        balance(t.key("eve"), 90),
        poolGroup(t, t.a.groupHex, "member"),
        eachLedgerZero,
      ],
    };
  });

  list.add("pool-exchange-waiting", "§12.4 half-signed", "A payment without its acceptance waits for the payee and moves nothing", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30);
    return { envelopes: t.envelopes(), checks: [valid(pay.id), poolExchange(pay.id, { status: "waiting", accept: null, legs: [] }), balance(t.key("bob"), 0), eachLedgerZero] };
  });

  list.add("pool-accept-payment-missing", "§12.4", "An acceptance whose payment is absent waits for it", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30, { withhold: true });
    const accept = await t.accept(pay);
    return { envelopes: t.envelopes(), checks: [pending(accept.id, `waiting for the payment ${pay.id} of group ${t.a.groupHex}`), balance(t.key("eve"), 0)] };
  });

  list.add("pool-accept-forged", "§12.4 forged, §7.5 step 2", "A forged acceptance is invalid in its group; the exchange still waits", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30);
    const accept = await t.accept(pay);
    const envelopes = [...t.envelopes().filter((e) => e !== accept.envelope), damaged(accept)];
    return { envelopes, checks: [invalid(accept.id, "signature invalid and no later record of its chain vouches for it"), poolExchange(pay.id, { status: "waiting" }), balance(t.key("eve"), 0)] };
  });

  list.add("pool-accept-forged-payment", "§12.4 forged", "An acceptance of a forged payment is invalid, naming why the payment is", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30);
    const accept = await t.accept(pay);
    const envelopes = [...t.envelopes().filter((e) => e !== pay.envelope), damaged(pay)];
    return {
      envelopes,
      checks: [invalid(accept.id, `the payment ${pay.id} is not valid in group ${t.a.groupHex} (signature invalid and no later record of its chain vouches for it)`), balance(t.key("eve"), 0), eachLedgerZero],
    };
  });

  list.add("pool-accept-wrong-payee", "§12.4", "An acceptance by someone other than the payment's payee is invalid", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30);
    const other = await t.b.write("fay", "pool.accept", { pool: t.p.groupId, fromGroup: t.a.groupId, payment: hexBytes(pay.id), payee: t.b.account("fay") });
    return { envelopes: t.envelopes(), checks: [invalid(other.id, "does not match the payment it accepts: its payee is not the payment's payee"), poolExchange(pay.id, { status: "waiting" })] };
  });

  list.add("pool-accept-for-another", "§12.2 pool.accept", "A member cannot accept for another member's account", async () => {
    const t = await Town.create();
    const pay = await t.pay("bob", "eve", 30);
    const other = await t.b.write("fay", "pool.accept", { pool: t.p.groupId, fromGroup: t.a.groupId, payment: hexBytes(pay.id), payee: t.b.account("eve") });
    return { envelopes: t.envelopes(), checks: [invalid(other.id, "the author does not sign for the payee")] };
  });

  list.add("pool-pay-within-group", "§12.2 pool.pay", "A pool.pay to the payer's own group is invalid: within a group, exchange.propose", async () => {
    const t = await Town.create();
    const pay = await t.a.write("bob", "pool.pay", { pool: t.p.groupId, payer: t.a.account("bob"), toGroup: t.a.groupId, payee: t.a.account("cat"), minutes: 10, description: "Lift" });
    return { envelopes: t.envelopes(), checks: [invalid(pay.id, "the payee's group (use exchange.propose within a group) must be another group, not this one")] };
  });

  list.add("pool-pay-not-joined", "§12.3", "A payment through a pool the payer's group never joined is invalid, and so is its acceptance", async () => {
    const t = await Town.create();
    const pay = await t.b.write("eve", "pool.pay", { pool: t.a.groupId, payer: t.b.account("eve"), toGroup: t.p.groupId, payee: t.p.account("library"), minutes: 10, description: "Books" });
    const accept = await t.accept(pay);
    return {
      envelopes: t.envelopes(),
      checks: [
        invalid(pay.id, `group ${t.b.groupHex} had not joined pool ${t.a.groupHex} when this was signed`),
        invalid(accept.id, `the payment it accepts does not count: group ${t.b.groupHex} had not joined pool ${t.a.groupHex} when this was signed`),
        balance(t.key("library"), 0),
      ],
    };
  });

  list.add("pool-accept-not-a-payment", "§12.4", "An acceptance naming a record that is not a pool.pay is invalid", async () => {
    const t = await Town.create();
    const listing = await t.a.write("bob", "listing.create", { type: "offer", title: "Bike repair", category: "repairs" });
    const accept = await t.b.write("eve", "pool.accept", { pool: t.p.groupId, fromGroup: t.a.groupId, payment: hexBytes(listing.id), payee: t.b.account("eve") });
    return { envelopes: t.envelopes(), checks: [invalid(accept.id, `the payment ${listing.id} it accepts is a listing.create record, not a pool.pay`)] };
  });

  list.add("pool-not-admitted", "§12.3", "A group that asked and was not admitted: its payee's acceptance waits for the admission", async () => {
    const t = await Town.create({ admitB: false });
    const pay = await t.pay("bob", "eve", 45);
    const accept = await t.accept(pay);
    return {
      envelopes: t.envelopes(),
      checks: [pending(accept.id, `waiting for pool ${t.p.groupHex} to admit group ${t.b.groupHex} (its pool.join ${t.joins.b.id})`), poolGroup(t, t.b.groupHex, "asked"), balance(t.key("eve"), 0), eachLedgerZero],
    };
  });

  list.add("pool-admitted-late", "§12.3", "The admission signed after the exchange: the exchange counts once it is present", async () => {
    const t = await Town.create({ admitB: false });
    const pay = await t.pay("bob", "eve", 45);
    const accept = await t.accept(pay);
    await t.p.write("pat", "pool.admit", { group: t.b.groupId, join: hexBytes(t.joins.b.id) });
    return { envelopes: t.envelopes(), checks: [valid(accept.id), poolGroup(t, t.b.groupHex, "member"), balance(t.key("eve"), 45), eachLedgerZero] };
  });

  list.add("pool-admit-join-missing", "§12.3", "An admission naming a join that is absent waits for it", async () => {
    const t = await Town.create({ admitB: false });
    const join = await t.b.write("dan", "pool.join", { pool: t.a.groupId }, { withhold: true });
    const admit = await t.a.write("ann", "pool.admit", { group: t.b.groupId, join: hexBytes(join.id) });
    return { envelopes: t.envelopes(), checks: [pending(admit.id, `waiting for the pool.join record ${join.id} of group ${t.b.groupHex}`)] };
  });

  list.add("pool-admit-wrong-join", "§12.3", "An admission naming a record that is not a join of this pool is invalid", async () => {
    const t = await Town.create({ admitB: false });
    const admit = await t.p.write("pat", "pool.admit", { group: t.a.groupId, join: hexBytes(t.a.genesis.id) });
    return { envelopes: t.envelopes(), checks: [invalid(admit.id, `${t.a.genesis.id} is not a pool.join of this pool by group ${t.a.groupHex}`)] };
  });

  list.add("pool-join-by-member", "§12.2 coordinator kinds", "A member who is not a coordinator cannot take the group into a pool", async () => {
    const t = await Town.create();
    const join = await t.a.write("bob", "pool.join", { pool: t.b.groupId });
    return { envelopes: t.envelopes(), checks: [invalid(join.id, "only a coordinator may write this record")] };
  });

  list.add("pool-join-twice", "§12.2 pool.join", "Asking again while in the pool is invalid", async () => {
    const t = await Town.create();
    const again = await t.a.write("ann", "pool.join", { pool: t.p.groupId });
    return { envelopes: t.envelopes(), checks: [invalid(again.id, "the group has already asked to join this pool")] };
  });

  list.add("pool-leave-frozen", "§12.3 leaving", "A group leaves: its balance in the pool stays, frozen; an exchange signed after is refused", async () => {
    const t = await Town.create();
    const before = await t.pay("eve", "bob", 50);
    await t.accept(before);
    const leave = await t.b.write("dan", "pool.leave", { pool: t.p.groupId, reason: "Merging with Riverside" }, { head: true });
    const after = await t.pay("fay", "cat", 20);
    const accept = await t.accept(after);
    return {
      envelopes: t.envelopes(),
      checks: [
        valid(leave.id),
        invalid(after.id, `group ${t.b.groupHex} had left pool ${t.p.groupHex} when this was signed`),
        invalid(accept.id, `the payment it accepts does not count: group ${t.b.groupHex} had left pool ${t.p.groupHex} when this was signed`),
        poolGroup(t, t.b.groupHex, "left"),
        account(t.poolAccount(t.b), { status: "left", balanceMinutes: -50 }),
        balance(t.key("cat"), 0),
        eachLedgerZero,
      ],
    };
  });

  list.add("pool-leave-concurrent", "§12.3 leaving", "A payment signed without having seen the leave still counts", async () => {
    const t = await Town.create();
    const concurrent = await t.pay("fay", "cat", 20);
    await t.b.write("dan", "pool.leave", { pool: t.p.groupId });
    await t.accept(concurrent);
    return { envelopes: t.envelopes(), checks: [poolExchange(concurrent.id, { status: "complete" }), balance(t.key("cat"), 20), poolGroup(t, t.b.groupHex, "left")] };
  });

  list.add("pool-leave-not-member", "§12.2 pool.leave", "Leaving a pool the group never joined is invalid", async () => {
    const t = await Town.create();
    const leave = await t.a.write("ann", "pool.leave", { pool: t.b.groupId });
    return { envelopes: t.envelopes(), checks: [invalid(leave.id, "the group is not in this pool (no pool.join of it precedes this record)")] };
  });

  list.add("pool-over-limit", "§12.4 pool limits", "Two payments that together take a group past its pool limit both count; the later in the pool's order is flagged", async () => {
    const t = await Town.create({ poolLimitMinutes: 60 });
    const first = await t.pay("bob", "eve", 40);
    await t.accept(first);
    const second = await t.pay("cat", "fay", 40);
    await t.accept(second);
    const [early, late] = [first, second].sort((x, y) => (x.id < y.id ? -1 : 1));
    return {
      envelopes: t.envelopes(),
      checks: [
        poolExchange(early!.id, { status: "complete", overLimit: undefined }),
        poolExchange(late!.id, { status: "complete", overLimit: { group: t.a.groupHex, balanceMinutes: -80, creditLimitMinutes: 60 } }),
        flagged(t.poolAccount(t.a)),
        balance(t.poolAccount(t.a), -80),
      ],
    };
  });

  list.add("pool-limit-record", "§12.3 pool.limit", "The pool raises one group's limit: no longer flagged", async () => {
    const t = await Town.create({ poolLimitMinutes: 60 });
    await t.accept(await t.pay("bob", "eve", 80));
    await t.p.write("pat", "pool.limit", { group: t.a.groupId, creditLimitMinutes: 120 });
    return { envelopes: t.envelopes(), checks: [account(t.poolAccount(t.a), { creditLimitMinutes: 120, overdrawn: false }), flagged(t.poolAccount(t.a), false)] };
  });

  list.add("pool-organisation", "§12.1 the pool's own members", "The library, a member of the pool itself, pays a member of A: two legs", async () => {
    const t = await Town.create();
    const pay = await t.pay("library", "cat", 120);
    await t.accept(pay);
    return { envelopes: t.envelopes(), checks: [balance(t.key("library"), -120), balance(t.poolAccount(t.a), 120), balance(t.mirror(t.a), -120), balance(t.key("cat"), 120), eachLedgerZero] };
  });

  list.add("merge-both", "§12.5", "Both coordinators sign a merge; Sam, in both groups, links the two accounts with both of them", async () => {
    const t = await Town.create();
    await t.a.join("sam", { approve: true });
    const samB = await t.b.join("sam", { approve: true });
    await t.a.write("bob", "donation", { to: t.a.account("sam"), minutes: 40 });
    await t.b.write("eve", "donation", { to: t.b.account("sam"), minutes: 25 });
    const m1 = await t.a.write("ann", "group.merge", { group: t.b.groupId });
    const m2 = await t.b.write("dan", "group.merge", { group: t.a.groupId });
    await t.a.write("sam", "account.link", { group: t.b.groupId, account: t.b.account("sam") });
    await t.b.write(samB.person, "account.link", { group: t.a.groupId, account: t.a.account("sam") });
    const sam = [t.a.key("sam"), t.b.key("sam")].sort();
    const merged: Check = (view) => {
      const m = view.merges?.[0];
      if (!m || JSON.stringify(m.records) !== JSON.stringify([m1.id, m2.id].sort())) return "the two groups should be merged by both records";
      const entry = m.accounts.find((e) => e.accounts.includes(sam[0]!));
      return JSON.stringify(entry) === JSON.stringify({ accounts: sam, balanceMinutes: 65 }) ? null : `Sam's accounts should be one of 65 minutes, are ${JSON.stringify(entry)}`;
    };
    return { envelopes: t.envelopes(), checks: [merged, balance(t.a.key("sam"), 40), balance(t.b.key("sam"), 25)] };
  });

  list.add("merge-one-side", "§12.5", "A merge signed by one group only merges nothing", async () => {
    const t = await Town.create();
    const m1 = await t.a.write("ann", "group.merge", { group: t.b.groupId });
    const none: Check = (view) => (view.merges === undefined ? null : "no merge should be listed");
    return { envelopes: t.envelopes(), checks: [valid(m1.id), none] };
  });

  list.add("link-one-side", "§12.5", "Bob claims Eve's account; Eve never linked: no link", async () => {
    const t = await Town.create();
    const claim = await t.a.write("bob", "account.link", { group: t.b.groupId, account: t.b.account("eve") });
    const none: Check = (view) => (view.links === undefined ? null : "no link should be listed");
    return { envelopes: t.envelopes(), checks: [valid(claim.id), none] };
  });
}

export function mergeTradeCases(list: CaseList): void {
  list.add("merge-trade", "§12.5 trade across a merge", "After both groups signed the merge, Bob (A) pays Eve (B) through the merged id; a payment signed before A's merge does not count", async () => {
    const t = await Town.create();
    const m = mergedId([t.a.groupHex, t.b.groupHex].sort());
    const early = await t.pay("cat", "fay", 10, { pool: hexToBytes(m) });
    await t.a.write("ann", "group.merge", { group: t.b.groupId }, { head: true });
    await t.b.write("dan", "group.merge", { group: t.a.groupId }, { head: true });
    const pay = await t.pay("bob", "eve", 35, { pool: hexToBytes(m) });
    await t.accept(pay);
    await t.accept(early);
    return {
      envelopes: t.envelopes(),
      checks: [
        poolExchange(pay.id, { status: "complete" }),
        invalid(early.id, `group ${t.a.groupHex} had not agreed to merge with ${t.b.groupHex} when this was signed`),
        balance(t.key("bob"), -35),
        balance(`${m}:${t.a.groupHex}`, -35),
        balance(`${t.b.groupHex}:pool:${m}`, -35),
        balance(t.key("eve"), 35),
        eachLedgerZero,
      ],
    };
  });
}
