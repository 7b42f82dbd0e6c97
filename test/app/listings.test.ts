// Offers and requests people can find, that end on time or when closed, and a
// work party recorded once for everyone who helped.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const suite = appSuite();

async function post(page: Page, type: "I can offer" | "I need" | "An event everyone can join", title: string, details: string, category: string, lifetime: string) {
  await openTab(page, "Offers & requests");
  await page.getByLabel(type).check();
  await page.getByLabel("What", { exact: true }).fill(title);
  await page.getByLabel("Details (optional)").fill(details);
  await page.getByRole("combobox", { name: /^Category/ }).selectOption(category);
  await page.getByLabel("Show it for").selectOption({ label: lifetime });
  await page.getByRole("button", { name: "Post it" }).click();
}

/** Titles of the listings shown, in alphabetical order. */
async function listed(page: Page): Promise<string[]> {
  await openTab(page, "Offers & requests");
  return (await page.locator("ul.listings .listing-title").allTextContents()).sort();
}

describe("offers, requests and work parties", () => {
  it("finds listings by words and kind of help, closes your own, hides expired ones", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Allotment Friends", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Allotment Friends", "Sam");
    await post(sam, "I can offer", "Bike repairs", "Punctures and brakes", "Repairs", "30 days");
    await post(sam, "I need", "Lift to the station", "Tuesday mornings", "Lifts", "7 days");
    await post(ann, "I can offer", "Jam making", "Bring your own jars", "Cooking", "Until I close it");
    await post(ann, "An event everyone can join", "Pond clean-up", "Saturday 10am, gloves provided", "Gardening", "7 days");

    await expect.poll(() => listed(ann), { timeout: 20_000 }).toEqual(["Bike repairs", "Jam making", "Lift to the station", "Pond clean-up"]);
    expect(await sam.getByRole("listitem").filter({ hasText: "Pond clean-up" }).textContent()).toMatch(/^Event: Pond clean-up/);
    await ann.getByLabel("Search offers and requests").fill("brakes");
    expect(await listed(ann)).toEqual(["Bike repairs"]);
    await ann.getByLabel("Search offers and requests").fill("sam station");
    expect(await listed(ann)).toEqual(["Lift to the station"]);
    await ann.getByLabel("Search offers and requests").fill("");
    await ann.getByLabel("Filter by kind of help").selectOption("Cooking");
    expect(await listed(ann)).toEqual(["Jam making"]);
    await ann.getByLabel("Filter by kind of help").selectOption("Befriending");
    await ann.getByText("Nothing matches").waitFor();
    await ann.getByLabel("Filter by kind of help").selectOption({ label: "All categories" });

    // Only the poster can close a listing; it goes from everyone's list.
    expect(await ann.getByRole("button", { name: "Close “Bike repairs”" }).count()).toBe(0);
    await sam.getByRole("button", { name: "Close “Bike repairs”" }).click();
    await expect.poll(() => listed(ann), { timeout: 20_000 }).not.toContain("Bike repairs");

    // Eight days on, the week-long request has ended; the open-ended offer has not.
    await ann.clock.setFixedTime(Date.now() + 8 * 86_400_000);
    await ann.reload();
    await expect.poll(() => listed(ann), { timeout: 20_000 }).toEqual(["Jam making"]);
  });

  it("records a work party once: every helper gets the same hours when they confirm", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "River Wardens", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "River Wardens", "Sam");
    const kim = await joinAndApprove(suite.browser, ann, "River Wardens", "Kim");

    await openTab(ann, "Record");
    await ann.getByLabel("Who helped you").selectOption({ label: "Sam" });
    await ann.getByRole("group", { name: "Others who helped too" }).getByLabel("Kim").check();
    await ann.getByLabel("How long (hours)").fill("2");
    await ann.getByLabel("What was done").fill("Clearing the towpath");
    await ann.getByRole("button", { name: "Record it" }).click();
    await ann.getByText(/Waiting for (Sam, Kim|Kim, Sam) to confirm/).waitFor({ timeout: 20_000 });
    await ann.getByText(/(Sam, Kim|Kim, Sam) helped Ann: 4 h in all: “Clearing the towpath”/).waitFor();

    for (const page of [sam, kim]) {
      await openTab(page, "Home");
      await page.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    }
    for (const page of [ann, sam, kim]) {
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: 20_000 }).toBe("−4 h");
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("3 h");
      await expect.poll(() => balanceOf(page, "Kim"), { timeout: 20_000 }).toBe("3 h");
    }
  });
});
