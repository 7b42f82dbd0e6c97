// Urdu and Polish in a real Chromium at 360 px: a coordinator switches the
// language in the header; the page turns right-to-left for Urdu; the choice
// is kept on the device across a reload; a newcomer's phone starts in its own
// language. On every main screen: no English left (names, numbers, codes and
// links aside), no page wider than the screen, no serious or critical axe
// violations. Screenshots go to test-output/screenshots/languages-<lang>-*.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { pl } from "../../client/src/i18n/pl.ts";
import { ur } from "../../client/src/i18n/ur.ts";
import type { Catalogue } from "../../client/src/i18n/catalogue.ts";
import { flatten } from "../support/catalogue-check.ts";
import { untranslatedWords } from "../support/untranslated.ts";
import { joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { seriousViolations } from "../support/axe.ts";

const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");
const PHONE_PX = 360;
const SYNC_MS = 30_000;
const GROUP = "Green Spaces";
/** What people typed: names and descriptions stay as written in any language. */
const TYPED = [GROUP, "Bike repairs", "Weeding the garden", "Fixing a puncture", "Ann", "Sam", "Kim", "Ola"];

const suite = appSuite();
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

type Language = "ur" | "pl";
const CATALOGUES: Record<Language, Catalogue> = { ur, pl };

/** Everything a person reads or hears on the page: visible text, labels, options, the title; minus codes and links. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const element of Array.from(document.querySelectorAll("[aria-label], [placeholder], [title], [alt]"))) {
      for (const name of ["aria-label", "placeholder", "title", "alt"]) parts.push(element.getAttribute(name) ?? "");
    }
    for (const option of Array.from(document.querySelectorAll("option"))) parts.push(option.textContent ?? "");
    let text = parts.join("\n");
    for (const code of Array.from(document.querySelectorAll<HTMLElement>(".recovery-code, .poster-link"))) text = text.split(code.innerText).join(" ");
    // A device's key label ("1FB2-C0DE") is a code too: its hex letters are not English words.
    return text.replace(/\b[0-9A-F]{4}-[0-9A-F]{4}\b/g, " ");
  });
}

/** If the page is wider than the screen, the innermost elements that stick out (so a failure says what to fix). */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const screen = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= screen) return [];
    const out = Array.from(document.body.querySelectorAll<HTMLElement>("*")).filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.left < -1 || box.right > screen + 1);
    });
    const innermost = out.filter((element) => !out.some((other) => other !== element && element.contains(other)));
    return [`page ${document.documentElement.scrollWidth} px`, ...innermost.slice(0, 8).map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${Math.round(element.getBoundingClientRect().width)} px "${(element.textContent ?? "").slice(0, 40)}"`)];
  });
}

/** Signed figures whose sign is drawn after their digits (in right-to-left text, "−0:30" must not become "0:30−", nor "+1:30" "1:30+"). */
async function signsAfterDigits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrong: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (const match of node.data.matchAll(/[\u2212+][\u2066-\u2069\u200e]*\d/g)) {
        const minus = document.createRange();
        minus.setStart(node, match.index);
        minus.setEnd(node, match.index + 1);
        const digit = document.createRange();
        digit.setStart(node, match.index + match[0].length - 1);
        digit.setEnd(node, match.index + match[0].length);
        if (minus.getBoundingClientRect().left > digit.getBoundingClientRect().left) wrong.push(node.data);
      }
    }
    return wrong;
  });
}

async function checkScreen(page: Page, language: Language, screen: string): Promise<void> {
  const where = `${screen} in ${language}`;
  await page.setViewportSize({ width: PHONE_PX, height: 800 });
  const root = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  expect(root, where).toEqual({ lang: language, dir: language === "ur" ? "rtl" : "ltr" });
  expect(await tooWide(page), `${where}: wider than the screen`).toEqual([]);
  expect(await signsAfterDigits(page), `${where}: a sign drawn after its number`).toEqual([]);
  expect(untranslatedWords(await readableText(page), CATALOGUES[language], language === "pl", TYPED), `${where}: English words left`).toEqual([]);
  expect(await seriousViolations(page), where).toEqual([]);
  for (const px of [PHONE_PX, 1280]) {
    await page.setViewportSize({ width: px, height: 800 });
    await page.screenshot({ path: resolve(SCREENSHOTS, `languages-${language}-${screen}-${px}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: PHONE_PX, height: 800 });
}

