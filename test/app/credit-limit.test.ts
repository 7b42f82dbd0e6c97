// Credit limits before signing (PROTOCOL §7.4): a member is told before
// recording, confirming or giving anything that would take them past their
// limit, and the phone refuses it; a group may choose to warn only.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, inviteLink, openTab } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn } from "../support/phone-ledger.ts";
import { seriousViolations } from "../support/axe.ts";

const SYNC_MS = 30_000;
const GROUP = "Careful Credits";
const suite = appSuite();

async function newPhone(): Promise<Page> {
  return (await suite.browser.newContext()).newPage();
}

describe("credit limits", () => {
  it("warns before a spend past the limit and refuses it; a warn-only group records it, flagged", { timeout: 240_000 }, async () => {
    // A group whose members may go 2 hours below zero.
    const ann = await newPhone();
    await ann.goto(suite.relay.url);
    await ann.getByLabel("Group name").fill(GROUP);
    await ann.getByLabel("Your name").fill("Ann");
    await ann.getByLabel("How far a member may go below zero (hours)").fill("2");
    await ann.getByRole("button", { name: "Start the group" }).click();
    await ann.getByRole("heading", { name: GROUP }).waitFor();
    const groupHex = groupOf(ann);
    const ben = await newPhone();
    await ben.goto(await inviteLink(ann));
    await ben.getByLabel("Your name").fill("Ben");
    await ben.getByRole("button", { name: "Ask to join" }).click();
    await ann.getByRole("listitem").filter({ hasText: "Ben" }).getByRole("button", { name: "Approve" }).click({ timeout: SYNC_MS });
    await ben.getByRole("heading", { name: GROUP }).waitFor({ timeout: SYNC_MS });
    await expect.poll(() => balanceOf(ben, "Ben"), { timeout: SYNC_MS }).toBe("1 h"); // the joining bonus

    // Four hours would take Ben to −3 h: said before he records, and refused.
    const tooFar = "This would take your balance to −3 h, 1 h past your credit limit of −2 h.";
    await openTab(ben, "Record");
    await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await ben.getByLabel("What was done").fill("Cleared the gutters");
    await ben.getByLabel("How long (hours)").fill("4");
    await ben.getByRole("status").filter({ hasText: `${tooFar} The group does not allow going past the limit` }).waitFor();
    await ben.getByRole("button", { name: "Record it" }).click();
    await ben.getByRole("alert").filter({ hasText: `This was not recorded: ${tooFar}` }).waitFor();
    expect(await ben.getByLabel("What was done").inputValue()).toBe("Cleared the gutters");
    expect(await seriousViolations(ben)).toEqual([]); // the warning and the refusal read well
    // Helping someone is no spend of Ben's: no warning.
    await ben.getByLabel("I helped someone").check();
    expect(await ben.getByRole("status").filter({ hasText: tooFar }).count()).toBe(0);
    await ben.getByLabel("Someone helped me").check();

    // Three hours takes him exactly to his limit: allowed. It is promised until Ann confirms.
    await ben.getByLabel("How long (hours)").fill("3");
    expect(await ben.getByRole("status").filter({ hasText: "past your credit limit" }).count()).toBe(0);
    await ben.getByRole("button", { name: "Record it" }).click();
    await ben.getByRole("status").filter({ hasText: "Recorded. It counts once the other member confirms it." }).waitFor();

    // A gift now would cross it (the three hours promised count), and so would confirming Ann's record of helping him.
    await ben.getByLabel("How much (hours)").fill("0.5");
    const giftTooFar = "This would take your balance to −2:30 h, 0:30 h past your credit limit of −2 h.";
    await ben.getByRole("status").filter({ hasText: giftTooFar }).waitFor();
    await ben.getByRole("button", { name: "Give" }).click();
    await ben.getByRole("alert").filter({ hasText: `This was not recorded: ${giftTooFar}` }).waitFor();
    await openTab(ann, "Record");
    await ann.getByLabel("I helped someone").check();
    await ann.getByLabel("Who you helped").selectOption({ label: "Ben" });
    await ann.getByLabel("How long (hours)").fill("1");
    await ann.getByLabel("What was done").fill("Walked the dog");
    await ann.getByRole("button", { name: "Record it" }).click();
    await ann.getByRole("status").filter({ hasText: "Recorded." }).waitFor();
    const toConfirm = ben.getByRole("region", { name: "Waiting for you to confirm" });
    await toConfirm.getByRole("status").filter({ hasText: "This would take your balance to −3 h, 1 h past your credit limit of −2 h." }).waitFor({ timeout: SYNC_MS });
    await toConfirm.getByRole("button", { name: "Confirm" }).click();
    await toConfirm.getByRole("alert").filter({ hasText: "This was not recorded: This would take your balance to −3 h" }).waitFor();

    // The coordinator makes the group warn only: the same spends are said, then recorded.
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Group settings" }).click();
    await ann.getByLabel("Their phone warns them, and records it if they go on").check();
    await ann.getByRole("button", { name: "Save the settings" }).click();
    await ann.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await toConfirm.getByRole("status").filter({ hasText: "The group allows it, but the account will show as over its limit." }).waitFor({ timeout: SYNC_MS });
    await toConfirm.getByRole("button", { name: "Confirm" }).click();
    await ben.getByRole("status").filter({ hasText: "Confirmed. It counts now." }).waitFor();
    await ben.getByRole("region", { name: "Give credits" }).getByRole("status").filter({ hasText: "The group allows it" }).waitFor();
    await ben.getByRole("button", { name: "Give" }).click();
    await ben.getByRole("status").filter({ hasText: "Given. Thank you." }).waitFor();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });

    // 1 h − 3 h − 1 h − 0.5 h: past the limit, flagged on both phones, and every record counts.
    for (const page of [ann, ben]) await expect.poll(() => balanceOf(page, "Ben"), { timeout: SYNC_MS }).toBe("−3:30 h (over limit)");
    await ben.getByText("over your limit").waitFor();
    await expect.poll(async () => (await ledgerOn(ann, groupHex)).kinds.donation, { timeout: SYNC_MS }).toBe(1);
    const { view, kinds } = await ledgerOn(ann, groupHex);
    expect(view.invalid).toEqual([]);
    expect(kinds["exchange.propose"]).toBe(2); // the refused four hours were never signed
    expect(view.flags.map((f) => [view.accounts[f.account]?.name, f.balanceMinutes, f.creditLimitMinutes])).toEqual([["Ben", -210, 120]]);
  });
});
