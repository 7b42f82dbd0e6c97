// Member profiles and the social CV: a member fills in their profile and the
// other member reads it; a coordinator fills in a proxy member's; after an
// exchange, each one's social CV shows the hours in the right rows, and it
// prints without the app around it.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { inviteLink, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");
const suite = appSuite();

beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/** The cells of the table row whose header (or first cell) is `name`, in the section headed `section`. */
async function rowOf(page: Page, section: string, name: string): Promise<string[]> {
  const table = page.getByRole("region", { name: section }).getByRole("table");
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  return (await row.getByRole("cell").allInnerTexts()).map((s) => s.trim());
}

/** Opens a member's profile from the members table (waiting for them to arrive by sync). */
async function openMember(page: Page, name: string): Promise<void> {
  await openTab(page, "Members");
  await page.getByRole("region", { name: "Members" }).getByRole("link", { name, exact: true }).click({ timeout: 20_000 });
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

describe("profiles and the social CV", () => {
  it("a member edits their profile, the other member reads it, and after an exchange both social CVs show the hours", { timeout: 150_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Garden Share", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Garden Share", "Sam");

    // Sam fills in his profile from the members table.
    await openMember(sam, "Sam");
    await sam.getByRole("textbox", { name: "Skills", exact: true }).fill("Bike repairs, baking");
    await sam.getByRole("textbox", { name: "About you", exact: true }).fill("Retired mechanic; weekends are best.");
    await sam.getByRole("textbox", { name: "How to contact you", exact: true }).fill("Phone 07700 900456");
    await sam.getByRole("button", { name: "Save profile" }).click();
    await sam.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await sam.getByText("Bike repairs, baking").first().waitFor();

    // Ann, another member, sees it, and cannot change it.
    await openMember(ann, "Sam");
    await ann.getByText("Phone 07700 900456").waitFor({ timeout: 20_000 });
    await ann.getByText("Bike repairs, baking").waitFor();
    await ann.getByText("Retired mechanic; weekends are best.").waitFor();
    expect(await ann.getByRole("button", { name: "Save profile" }).count()).toBe(0);

    // A coordinator keeps a proxy member's profile; Sam reads it.
    await ann.getByRole("link", { name: "Back to Garden Share" }).click();
    await openTab(ann, "Coordinate");
    await ann.getByLabel("Their name").fill("Mrs Patel");
    await ann.getByRole("button", { name: "Add member" }).click();
    await openMember(ann, "Mrs Patel");
    await ann.getByRole("textbox", { name: "Skills they offer", exact: true }).fill("Knitting lessons");
    await ann.getByRole("button", { name: "Save profile" }).click();
    await ann.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await sam.getByRole("link", { name: "Back to Garden Share" }).click();
    await openMember(sam, "Mrs Patel");
    await sam.getByText("Knitting lessons").waitFor({ timeout: 20_000 });
    await sam.getByRole("link", { name: "Back to Garden Share" }).click();

    // Sam helps Ann for two hours; Ann confirms.
    await openTab(sam, "Record");
    await sam.getByLabel("I helped someone").check();
    await sam.getByLabel("Who you helped").selectOption({ label: "Ann" });
    await sam.getByLabel("How long (hours)").fill("2");
    await sam.getByLabel("What was done").fill("Fixed her bike");
    await sam.getByLabel("Type of help given").selectOption("Repairs");
    await sam.getByRole("button", { name: "Record it" }).click();
    await ann.getByRole("link", { name: "Back to Garden Share" }).click();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });

    // Sam's social CV: two hours given, under "Repairs" and "Individuals".
    await openTab(sam, "Me");
    await sam.getByRole("link", { name: "My social CV" }).click();
    await sam.getByRole("heading", { name: "Social CV: Sam" }).waitFor();
    await expect.poll(() => rowOf(sam, "Hours by category", "Repairs"), { timeout: 20_000 }).toEqual(["2 h", "0 h"]);
    expect(await rowOf(sam, "Hours by organisation", "Individuals")).toEqual(["2 h", "0 h"]);
    await sam.getByText("Bike repairs, baking").waitFor();
    const history = sam.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: "Fixed her bike" });
    expect(await history.innerText()).toMatch(/Fixed her bike\s+Ann\s+2 h/);

    // Ann's: the same two hours, received.
    await openTab(ann, "Me");
    await ann.getByRole("link", { name: "My social CV" }).click();
    await ann.getByRole("heading", { name: "Social CV: Ann" }).waitFor();
    await expect.poll(() => rowOf(ann, "Hours by category", "Repairs"), { timeout: 20_000 }).toEqual(["0 h", "2 h"]);

    // It prints: a print button, and on paper no app header and no buttons.
    const print = sam.getByRole("button", { name: "Print" });
    expect(await print.isVisible()).toBe(true);
    await sam.emulateMedia({ media: "print" });
    expect(await sam.locator("header").isVisible()).toBe(false);
    expect(await print.isVisible()).toBe(false);
    expect(await sam.getByRole("heading", { name: "Social CV: Sam" }).isVisible()).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await sam.screenshot({ path: resolve(SCREENSHOTS, "social-cv-print.png"), fullPage: true });
    expect(await sam.locator("article.cv").evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor])).toEqual([
      "rgb(0, 0, 0)",
      "rgb(255, 255, 255)",
    ]);
  });

  it("an organisation joins as one, and hours given to it show under its name in a volunteer's social CV", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Canal Side", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Canal Side", "Sam");
    const trust = await (await suite.browser.newContext()).newPage();
    await trust.goto(await inviteLink(ann));
    await trust.getByLabel("An organisation").check();
    await trust.getByLabel("Its name").fill("Canal Trust");
    await trust.getByLabel("A few words for the coordinator (optional)").fill("We run the Saturday clean-ups");
    await trust.getByRole("button", { name: "Ask to join" }).click();
    const request = ann.getByRole("listitem").filter({ hasText: "Canal Trust" });
    await request.getByText("(An organisation").waitFor({ timeout: 20_000 });
    await request.getByText("We run the Saturday clean-ups").waitFor();
    await request.getByRole("button", { name: "Approve" }).click();
    await trust.getByRole("heading", { name: "Canal Side" }).waitFor({ timeout: 20_000 });

    await openTab(trust, "Record");
    await trust.getByLabel("Who helped you").selectOption({ label: "Sam" });
    await trust.getByLabel("How long (hours)").fill("3");
    await trust.getByLabel("What was done").fill("Towpath clean-up");
    await trust.getByLabel("Type of help given").selectOption("Litter picking");
    await trust.getByRole("button", { name: "Record it" }).click();
    await openTab(sam, "Home");
    await sam.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });

    await openTab(sam, "Me");
    await sam.getByRole("link", { name: "My social CV" }).click();
    await expect.poll(() => rowOf(sam, "Hours by organisation", "Canal Trust"), { timeout: 20_000 }).toEqual(["3 h", "0 h"]);
    expect(await rowOf(sam, "Hours by category", "Litter picking")).toEqual(["3 h", "0 h"]);
  });
});