/** Strings of the page's language, looked up as the app does (nested keys, values isolated in right-to-left text). */
function say(language: Language, key: string, values: Record<string, string> = {}): string {
  const text = flatten(CATALOGUES[language]).get(key);
  if (text === undefined) throw new Error(`no ${language} string ${key}`);
  const isolate = (value: string) => (language === "ur" ? `\u2068${value}\u2069` : value);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => isolate(values[name] ?? ""));
}

async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => (location.hash = to), hash);
}

/** Every main screen of a coordinator, in the language the page is in. */
async function checkCoordinatorScreens(ann: Page, language: Language, groupHex: string, annId: string): Promise<void> {
  await open(ann, "#/");
  await ann.getByRole("heading", { name: say(language, "home.yourGroups") }).waitFor();
  await checkScreen(ann, language, "home");

  await open(ann, `#/g/${groupHex}`);
  await ann.getByRole("heading", { name: GROUP, level: 1 }).waitFor();
  await ann.getByRole("button", { name: say(language, "exchanges.confirm.confirm") }).waitFor({ timeout: SYNC_MS });
  await checkScreen(ann, language, "group-home");
  // The form behind "Not right" on the card waiting for Ann.
  await ann.getByRole("button", { name: say(language, "exchanges.confirm.notRight") }).click();
  await checkScreen(ann, language, "group-not-right");
  await ann.getByRole("button", { name: say(language, "exchanges.confirm.cancel") }).click();

  await open(ann, `#/g/${groupHex}/listings`);
  await ann.getByText("Bike repairs").waitFor({ timeout: SYNC_MS });
  await checkScreen(ann, language, "group-listings");
  // The form behind "I'd like this" on Sam's offer.
  await ann.getByRole("button", { name: say(language, "exchanges.answer.wantThis") }).click();
  await ann.getByRole("button", { name: say(language, "exchanges.answer.close") }).waitFor();
  await checkScreen(ann, language, "group-answer-form");
  await ann.getByRole("button", { name: say(language, "exchanges.answer.close") }).click();

  await open(ann, `#/g/${groupHex}/coordinate`);
  for (const tool of ["members", "moderate", "correct", "settings"]) {
    await ann.getByRole("button", { name: say(language, `coordinate.${tool}.title`) }).click();
  }
  await checkScreen(ann, language, "group-coordinator");

  await open(ann, `#/dashboard/${groupHex}`);
  await ann.getByRole("heading", { name: say(language, "dashboard.title", { group: GROUP }) }).waitFor();
  await checkScreen(ann, language, "dashboard");

  await open(ann, `#/statement/${annId}`);
  await ann.getByRole("heading", { name: say(language, "statement.title", { name: "Ann" }) }).waitFor();
  await checkScreen(ann, language, "statement");

  await open(ann, `#/profile/${annId}`);
  await ann.getByRole("heading", { name: say(language, "profile.edit") }).waitFor();
  await checkScreen(ann, language, "profile");

  await open(ann, `#/cv/${annId}`);
  await ann.getByRole("heading", { name: say(language, "cv.title", { name: "Ann" }) }).waitFor();
  await checkScreen(ann, language, "social-cv");

  await open(ann, "#/account");
  await ann.getByRole("heading", { name: say(language, "account.title"), level: 1 }).waitFor();
  await checkScreen(ann, language, "account");

  await open(ann, `#/kiosk/${groupHex}`);
  await ann.getByRole("heading", { name: say(language, "kiosk.title", { group: GROUP }) }).waitFor();
  await checkScreen(ann, language, "sign-up-desk");

  await open(ann, `#/poster/${groupHex}`);
  await ann.getByRole("img", { name: say(language, "coordinate.poster.qr") }).waitFor({ timeout: SYNC_MS });
  await checkScreen(ann, language, "poster");
}

/** A newcomer whose phone is set to `locale` opens an invite: the app starts in that language. */
async function newcomer(browser: Browser, link: string, locale: string, language: Language, name: string): Promise<void> {
  const page = await (await browser.newContext({ locale, viewport: { width: PHONE_PX, height: 800 } })).newPage();
  await page.goto(link);
  await page.getByRole("heading", { name: say(language, "shell.joinNamed", { group: GROUP }) }).waitFor(); // the link names the group
  await checkScreen(page, language, "join");
  await page.getByLabel(say(language, "join.yourName")).fill(name);
  await page.getByRole("button", { name: say(language, "join.ask") }).click();
  await page.getByText(say(language, "group.waitingText")).waitFor({ timeout: SYNC_MS });
  await checkScreen(page, language, "waiting-for-approval");
}

