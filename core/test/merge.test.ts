// Merging groups (docs/PROTOCOL.md §12.5): both groups' coordinators sign a
// group.merge naming the other; every account, balance and history continues
// in the merged group; a person in both groups links their two accounts with
// their own account.link records. A merge never changes a balance.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, hexToBytes, mergedId, type LedgerView, type SignedRecord } from "../src/index.ts";
import { Town } from "./vectors/town.ts";
import { RUNS } from "./support.ts";

const balances = (view: LedgerView) => Object.fromEntries(Object.entries(view.accounts).map(([id, a]) => [id, a.balanceMinutes]));

let town: Town;
let base: Uint8Array[];
let merges: SignedRecord[];
let links: SignedRecord[];
let unmatched: SignedRecord[];
let baseView: LedgerView;

beforeAll(async () => {
  town = await Town.create();
  const { a, b } = town;
  // Sam belongs to both groups, with one member key.
  await a.join("sam", { approve: true });
  const samInB = await b.join("sam", { approve: true });
  await a.write("bob", "donation", { to: a.account("sam"), minutes: 40 });
  await b.write("eve", "donation", { to: b.account("sam"), minutes: 25 });
  await town.accept(await town.pay("cat", "fay", 30));
  await b.write(samInB.person, "donation", { to: b.account("fay"), minutes: 5 });
  base = town.envelopes();
  baseView = await deriveLedger(base);
  // Written last, so no other record depends on them: any subset of them can join the base.
  merges = [
    await a.write("ann", "group.merge", { group: b.groupId, note: "Riverside and Northgate become one timebank" }),
    await b.write("dan", "group.merge", { group: a.groupId }),
  ];
  links = [
    await a.write("sam", "account.link", { group: b.groupId, account: b.account("sam") }),
    await b.write(samInB.person, "account.link", { group: a.groupId, account: a.account("sam") }),
  ];
  // Bob claims Eve's account; Eve never signed anything of the kind.
  unmatched = [await a.write("bob", "account.link", { group: b.groupId, account: b.account("eve") })];
});

