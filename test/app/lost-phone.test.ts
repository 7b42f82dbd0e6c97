// Lost and stolen phones, as a member and a coordinator would handle them:
// a member removes their lost second phone from "Your account"; a member who
// lost their only phone and their recovery code gets their account moved to
// a new phone by a coordinator, with the steps on screen, and goes on with
// the same balance.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Ledger } from "@tally/core";
import { balanceOf, joinAndApprove, startGroup, openTab } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn, recordsOn } from "../support/phone-ledger.ts";
import { screens } from "../support/pot-screens.ts";
import { offer } from "../support/town-flows.ts";

const suite = appSuite();

async function newPhone(): Promise<Page> {
  return (await suite.browser.newContext()).newPage();
}

const devices = (page: Page) => page.getByRole("region", { name: "Your phones and computers" });

describe("lost and stolen phones", () => {
  it("lists the phones of my account, says which is this one, and removes a lost one so nothing it signs counts", { timeout: 180_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Brook Wardens", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Brook Wardens", "Sam");
    const groupHex = groupOf(sam);
    await sam.getByRole("link", { name: "Your account" }).click();
    await sam.getByRole("button", { name: "Show a code for my other phone" }).click();
    const link = await sam.getByLabel("Address for your other phone").inputValue();
    const second = await newPhone();
    await second.goto(link);
    await second.getByRole("button", { name: "Use my account here" }).click();
    await second.getByRole("heading", { name: "Brook Wardens" }).waitFor({ timeout: 20_000 });
    // The second phone posts an offer: signed with its town chain key, a second key of the phone.
    await offer(second, "Hedge trimming", "Gardening");
    await second.getByRole("link", { name: "Your account" }).click();

    // Each phone names itself "This phone" and the other by its key: the same label on both.
    // The other's town chain key is shown as part of it, not as a phone of its own.
    const other = devices(sam).getByRole("listitem").filter({ hasText: "Another phone or computer" });
    await other.getByText(/with a second key, [0-9A-F]{4}-[0-9A-F]{4}\./).waitFor({ timeout: 30_000 });
    expect(await devices(sam).getByRole("listitem").count()).toBe(2);
    const label = /\(key ([0-9A-F]{4}-[0-9A-F]{4})\)/.exec((await other.textContent()) ?? "")?.[1] as string;
    const townLabel = /with a second key, ([0-9A-F]{4}-[0-9A-F]{4})\./.exec((await other.textContent()) ?? "")?.[1] as string;
    expect(label).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(townLabel).not.toBe(label);
    await devices(second).getByRole("listitem").filter({ hasText: "This phone" }).filter({ hasText: `(key ${label})` }).waitFor({ timeout: 30_000 });
    expect(await devices(sam).getByRole("listitem").filter({ hasText: "This phone" }).getByRole("button").count()).toBe(0);
    await screens(sam, "pot-devices", devices(sam));

    await other.getByRole("button", { name: `Remove phone ${label}` }).click();
    await other.getByText("If it was stolen, also ask a coordinator").waitFor();
    await other.getByRole("button", { name: `Yes, remove phone ${label}` }).click();
    await other.getByText("Removed: nothing it does counts any more.").waitFor({ timeout: 20_000 });

    // Every phone of the group derives the same: the second phone and its town chain (certificate, offer) are revoked from their next record on.
    await expect
      .poll(async () => {
        const ledger = await Ledger.derive(await recordsOn(ann, groupHex));
        const revokedFrom = (shown: string) => ledger.devices(groupHex).find((d) => d.device.toUpperCase().startsWith(shown.replace("-", "")))?.revokedFrom;
        return [revokedFrom(label), revokedFrom(townLabel)];
      }, { timeout: 30_000 })
      .toEqual([1, 2]);
    const { view } = await ledgerOn(ann, groupHex);
    expect(view.totals.invalid).toBe(0);
  });

  it("a coordinator checks who a member is and moves their account to their new phone, which goes on with the same balance", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Meadow Keepers", "Ann");
    const kim = await joinAndApprove(suite.browser, ann, "Meadow Keepers", "Kim");
    const groupHex = groupOf(kim);
    await openTab(kim, "Record");
    await kim.getByLabel("How much (hours)").fill("0.5");
    await kim.getByRole("button", { name: "Give" }).click(); // Kim's history before the loss: half an hour to the pot
    await expect.poll(() => balanceOf(ann, "Kim"), { timeout: 20_000 }).toBe("0:30 h");
    await offer(kim, "Dog walking", "Other"); // on her phone's town chain, a second key the coordinator removes with the phone
    await expect.poll(async () => (await ledgerOn(ann, groupHex)).kinds["listing.create"], { timeout: 20_000 }).toBe(1);

    // Kim's phone is gone, and her recovery code with it. A new phone shows its key.
    const fresh = await newPhone();
    await fresh.goto(suite.relay.url);
    await fresh.getByRole("link", { name: /Restore your account/ }).click();
    await fresh.getByRole("link", { name: "No recovery code? A coordinator can move your account to this phone." }).click();
    const move = fresh.getByRole("region", { name: "Lost your phone and your recovery code?" });
    await move.getByRole("button", { name: "My coordinator has moved my account" }).click();
    await move.getByRole("alert").getByText("Your account has not been moved to this phone yet.").waitFor({ timeout: 20_000 });
    await move.getByRole("button", { name: "Show this phone's key" }).click();
    const key = (await move.getByTestId("phone-key").textContent()) ?? "";
    expect(key).toMatch(/^([0-9A-F]{4} ){16}[0-9A-F]{4}$/);
    await screens(fresh, "pot-move-here", move);

    // The coordinator follows the steps on screen.
    await openTab(ann, "Coordinate");
    const recover = ann.getByRole("region", { name: "Move a member's account to a new phone" });
    await recover.getByText("Check who they are: meet them, or call them back on a number you already had for them.").waitFor();
    await recover.getByLabel("Whose account").selectOption({ label: "Kim" });
    await recover.getByLabel("The key shown on their new phone").fill("1234 5678");
    await recover.getByLabel("How you checked who they are").fill("Met at the library; checked her bus pass");
    await recover.getByRole("button", { name: "Move the account" }).click();
    await recover.getByRole("alert").getByText("That is not a phone's key").waitFor();
    await recover.getByLabel("The key shown on their new phone").fill(key.toLowerCase());
    await screens(ann, "pot-recover-member", recover);
    await recover.getByRole("button", { name: "Move the account" }).click();
    await recover.getByText("Kim's account is moved to the new key, and 1 old phone is removed.").waitFor({ timeout: 20_000 });

    await move.getByRole("button", { name: "My coordinator has moved my account" }).click();
    await fresh.getByRole("link", { name: /^(Your group|Meadow Keepers)$/ }).click({ timeout: 30_000 }); // its name comes with its records
    await fresh.getByRole("heading", { name: "Meadow Keepers" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => balanceOf(fresh, "Kim"), { timeout: 30_000 }).toBe("0:30 h");

    // The new phone acts for Kim's account: her gift from it shows on the coordinator's phone.
    await openTab(fresh, "Record");
    await fresh.getByLabel("How much (hours)").fill("0.5");
    await fresh.getByRole("button", { name: "Give" }).click();
    await expect.poll(() => balanceOf(ann, "Kim"), { timeout: 30_000 }).toBe("0 h");
    const { view, kinds } = await ledgerOn(ann, groupHex);
    expect(kinds["member.recover"]).toBe(1);
    expect(kinds["device.revoke"]).toBe(2); // her old phone and its town chain
    expect(view.totals.invalid).toBe(0);

    // Her new phone lists itself as her only working phone; the old one is removed.
    await fresh.getByRole("link", { name: "Your account", exact: true }).click();
    await devices(fresh).getByRole("listitem").filter({ hasText: "This phone" }).waitFor({ timeout: 20_000 });
  });
});