describe("languages", () => {
  it("a coordinator switches to Urdu (right to left) and to Polish at 360 px: every main screen is translated, fits the screen and passes axe; the choice survives a reload", { timeout: 400_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    await ann.setViewportSize({ width: PHONE_PX, height: 800 });
    const groupHex = new URL(ann.url()).hash.split("/")[2] ?? "";
    await openTab(ann, "Me");
    const annId = ((await ann.getByRole("link", { name: "My history and statement" }).getAttribute("href")) ?? "").split("/")[2] ?? "";
    expect(groupHex).toMatch(/^[0-9a-f]+$/);
    expect(annId).not.toBe("");

    // Something on every screen: an offer, a confirmed exchange with a category, and one waiting for Ann.
    const sam = await joinAndApprove(suite.browser, ann, GROUP, "Sam");
    await openTab(sam, "Offers & requests");
    await sam.getByLabel("I can offer").check();
    await sam.getByLabel("What", { exact: true }).fill("Bike repairs");
    await sam.getByLabel("Category").selectOption("Repairs");
    await sam.getByRole("button", { name: "Post it" }).click();
    await openTab(sam, "Record");
    await openTab(ann, "Home");
    for (const [what, minutes] of [["Weeding the garden", "1.5"], ["Fixing a puncture", "1"]] as const) {
      await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
      await sam.getByLabel("How long (hours)").fill(minutes);
      await sam.getByLabel("What was done").fill(what);
      await sam.getByLabel("Type of help given").selectOption("Gardening");
      await sam.getByRole("button", { name: "Record it" }).click();
      await sam.getByText("Recorded. It counts once the other member confirms it.").waitFor();
      if (what === "Weeding the garden") await ann.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });
    }
    await ann.getByRole("status").filter({ hasText: "Confirmed. It counts now." }).waitFor();
    expect(await ann.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["en", "ltr"]);

    // Urdu, from the switch in the header; kept on this device.
    await openTab(ann, "Coordinate");
    await ann.getByLabel("Language").selectOption("ur");
    await ann.getByRole("heading", { name: say("ur", "coordinate.join.title") }).waitFor();
    await ann.reload();
    await ann.getByRole("heading", { name: say("ur", "coordinate.join.title") }).waitFor({ timeout: SYNC_MS });
    expect(await ann.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await checkCoordinatorScreens(ann, "ur", groupHex, annId);

    // A member's own group page in Urdu: their choice, on their phone only.
    await sam.setViewportSize({ width: PHONE_PX, height: 800 });
    await sam.getByLabel("Language").selectOption("ur");
    await sam.getByRole("navigation", { name: say("ur", "shell.nav") }).getByRole("link", { name: say("ur", "shell.tabs.record") }).waitFor();
    await checkScreen(sam, "ur", "group-member");

    // Polish, from the same switch, now labelled in Urdu.
    await ann.getByLabel(say("ur", "language.label")).selectOption("pl");
    await ann.getByRole("heading", { name: say("pl", "coordinate.poster.join", { group: GROUP }) }).waitFor();
    expect(await ann.evaluate(() => localStorage.getItem("tally.language"))).toBe("pl");
    await checkCoordinatorScreens(ann, "pl", groupHex, annId);

    // Newcomers' phones start in their own language, with no choice made yet.
    await open(ann, `#/g/${groupHex}/coordinate`);
    await ann.getByRole("button", { name: say("pl", "coordinate.invite.make") }).click();
    const link = await ann.getByLabel(say("pl", "coordinate.invite.link")).inputValue();
    await newcomer(suite.browser, link, "ur-PK", "ur", "Kim");
    await newcomer(suite.browser, link, "pl-PL", "pl", "Ola");

    // And back to English: left to right again.
    await ann.getByLabel(say("pl", "language.label")).selectOption("en");
    await ann.getByRole("heading", { name: "Join requests" }).waitFor();
    expect(await ann.evaluate(() => [document.documentElement.lang, document.documentElement.dir, document.title])).toEqual(["en", "ltr", "Tally — community timebank"]);
  });
});
