// Pools (docs/PROTOCOL.md §12): an exchange between members of two groups is
// carried by the payer's pool.pay and the payee's pool.accept over the three
// ledgers it crosses; a group joins by its coordinator's record and the
// pool's admission and can leave with its balance kept; records the pool does
// not count are listed with a reason.
import { beforeAll, describe, expect, it } from "vitest";
import { checkPoolSpend, checkSpend, deriveLedger, type LedgerView } from "../src/index.ts";
import { damaged } from "./vectors/cases-ledger.ts";
import { hexBytes } from "./vectors/scene.ts";
import { Town } from "./vectors/town.ts";
import { expectZeroSum } from "./support.ts";

const verdict = (view: LedgerView, id: string) =>
  view.invalid.find((e) => e.id === id)?.reason ?? view.pending.find((e) => e.id === id)?.reason ?? "valid";
const balance = (view: LedgerView, id: string) => view.accounts[id]?.balanceMinutes ?? 0;

/** Each group's ledger sums to zero on its own. */
function expectEachLedgerZero(view: LedgerView): void {
  const sums = new Map<string, number>();
  for (const account of Object.values(view.accounts)) sums.set(account.group, (sums.get(account.group) ?? 0) + account.balanceMinutes);
  for (const [group, sum] of sums) expect(sum, group).toBe(0);
  expectZeroSum(view);
}

describe("an exchange across two groups of a pool", () => {
  let town: Town;
  let view: LedgerView;
  let payId: string;

  beforeAll(async () => {
    town = await Town.create();
    const pay = await town.pay("bob", "eve", 90, { description: "Fixed a bike" });
    await town.accept(pay);
    payId = pay.id;
    view = await deriveLedger(town.envelopes());
  });

  it("is recorded on each ledger it crosses: A, the pool, B", () => {
    const { a, b } = town;
    expect(balance(view, town.key("bob"))).toBe(-90);
    expect(balance(view, town.mirror(a))).toBe(90);
    expect(balance(view, town.poolAccount(a))).toBe(-90);
    expect(balance(view, town.poolAccount(b))).toBe(90);
    expect(balance(view, town.mirror(b))).toBe(-90);
    expect(balance(view, town.key("eve"))).toBe(90);
    expectEachLedgerZero(view);
    const exchange = view.poolExchanges?.find((e) => e.id === payId);
    expect(exchange).toMatchObject({ status: "complete", minutes: 90, payer: town.key("bob"), payee: town.key("eve"), description: "Fixed a bike" });
    expect(exchange?.legs).toEqual([
      { ledger: a.groupHex, from: town.key("bob"), to: town.mirror(a), minutes: 90 },
      { ledger: town.p.groupHex, from: town.poolAccount(a), to: town.poolAccount(b), minutes: 90 },
      { ledger: b.groupHex, from: town.mirror(b), to: town.key("eve"), minutes: 90 },
    ]);
  });

  it("lists the pool's member groups and their accounts with the pool's limit", () => {
    expect(view.pools?.[town.p.groupHex]?.groups).toEqual({
      [town.a.groupHex]: { status: "member", join: town.joins.a.id },
      [town.b.groupHex]: { status: "member", join: town.joins.b.id },
    });
    expect(view.accounts[town.poolAccount(town.a)]).toMatchObject({ type: "group", memberKind: "group", status: "active", creditLimitMinutes: 600, name: "Riverside timebank" });
    expect(view.accounts[town.mirror(town.a)]).toMatchObject({ type: "group", memberKind: "pool", creditLimitMinutes: null, name: "Stevenage town pool" });
  });
});

