// The app in a real Chromium against a real relay: a coordinator starts a
// group, a member joins through the invite link in a second browser, the
// coordinator approves, the member records help received, the coordinator
// confirms, and both screens show the same balances.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { balanceOf, openTab } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const suite = appSuite();

describe("the app", () => {
  it("a coordinator starts a group, a member joins by invite, and an exchange is proposed and confirmed; offline, the app still opens and records", { timeout: 120_000 }, async () => {
    const ann = await (await suite.browser.newContext()).newPage();
    await ann.goto(suite.relay.url);
    await ann.getByLabel("Group name").fill("St Nicholas Wombles");
    await ann.getByLabel("Your name").fill("Ann");
    await ann.getByRole("button", { name: "Start the group" }).click();
    await ann.getByRole("heading", { name: "St Nicholas Wombles" }).waitFor();
    await ann.getByText("Synced with the relay").waitFor({ timeout: 20_000 });
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Make an invite link" }).click();
    const link = await ann.getByLabel("Invite link (valid 14 days)").inputValue();
    expect(link).toContain("#/join/");

    const sam = await (await suite.browser.newContext()).newPage();
    await sam.goto(link);
    await sam.getByLabel("Your name").fill("Sam");
    await sam.getByRole("button", { name: "Ask to join" }).click();
    await sam.getByText("Your request to join has been sent").waitFor();

    await ann.getByRole("listitem").filter({ hasText: "Sam" }).getByRole("button", { name: "Approve" }).click({ timeout: 20_000 });
    await sam.getByRole("heading", { name: "St Nicholas Wombles" }).waitFor({ timeout: 20_000 });

    // Sam offers something; Ann sees it.
    await openTab(sam, "Offers & requests");
    await sam.getByLabel("I can offer").check();
    await sam.getByLabel("What", { exact: true }).fill("Bike repairs");
    await sam.getByLabel("Category").selectOption("Repairs");
    await sam.getByRole("button", { name: "Post it" }).click();
    await openTab(ann, "Offers & requests");
    await ann.getByText("Bike repairs").waitFor({ timeout: 20_000 });
    expect(await ann.getByRole("listitem").filter({ hasText: "Bike repairs" }).textContent()).toContain("Sam");

    await openTab(sam, "Record");
    await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await sam.getByLabel("How long (hours)").fill("1.5");
    await sam.getByLabel("What was done").fill("Weeding the community garden");
    await sam.getByRole("button", { name: "Record it" }).click();
    await sam.getByText("Recorded. It counts once the other member confirms it.").waitFor();

    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    // Opening the invite again on a device already in the group must not make a second certificate.
    await sam.goto(link);
    await sam.getByText("You are already in this group").waitFor();
    await sam.getByRole("link", { name: "Open it" }).click();
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: 20_000 }).toBe("1:30 h");
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("−0:30 h");
    }

    // In the park with no signal: the app shell comes from the service worker, the group from IndexedDB.
    await sam.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await sam.context().setOffline(true);
    await sam.reload();
    await sam.getByRole("heading", { name: "St Nicholas Wombles" }).waitFor({ timeout: 20_000 });
    await sam.getByText("Offline — changes are kept and sent later").waitFor({ timeout: 20_000 });
    await openTab(sam, "Record");
    await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await sam.getByLabel("How long (hours)").fill("1");
    await sam.getByLabel("What was done").fill("Litter pick by the pond");
    await sam.getByRole("button", { name: "Record it" }).click();
    await sam.getByText("Recorded. It counts once the other member confirms it.").waitFor();
    await sam.getByRole("status").filter({ hasText: "1 record waiting to sync" }).waitFor();
    await sam.reload(); // the count is kept with the records
    await sam.getByRole("status").filter({ hasText: "1 record waiting to sync" }).waitFor({ timeout: 20_000 });
    await sam.context().setOffline(false);
    await sam.getByRole("status").filter({ hasText: "Synced with the relay" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => sam.getByText(/waiting to sync/).count(), { timeout: 30_000 }).toBe(0);
    // Back online, it reaches the coordinator without anyone reloading.
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: 30_000 });
    for (const page of [ann, sam]) await expect.poll(() => balanceOf(page, "Sam"), { timeout: 30_000 }).toBe("−1:30 h");

    // The provider can start too: Ann records that she helped Sam; it waits for Sam.
    await openTab(ann, "Record");
    await ann.getByLabel("I helped someone").check();
    await ann.getByLabel("Who you helped").selectOption({ label: "Sam" });
    await ann.getByLabel("How long (hours)").fill("0.5");
    await ann.getByLabel("What was done").fill("Fixed a puncture");
    await ann.getByRole("button", { name: "Record it" }).click();
    await ann.getByText("waiting for Sam to confirm").waitFor({ timeout: 20_000 });
    await openTab(sam, "Home");
    await sam.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    // And a gift to the group's pot.
    await openTab(sam, "Record");
    await sam.getByLabel("How much (hours)").fill("0.25");
    await sam.getByRole("button", { name: "Give" }).click();
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 30_000 }).toBe("−2:15 h");
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: 30_000 }).toBe("3 h");
    }

    // Sam's own history: every movement that changed his balance.
    await openTab(sam, "Me");
    await sam.getByRole("link", { name: "My history and statement" }).click();
    await sam.getByRole("heading", { name: "Statement for Sam" }).waitFor();
    expect(await sam.locator("tbody tr").count()).toBe(5); // joining bonus, three exchanges, one gift
    await sam.goBack();

    // The coordinator's numbers, and the balances as a spreadsheet.
    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "The group's numbers and CSV export" }).click();
    const figure = (label: string) => ann.locator(".figures div", { hasText: label }).locator("dd").textContent();
    expect(await figure("Members")).toBe("2");
    expect(await figure("Active in the last 30 days")).toBe("2");
    expect(await figure("Hours exchanged")).toBe("3 h");
    const [download] = await Promise.all([ann.waitForEvent("download"), ann.getByRole("link", { name: "Balances (CSV)" }).click()]);
    const csv = readFileSync((await download.path()) as string, "utf8");
    expect(csv).toContain('"Sam","member","active","-2.25","-135"');
  });
});