describe("merging two groups", () => {
  it("needs both coordinators' records; then every account continues in the merged group, Sam's two as one", async () => {
    const half = await deriveLedger([...base, merges[0]!.envelope, ...links.map((l) => l.envelope)]);
    expect(half.merges).toBeUndefined();
    const view = await deriveLedger([...base, ...[...merges, ...links, ...unmatched].map((r) => r.envelope)]);
    const [merged] = view.merges ?? [];
    expect(merged?.groups).toEqual([town.a.groupHex, town.b.groupHex].sort());
    expect(merged?.records).toEqual(merges.map((m) => m.id).sort());
    const sam = merged?.accounts.find((e) => e.accounts.includes(town.a.key("sam")));
    expect(sam).toEqual({ accounts: [town.a.key("sam"), town.b.key("sam")].sort(), balanceMinutes: 40 + 25 - 5 });
    const eve = merged?.accounts.find((e) => e.accounts.includes(town.b.key("eve")));
    expect(eve?.accounts).toEqual([town.b.key("eve")]);
    expect(merged?.sumMinutes).toBe(0);
    const listed = merged?.accounts.flatMap((e) => e.accounts).sort();
    const inGroups = Object.entries(view.accounts).filter(([, acc]) => acc.group === town.a.groupHex || acc.group === town.b.groupHex).map(([id]) => id).sort();
    expect(listed).toEqual(inGroups);
    expect(view.links).toEqual([{ accounts: [town.a.key("sam"), town.b.key("sam")].sort(), records: links.map((l) => l.id).sort() }]);
  });

  it("after the merge, members of the two halves trade across it, with the mirrors of the halves summing to zero", async () => {
    const t = await Town.create();
    const early = await t.pay("cat", "fay", 10, { pool: hexToBytes(mergedId([t.a.groupHex, t.b.groupHex].sort())) });
    await t.a.write("ann", "group.merge", { group: t.b.groupId }, { head: true });
    await t.b.write("dan", "group.merge", { group: t.a.groupId }, { head: true });
    const m = mergedId([t.a.groupHex, t.b.groupHex].sort());
    const pay = await t.pay("bob", "eve", 35, { pool: hexToBytes(m) });
    await t.accept(pay);
    await t.accept(early);
    const view = await deriveLedger(t.envelopes());
    expect(view.poolExchanges?.find((e) => e.id === pay.id)?.legs).toEqual([
      { ledger: t.a.groupHex, from: t.key("bob"), to: `${t.a.groupHex}:pool:${m}`, minutes: 35 },
      { ledger: m, from: `${m}:${t.a.groupHex}`, to: `${m}:${t.b.groupHex}`, minutes: 35 },
      { ledger: t.b.groupHex, from: `${t.b.groupHex}:pool:${m}`, to: t.key("eve"), minutes: 35 },
    ]);
    expect(view.invalid).toContainEqual({ id: early.id, reason: `group ${t.a.groupHex} had not agreed to merge with ${t.b.groupHex} when this was signed` });
    const merged = view.merges?.[0];
    expect(merged?.id).toBe(m);
    expect(merged?.accounts).toContainEqual({ accounts: [`${t.a.groupHex}:pool:${m}`, `${t.b.groupHex}:pool:${m}`], balanceMinutes: 0 });
    expect(merged?.accounts.find((e) => e.accounts.includes(t.key("bob")))?.balanceMinutes).toBe(-35);
    expect(view.totals.sumMinutes).toBe(0);
  });

  it("for any subset of a merged pair's records, trade across the merge keeps every ledger and the merged group at zero", async () => {
    const t = await Town.create();
    const m = hexToBytes(mergedId([t.a.groupHex, t.b.groupHex].sort()));
    await t.a.write("ann", "group.merge", { group: t.b.groupId }, { head: true });
    await t.b.write("dan", "group.merge", { group: t.a.groupId }, { head: true });
    for (const [payer, payee, minutes] of [["bob", "eve", 35], ["fay", "cat", 20], ["cat", "eve", 5]] as const) await t.accept(await t.pay(payer, payee, minutes, { pool: m }));
    const envelopes = t.envelopes();
    const whole = await deriveLedger(envelopes); // the property below is not empty: the whole set trades across the merge
    expect(whole.merges?.length).toBeGreaterThan(0);
    expect(whole.poolExchanges?.filter((e) => e.status === "complete")).toHaveLength(3);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.subarray(envelopes), fc.subarray(envelopes, { minLength: envelopes.length - 4 })), async (subset) => {
        const view = await deriveLedger(subset);
        const sums = new Map<string, number>();
        for (const account of Object.values(view.accounts)) sums.set(account.group, (sums.get(account.group) ?? 0) + account.balanceMinutes);
        for (const [group, sum] of sums) expect(sum, group).toBe(0);
        for (const merged of view.merges ?? []) {
          expect(merged.sumMinutes).toBe(0);
          for (const entry of merged.accounts) if (entry.accounts.every((id) => id.includes(":pool:"))) expect(entry.balanceMinutes).toBe(0);
        }
      }),
      { numRuns: RUNS / 10 },
    );
  });

  it("a coordinator alone cannot merge a group: a member's group.merge is invalid", async () => {
    const attempt = await town.a.write("cat", "group.merge", { group: town.b.groupId });
    const view = await deriveLedger([...base, attempt.envelope]);
    expect(view.invalid).toContainEqual({ id: attempt.id, reason: "only a coordinator may write this record" });
  });

  it("never changes a balance, whatever merge and link records are present", async () => {
    const extras = [...merges, ...links, ...unmatched].map((r) => r.envelope);
    await fc.assert(
      fc.asyncProperty(fc.subarray(extras), async (chosen) => {
        const view = await deriveLedger([...base, ...chosen]);
        expect(balances(view)).toEqual(balances(baseView));
        for (const merged of view.merges ?? []) {
          expect(merged.sumMinutes).toBe(0);
          for (const entry of merged.accounts) {
            expect(entry.balanceMinutes).toBe(entry.accounts.reduce((sum, id) => sum + (baseView.accounts[id]?.balanceMinutes ?? 0), 0));
          }
        }
      }),
      { numRuns: RUNS / 20 },
    );
  });
});