describe("records the pool does not count", () => {
  it("a payment alone waits for its payee; an acceptance whose payment is missing waits for it", async () => {
    const town = await Town.create();
    const pay = await town.pay("bob", "eve", 30);
    const unseen = await town.pay("cat", "fay", 20, { withhold: true });
    const accept = await town.accept(unseen);
    const view = await deriveLedger(town.envelopes());
    expect(view.poolExchanges?.find((e) => e.id === pay.id)?.status).toBe("waiting");
    expect(verdict(view, pay.id)).toBe("valid");
    expect(verdict(view, accept.id)).toBe(`waiting for the payment ${unseen.id} of group ${town.a.groupHex}`);
    expect(balance(view, town.key("bob"))).toBe(0);
    expect(balance(view, town.key("fay"))).toBe(0);
    expectEachLedgerZero(view);
  });

  it("a forged acceptance is invalid and moves nothing; an acceptance of a forged payment is refused", async () => {
    const town = await Town.create();
    const pay = await town.pay("bob", "eve", 30);
    const accept = await town.accept(pay);
    const forgedPay = await town.pay("cat", "fay", 40);
    const acceptForged = await town.accept(forgedPay);
    const envelopes = town.envelopes().filter((e) => e !== accept.envelope && e !== forgedPay.envelope);
    const view = await deriveLedger([...envelopes, damaged(accept), damaged(forgedPay)]);
    expect(verdict(view, accept.id)).toBe("signature invalid and no later record of its chain vouches for it");
    expect(verdict(view, acceptForged.id)).toBe(
      `the payment ${forgedPay.id} is not valid in group ${town.a.groupHex} (signature invalid and no later record of its chain vouches for it)`,
    );
    expect(view.poolExchanges?.find((e) => e.id === pay.id)?.status).toBe("waiting");
    expect(balance(view, town.key("eve")) + balance(view, town.key("fay"))).toBe(0);
    expectEachLedgerZero(view);
  });

  it("an acceptance that changes the terms of its payment is refused", async () => {
    const town = await Town.create();
    const pay = await town.pay("bob", "eve", 30);
    const wrongPayee = await town.b.write("fay", "pool.accept", { pool: town.p.groupId, fromGroup: town.a.groupId, payment: hexBytes(pay.id), payee: town.b.account("fay") });
    const view = await deriveLedger(town.envelopes());
    expect(verdict(view, wrongPayee.id)).toBe("does not match the payment it accepts: its payee is not the payment's payee");
    expect(balance(view, town.key("fay"))).toBe(0);
  });

  it("a group the pool has not admitted waits; once admitted, its exchanges count", async () => {
    const town = await Town.create({ admitB: false });
    const pay = await town.pay("bob", "eve", 45);
    const accept = await town.accept(pay);
    const before = await deriveLedger(town.envelopes());
    expect(verdict(before, accept.id)).toBe(`waiting for pool ${town.p.groupHex} to admit group ${town.b.groupHex} (its pool.join ${town.joins.b.id})`);
    expect(before.pools?.[town.p.groupHex]?.groups[town.b.groupHex]?.status).toBe("asked");
    expect(balance(before, town.key("eve"))).toBe(0);
    await town.p.write("pat", "pool.admit", { group: town.b.groupId, join: hexBytes(town.joins.b.id) });
    const after = await deriveLedger(town.envelopes());
    expect(verdict(after, accept.id)).toBe("valid");
    expect(balance(after, town.key("eve"))).toBe(45);
    expectEachLedgerZero(after);
  });

  it("a group that left keeps its balance, frozen; an exchange signed after it left is refused", async () => {
    const town = await Town.create();
    const before = await town.pay("eve", "bob", 50);
    await town.accept(before);
    const leave = await town.b.write("dan", "pool.leave", { pool: town.p.groupId, reason: "We are merging with Riverside" }, { head: true });
    const after = await town.pay("fay", "cat", 20);
    const accept = await town.accept(after);
    const toLeft = await town.pay("bob", "eve", 10);
    const view = await deriveLedger(town.envelopes());
    expect(verdict(view, leave.id)).toBe("valid");
    expect(verdict(view, after.id)).toBe(`group ${town.b.groupHex} had left pool ${town.p.groupHex} when this was signed`);
    expect(verdict(view, accept.id)).toMatch(/^the payment it accepts does not count: group .* had left pool/);
    expect(view.pools?.[town.p.groupHex]?.groups[town.b.groupHex]?.status).toBe("left");
    expect(view.accounts[town.poolAccount(town.b)]).toMatchObject({ status: "left", balanceMinutes: -50 });
    expect(balance(view, town.key("cat"))).toBe(0);
    // A payment to a member of the group that left waits for an acceptance its group can no longer give.
    const acceptToLeft = await town.accept(toLeft);
    const later = await deriveLedger(town.envelopes());
    expect(verdict(later, acceptToLeft.id)).toBe(`group ${town.b.groupHex} had left pool ${town.p.groupHex} when this was signed`);
    expect(balance(later, town.key("eve"))).toBe(-50);
    expectEachLedgerZero(later);
  });

  it("a group's coordinator alone joins or leaves; a member's attempt is invalid", async () => {
    const town = await Town.create();
    const join = await town.a.write("bob", "pool.join", { pool: town.b.groupId });
    const view = await deriveLedger(town.envelopes());
    expect(verdict(view, join.id)).toBe("only a coordinator may write this record");
  });
});

