// Every screen of the app, in every language, on a 360 px phone and a 1280 px
// desktop: no page wider than the screen, every tap target at least 44 px
// high, no serious or critical axe violations; each one photographed into
// test-output/screenshots/ for people to look at. The coordinator's tools are
// visited with every disclosure open, as those made pages too wide before.
// Screens are reached by their addresses and by structure, never by their
// words, so a language is one more entry in LANGUAGES.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { inviteLink, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { seriousViolations } from "../support/axe.ts";
import { groupOf } from "../support/phone-ledger.ts";

/** The app's languages; a language's translation adds itself here. */
const LANGUAGES = ["en", "ur", "pl"];
const WIDTHS_PX = [360, 1280] as const;
const HEIGHT_PX = 800;
/** The smallest tap target people can hit reliably (WCAG 2.5.5, and Apple's and Google's guides). */
const MIN_TARGET_PX = 44;
const SYNC_MS = 30_000;
const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");
// Long names, as real groups have them: the screens must wrap them, not widen.
const GROUP = "St Nicholas Community Litter Pickers and Friends";
const LONG_NAME = "Bartholomew Featherstonehaugh-Worthington";
const LONG_WORDS = "Carried thirty-two bags of garden waste from the allotments to the recycling centre on the far side of town";
const suite = appSuite();

beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

interface Screen {
  name: string;
  /** The address, after the origin. */
  path: string;
  /** What is done on the screen before it is checked (opening every disclosure). */
  prepare?: (page: Page) => Promise<void>;
}

/** Opens every closed disclosure on the page, and chooses the first entry of each list it shows. */
async function openEverything(page: Page): Promise<void> {
  const closed = page.locator('button[aria-expanded="false"]');
  while ((await closed.count()) > 0) await closed.first().click();
  const selects = page.locator(".coordinator .tool select");
  for (let i = 0; i < (await selects.count()); i++) {
    const select = selects.nth(i);
    const values = await select.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    if (values[0]) await select.selectOption(values[0]);
  }
}

/** What is wrong with the screen as shown: too wide, tap targets too small. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((minPx) => {
    const problems: string[] = [];
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    if (scrollWidth > window.innerWidth) problems.push(`the page is ${scrollWidth} px wide on a ${window.innerWidth} px screen`);
    const visible = (e: Element) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
    };
    /** A link inside a sentence is text, not a target of its own (WCAG 2.5.8's exception). */
    const inSentence = (a: Element) => getComputedStyle(a).display === "inline" && (a.parentElement?.textContent ?? "").trim() !== (a.textContent ?? "").trim();
    for (const e of Array.from(document.querySelectorAll("a[href], button, input, select, textarea"))) {
      if (!visible(e) || (e.tagName === "A" && inSentence(e))) continue;
      // A radio button or a checkbox is tapped by its label.
      const box = e instanceof HTMLInputElement && (e.type === "radio" || e.type === "checkbox") ? e.closest("label") ?? e : e;
      const heightPx = box.getBoundingClientRect().height;
      if (heightPx < minPx - 0.5) problems.push(`${e.tagName.toLowerCase()} “${(e.textContent || e.getAttribute("aria-label") || (e as HTMLInputElement).value || "").trim().slice(0, 40)}” is ${Math.round(heightPx)} px high`);
    }
    return problems;
  }, MIN_TARGET_PX);
}

/** Visits a screen at each width; returns what is wrong with it, each line naming the screen. */
async function visit(page: Page, origin: string, language: string, screen: Screen): Promise<string[]> {
  const problems: string[] = [];
  for (const widthPx of WIDTHS_PX) {
    await page.setViewportSize({ width: widthPx, height: HEIGHT_PX });
    await page.goto(`${origin}/${screen.path}`);
    await page.locator("main h1, main [role=alert]").first().waitFor({ timeout: SYNC_MS });
    await screen.prepare?.(page);
    const where = `${language} ${screen.name} at ${widthPx} px`;
    problems.push(...(await layoutProblems(page)).map((p) => `${where}: ${p}`));
    problems.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
    // The whole page as one tall screen, so a phone's tab bar shows at the bottom, where it is.
    const pageHeightPx = await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
    await page.setViewportSize({ width: widthPx, height: Math.max(HEIGHT_PX, pageHeightPx) });
    await page.screenshot({ path: resolve(SCREENSHOTS, `every-screen-${language}-${screen.name}-${widthPx}.png`) });
  }
  return problems;
}

/** A page of this phone that starts in `language`, as a phone set to it would. */
async function pageIn(from: Page, language: string): Promise<Page> {
  const page = await from.context().newPage();
  await page.addInitScript((lang) => {
    Object.defineProperty(Navigator.prototype, "language", { get: () => lang });
    Object.defineProperty(Navigator.prototype, "languages", { get: () => [lang] });
  }, language);
  return page;
}

