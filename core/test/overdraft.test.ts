// The overdraft setting (PROTOCOL.md §6 group.settings, §7.4): a device asks
// checkSpend before it signs a spend; the group chooses refuse (default) or
// warn; the ledger itself still records every overspend and flags it.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, checkSpend, confirmationSpendMinutes, deriveLedger, DeviceAuthor, Ledger, type LedgerView, type SignedRecord } from "../src/index.ts";
import { signUnchecked, smallGroup, withBody } from "./support.ts";

type Group = Awaited<ReturnType<typeof smallGroup>>;
let g: Group;
let base: SignedRecord[];
let view: LedgerView;

beforeAll(async () => {
  // Limit 120 minutes; Bob has given 90 of them away, and signed a 20-minute exchange Cat has not confirmed.
  g = await smallGroup(["ann", "bob", "cat"], { creditLimitMinutes: 120 });
  const [, bob, cat] = g.people;
  const gift = await bob!.author.write("donation", { to: cat!.account, minutes: 90 }, { deps: [g.head()] });
  const promise = await bob!.author.write("exchange.propose", { payer: bob!.account, payees: [{ account: cat!.account, minutes: 20 }], description: "Lift" });
  base = [...g.records, gift, promise];
  view = await deriveLedger(base.map((r) => r.envelope));
});

describe("checkSpend", () => {
  it("counts the balance, the signed but unmoved legs and the spend against the limit", () => {
    const bob = g.people[1]!.key;
    expect(view.groups[g.groupHex]!.settings.overdraft).toBe("refuse");
    expect(checkSpend(view, bob, 10)).toEqual({
      balanceMinutes: -90,
      promisedMinutes: 20,
      creditLimitMinutes: 120,
      afterMinutes: -120,
      crosses: false,
      overByMinutes: 0,
      policy: "refuse",
      allowed: true,
    });
    const over = checkSpend(view, bob, 11);
    expect([over.crosses, over.overByMinutes, over.allowed]).toEqual([true, 1, false]);
  });

  it("is never crossed by the group account, and agrees with the ledger's own flag", async () => {
    expect(checkSpend(view, g.groupKey, 60_000).crosses).toBe(false);
    const [, bob, cat] = g.people;
    const ledger = await Ledger.derive(base.map((r) => r.envelope));
    const catHead = ledger.chainHead(g.groupHex, bytesToHex(cat!.author.signer.publicKey));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (minutes) => {
        const check = checkSpend(view, cat!.key, minutes);
        // Each run signs a different next record of Cat's chain, from the same head.
        const gift = await new DeviceAuthor(cat!.author.signer, g.groupId, catHead).write("donation", { to: bob!.account, minutes }, { deps: [g.head()] });
        const after = await deriveLedger([...base, gift].map((r) => r.envelope));
        // Cat has received 90 and is owed 20: a crossing spend is exactly one the ledger flags.
        expect(after.accounts[cat!.key]!.overdrawn).toBe(check.crosses);
        expect(after.accounts[cat!.key]!.balanceMinutes).toBe(check.afterMinutes + check.promisedMinutes);
      }),
      { numRuns: 15 },
    );
  });

  it("a confirmation as payer spends the legs waiting for the payer; as payee it spends nothing", async () => {
    const [, bob, cat] = g.people;
    const ask = await cat!.author.write("exchange.propose", { payer: bob!.account, payees: [{ account: cat!.account, minutes: 45 }], description: "Ironing" }, { deps: [g.head()] });
    const asked = await deriveLedger([...base, ask].map((r) => r.envelope));
    expect(confirmationSpendMinutes(asked, ask.id, bob!.key)).toBe(45);
    expect(confirmationSpendMinutes(asked, ask.id, cat!.key)).toBe(0);
    expect(checkSpend(asked, bob!.key, 45).overByMinutes).toBe(35);
  });

  it("with overdraft: warn the spend crosses but is allowed; the setting is refused with any other value", async () => {
    const [ann, bob] = g.people;
    const warn = await ann!.author.write("group.settings", { overdraft: "warn" }, { deps: [g.head()] });
    // The same chain position, signed by hand with a value no honest device writes.
    const wrong = await signUnchecked(ann!.author.signer, withBody(warn, { overdraft: "ignore" }));
    const after = await deriveLedger([...base.map((r) => r.envelope), warn.envelope, wrong.envelope]);
    expect(after.groups[g.groupHex]!.settings.overdraft).toBe("warn");
    expect(after.invalid.find((i) => i.id === wrong.id)?.reason).toBe("overdraft must be one of refuse, warn");
    const check = checkSpend(after, bob!.key, 200);
    expect([check.crosses, check.policy, check.allowed]).toEqual([true, "warn", true]);
  });
});