describe("the pool's limit on a group's balance", () => {
  it("an exchange that takes a group past its limit counts and is flagged, and so is the group", async () => {
    const town = await Town.create({ poolLimitMinutes: 60 });
    const first = await town.pay("bob", "eve", 40);
    await town.accept(first);
    const second = await town.pay("cat", "fay", 40);
    await town.accept(second);
    const view = await deriveLedger(town.envelopes());
    const [early, late] = [first, second].sort((x, y) => (x.id < y.id ? -1 : 1));
    const exchanges = view.poolExchanges ?? [];
    expect(exchanges.find((e) => e.id === early!.id)?.overLimit).toBeUndefined();
    expect(exchanges.find((e) => e.id === late!.id)?.overLimit).toEqual({ group: town.a.groupHex, balanceMinutes: -80, creditLimitMinutes: 60 });
    expect(balance(view, town.poolAccount(town.a))).toBe(-80);
    expect(view.flags).toContainEqual({ account: town.poolAccount(town.a), flag: "overdrawn", balanceMinutes: -80, creditLimitMinutes: 60 });
    await town.p.write("pat", "pool.limit", { group: town.a.groupId, creditLimitMinutes: 120 });
    const raised = await deriveLedger(town.envelopes());
    expect(raised.flags.filter((f) => f.account === town.poolAccount(town.a))).toEqual([]);
  });

  it("a device asks before signing: the group's balance, what its members promised, the limit, the group's policy", async () => {
    const town = await Town.create({ poolLimitMinutes: 60 });
    await town.accept(await town.pay("bob", "eve", 40));
    await town.pay("cat", "fay", 15);
    const view = await deriveLedger(town.envelopes());
    expect(checkPoolSpend(view, town.p.groupHex, town.a.groupHex, 5)).toEqual({
      balanceMinutes: -40,
      promisedMinutes: 15,
      creditLimitMinutes: 60,
      afterMinutes: -60,
      crosses: false,
      overByMinutes: 0,
      policy: "refuse",
      allowed: true,
    });
    expect(checkPoolSpend(view, town.p.groupHex, town.a.groupHex, 6)).toMatchObject({ crosses: true, overByMinutes: 1, allowed: false });
    expect(checkPoolSpend(view, town.p.groupHex, town.b.groupHex, 100)).toMatchObject({ balanceMinutes: 40, crosses: false });
    expect(() => checkPoolSpend(view, town.p.groupHex, town.a.groupHex, 1.5)).toThrow("the minutes to spend must be a whole number from 0");
    // Cat's own credit limit counts her payment waiting in another group too (§7.4).
    expect(checkSpend(view, town.key("cat"), 0).promisedMinutes).toBe(15);
  });

  it("an organisation with an account in the pool trades with a member of a group, with two legs", async () => {
    const town = await Town.create();
    const pay = await town.pay("library", "cat", 120);
    await town.accept(pay);
    const view = await deriveLedger(town.envelopes());
    expect(balance(view, town.key("library"))).toBe(-120);
    expect(balance(view, town.poolAccount(town.a))).toBe(120);
    expect(balance(view, town.mirror(town.a))).toBe(-120);
    expect(balance(view, town.key("cat"))).toBe(120);
    expect(view.poolExchanges?.[0]?.legs.length).toBe(2);
    expectEachLedgerZero(view);
  });
});