describe("every screen", () => {
  it("fits a 360 px phone and a 1280 px screen, with 44 px tap targets and no serious axe violations, in every language", { timeout: 900_000 }, async () => {
    // A coordinator with something of everything: a member, a proxy member,
    // exchanges done and waiting, an offer, and a newcomer waiting to join.
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, GROUP, LONG_NAME);
    await ann.getByLabel("Their name").fill("Mrs Patel");
    await ann.getByRole("button", { name: "Add member" }).click();
    await ann.getByRole("status").filter({ hasText: "Mrs Patel" }).waitFor();
    await openTab(ben, "Offers & requests");
    await ben.getByLabel("I can offer").check();
    await ben.getByLabel("What", { exact: true }).fill(LONG_WORDS.slice(0, 80));
    await ben.getByRole("button", { name: "Post it" }).click();
    await ben.getByRole("status").filter({ hasText: "Posted." }).waitFor();
    await openTab(ben, "Record");
    for (const hours of ["2", "1"]) {
      await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
      await ben.getByLabel("How long (hours)").fill(hours);
      await ben.getByLabel("What was done").fill(LONG_WORDS);
      await ben.getByRole("button", { name: "Record it" }).click();
      await ben.getByRole("status").filter({ hasText: "Recorded." }).waitFor();
    }
    await openTab(ann, "Home");
    await expect.poll(() => ann.getByRole("button", { name: "Confirm" }).count(), { timeout: SYNC_MS }).toBe(2);
    await ann.getByRole("button", { name: "Confirm" }).first().click();
    await ann.getByRole("status").filter({ hasText: "Confirmed." }).waitFor();
    const link = await inviteLink(ann);
    const newcomer = await (await suite.browser.newContext()).newPage();
    await newcomer.goto(link);
    await newcomer.getByLabel("Your name").fill("Sam");
    await newcomer.getByRole("button", { name: "Ask to join" }).click();
    await newcomer.getByText("Your request to join has been sent").waitFor();
    await ann.getByRole("listitem").filter({ hasText: "Sam" }).getByRole("button", { name: "Approve" }).waitFor({ timeout: SYNC_MS });
    const me = `${groupHex}:${await accountOf(ann)}`;
    const group = `#/g/${groupHex}`;
    const screens: Screen[] = [
      { name: "groups", path: "#/" },
      { name: "home", path: `${group}/home` },
      { name: "listings", path: `${group}/listings` },
      { name: "record", path: `${group}/record` },
      { name: "members", path: `${group}/members` },
      { name: "me", path: `${group}/me` },
      { name: "coordinate", path: `${group}/coordinate` },
      { name: "coordinate-open", path: `${group}/coordinate`, prepare: openEverything },
      { name: "statement", path: `#/statement/${me}` },
      { name: "dashboard", path: `#/dashboard/${groupHex}` },
      { name: "profile", path: `#/profile/${me}` },
      { name: "social-cv", path: `#/cv/${me}` },
      { name: "account", path: "#/account" },
      { name: "recover", path: "#/recover" },
      { name: "link-damaged", path: "#/link/not-a-code" },
      { name: "sign-up-desk", path: `#/kiosk/${groupHex}` },
      { name: "poster", path: `#/poster/${groupHex}` },
      // The town's screens as a group in no pool sees them (a town with groups in it: test/app/town-pool.test.ts).
      { name: "town", path: `${group}/town` },
      { name: "town-dashboard", path: `#/town/${groupHex}` },
      { name: "pool-link", path: `#/pool/${groupHex}/${encodeURIComponent(GROUP)}` },
    ];
    // A phone new to the group opens the invite; the newcomer's waits for approval.
    const stranger = await (await suite.browser.newContext()).newPage();

    const problems: string[] = [];
    for (const language of LANGUAGES) {
      const phones = [[ann, screens], [stranger, [{ name: "join", path: new URL(link).hash }]], [newcomer, [{ name: "waiting-to-join", path: group }]]] as const;
      for (const [phone, list] of phones) {
        const page = await pageIn(phone, language);
        for (const screen of list) problems.push(...(await visit(page, suite.relay.url, language, screen)));
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  });
});

/** This phone's member key, from the link to its own profile. */
async function accountOf(page: Page): Promise<string> {
  await openTab(page, "Me");
  const href = (await page.locator('a[href^="#/profile/"]').first().getAttribute("href")) ?? "";
  const match = /#\/profile\/[0-9a-f]{32}:([0-9a-f]{64})$/.exec(href);
  if (!match) throw new Error(`no profile link on the Me tab: ${href}`);
  return match[1] as string;
}
