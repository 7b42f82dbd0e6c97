// Two tabs of the app on one phone share the member's device key. Posting as
// fast as a person can in both, double-clicking every button, must never make
// two records at one place in the device's chain: a second member's phone
// ends with every record counting and nothing frozen.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const suite = appSuite();
const PER_TAB = 50;

async function postMany(page: Page, prefix: string): Promise<void> {
  await openTab(page, "Offers & requests");
  const what = page.getByLabel("What", { exact: true });
  for (let i = 0; i < PER_TAB; i++) {
    await what.fill(`${prefix} ${i}`);
    await page.getByRole("button", { name: "Post it" }).dblclick();
    await expect.poll(() => what.inputValue(), { timeout: 20_000 }).toBe(""); // the form clears once the offer is kept
  }
}

async function titles(page: Page): Promise<string[]> {
  await openTab(page, "Offers & requests");
  return page.locator("ul.listings .listing-title").allTextContents();
}

describe("two tabs of one member", () => {
  it("post 50 offers each, double-clicking, and every one counts on another member's phone", { timeout: 300_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Two Tabs Club", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Two Tabs Club", "Sam");
    const second = await ann.context().newPage();
    await second.goto(ann.url());
    await second.getByRole("heading", { name: "Two Tabs Club" }).waitFor();

    await Promise.all([postMany(ann, "Left"), postMany(second, "Right")]);

    const expected = ["Left", "Right"].flatMap((side) => Array.from({ length: PER_TAB }, (_, i) => `${side} ${i}`));
    expected.sort();
    await expect.poll(async () => (await titles(sam)).sort(), { timeout: 60_000 }).toEqual(expected); // each once: a double click posts once
    for (const page of [sam, ann, second]) {
      await openTab(page, "Home");
      expect(await page.getByRole("heading", { name: "Records that do not count" }).count()).toBe(0);
    }
  });
});
