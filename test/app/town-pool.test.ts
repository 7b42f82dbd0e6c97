// A town pool in the app, in real Chromium with three real relay processes
// (the town's pool relay, group A's and group B's; each phone talks only to
// its own group's relay, which serves it the app): the pool's coordinator
// shares its pool link; A's coordinator pastes it on the Coordinate tab, B's
// opens it at B's relay; the pool admits both and limits A to an hour below
// zero; Dan (B) offers bike repairs; Ann (A) finds the offer on the Town tab,
// is refused an hour and a half (past A's pool limit) and pays an hour; the
// pool relay goes down, Dan accepts, the pool relay comes back; both
// phones show the exchange complete, in their balances and statements; the
// town dashboard shows the flow. The Town tab and the dashboard are checked
// with axe and photographed at 360 px and 1280 px. What the pool carries of A
// (its decisions, joins, listings and pool records, PROTOCOL §12.8, §12.9)
// reaches Dan's and Pat's phones; A's private exchange between Ann and Sam
// and Sam's profile never do.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import type { RelayProcess } from "../support/relay-process.ts";
import { startTownRelays } from "../support/town-relays.ts";
import { joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { seriousViolations } from "../support/axe.ts";
import { groupOf, recordsOn } from "../support/phone-ledger.ts";
import { parseRecord } from "@tally/core";
import { TOWN_SYNC_MS, admit, askToJoin, offer, openPayment, openTown, pay, poolLinkOf, setPoolLimit } from "../support/town-flows.ts";

const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");
const POOL = "Stevenage town pool";
const A = "Riverside timebank";
const B = "Northgate timebank";

let browser: Browser;
const relays: RelayProcess[] = [];

beforeAll(async () => {
  const { build } = await import("vite");
  const root = resolve(import.meta.dirname, "../..");
  await build({ configFile: resolve(root, "vite.config.ts"), root: resolve(root, "client"), logLevel: "warn" });
  const town = await startTownRelays(["a", "b"]);
  relays.push(town.pool, ...town.groups);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const relay of relays) await relay.kill("SIGTERM");
});

/** The screen in English, Urdu (right to left) and Polish, each checked and photographed; back in English after. */
async function shootInEveryLanguage(page: Page, screen: string): Promise<void> {
  for (const language of ["en", "ur", "pl"]) {
    await page.locator(".language-switch select").selectOption(language);
    await page.locator(`html[lang="${language}"]`).waitFor();
    await shoot(page, language === "en" ? screen : `${screen}-${language}`);
  }
  await page.locator(".language-switch select").selectOption("en");
  await page.locator('html[lang="en"]').waitFor();
}

/** axe finds nothing serious; the page fits at 360 px and 1280 px; photographed as town-<screen>-<width>.png. */
async function shoot(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), screen).toEqual([]);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const tooWide = await page.evaluate(() => [
      ...(document.documentElement.scrollWidth > window.innerWidth ? [`the page is ${document.documentElement.scrollWidth} px wide`] : []),
      ...Array.from(document.querySelectorAll(".table-scroll"))
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => `a table is ${el.scrollWidth} px wide in ${el.clientWidth} px: ${el.querySelector("thead")?.textContent ?? ""}`),
    ]);
    expect(tooWide, `${screen} at ${width} px`).toEqual([]);
    // The whole page as one tall screen, so a phone's tab bar shows at the bottom, where it is.
    const pageHeightPx = await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
    await page.setViewportSize({ width, height: Math.max(800, pageHeightPx) });
    await page.screenshot({ path: resolve(SCREENSHOTS, `town-${screen}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The balance the group's heading shows this member. */
async function headingBalance(page: Page): Promise<string> {
  return ((await page.locator(".group-heading .balance").textContent()) ?? "").replace(/\s+/g, " ");
}

describe("a town pool", () => {
  it("admits two groups; a member of one pays a member of the other from their offer, who accepts while the pool relay is down; both phones show it complete", { timeout: 600_000 }, async () => {
    const [poolRelay, relayA, relayB] = relays as [RelayProcess, RelayProcess, RelayProcess];
    const pat = await startGroup(browser, poolRelay.url, POOL, "Pat");
    const poolHex = groupOf(pat);
    const link = await poolLinkOf(pat);
    expect(link).toContain(`#/pool/${poolHex}/`);

    const ann = await startGroup(browser, relayA.url, A, "Ann");
    const aHex = groupOf(ann);
    await privateLifeOfA(ann);
    const dan = await startGroup(browser, relayB.url, B, "Dan");
    const bHex = groupOf(dan);
    await askToJoin(ann, link);
    // Dan opens the pool link at his own group's relay: the page asks for each group he coordinates.
    await dan.goto(`${relayB.url}/${new URL(link).hash}`);
    await dan.getByRole("button", { name: `Ask to join ${POOL}` }).click({ timeout: TOWN_SYNC_MS });
    await dan.getByRole("status").filter({ hasText: "Asked." }).waitFor();
    await dan.goto(`${relayB.url}/#/g/${bHex}`);
    await dan.getByRole("heading", { name: B }).waitFor();
    // Asked, not yet admitted: the Town tab says so.
    await openTown(ann);
    await ann.getByText(`${A} has asked to join.`, { exact: false }).waitFor({ timeout: TOWN_SYNC_MS });

    await admit(pat, A);
    await admit(pat, B);
    await openTown(ann);
    await ann.getByText(`${A} is in this pool`, { exact: false }).waitFor({ timeout: TOWN_SYNC_MS });

    // The pool lets Riverside go 1 hour below zero; Ann's phone learns it through the relays.
    await setPoolLimit(pat, A, "1");
    await openTown(ann);
    await ann.getByRole("row").filter({ hasText: A }).filter({ hasText: "−1 h" }).waitFor({ timeout: TOWN_SYNC_MS });

    await offer(dan, "Bike repairs", "Repairs");
    const payment = await openPayment(ann, "bike", "Bike repairs");
    // An hour and a half would take Riverside past its pool limit: said beforehand, and refused (the group's setting).
    await pay(payment, "1.5", "Fixed my bike");
    await payment.getByRole("status").filter({ hasText: `This would take ${A} to −1:30 h in the town pool, past its limit of −1 h.` }).waitFor();
    await ann.getByRole("alert").filter({ hasText: "The group does not allow going past the limit" }).waitFor();
    await pay(payment, "1", "Fixed my bike");
    await ann.getByRole("status").filter({ hasText: /^Paid\./ }).waitFor();
    await ann.getByText("Waiting for Dan to accept.").waitFor({ timeout: TOWN_SYNC_MS });
    // Her group's own tab keeps to its own listings: Dan's is on the Town tab, where it is paid across groups.
    await openTab(ann, "Offers & requests");
    expect(await ann.getByText("Bike repairs").count()).toBe(0);

    // The pool relay goes down once the payment has reached Dan, and comes back after he accepts:
    // nothing is lost, as every record is in the group relays' stores and the phones'.
    await openTab(dan, "Home");
    const accept = dan.getByRole("button", { name: "Accept 1 h from Ann" });
    await accept.waitFor({ timeout: TOWN_SYNC_MS });
    await poolRelay.kill("SIGKILL");
    await accept.click();
    await dan.getByRole("status").filter({ hasText: "Accepted" }).waitFor();
    await openTown(dan);
    await dan.getByText("Complete: it counts in both groups.").waitFor({ timeout: TOWN_SYNC_MS });
    await poolRelay.restart();

    // Ann was paid half an hour by Sam inside Riverside before paying Dan an hour.
    for (const [phone, balance] of [[ann, "−0:30 h"], [dan, "1 h"]] as const) {
      await openTown(phone);
      await phone.getByText("Complete: it counts in both groups.").waitFor({ timeout: TOWN_SYNC_MS });
      await expect.poll(() => headingBalance(phone), { timeout: TOWN_SYNC_MS }).toBe(`Your balance: ${balance}`);
    }
    await shootInEveryLanguage(ann, "pool-page");

    // The statement has it as an exchange with someone in another group.
    await ann.goto(`${relayA.url}/#/statement/${groupOf(ann)}:${await memberKeyOf(ann)}`);
    await ann.getByText("Exchange with someone in another group").waitFor({ timeout: TOWN_SYNC_MS });
    await ann.getByText(`Help from Dan (${B})`).waitFor();

    // The pool's own Town tab, as its coordinator sees it (groups, limits, the town's listings).
    await pat.goto(`${poolRelay.url}/#/g/${poolHex}/town`);
    await pat.getByRole("row").filter({ hasText: B }).filter({ hasText: "1 h" }).waitFor({ timeout: TOWN_SYNC_MS });
    await shootInEveryLanguage(pat, "pool-admin");

    // The town's coordinator sees the groups, the flow and who took part.
    await pat.goto(`${poolRelay.url}/#/town/${poolHex}`);
    const flows = pat.getByRole("region", { name: "Flows between groups" });
    await expect.poll(() => flows.getByRole("row").filter({ hasText: A }).textContent(), { timeout: TOWN_SYNC_MS }).toBe(`${A} to ${B}1 h1`);
    const active = pat.getByRole("region", { name: "Active members per group" });
    expect(await active.getByRole("row").filter({ hasText: A }).textContent()).toBe(`${A}1`);
    await shootInEveryLanguage(pat, "dashboard");

    // The pool carried A's records the town needs to Dan's and Pat's phones, and nothing private of A.
    for (const [phone, groupHex] of [[dan, bHex], [pat, poolHex]] as const) {
      const kinds = kindsOf(await recordsOn(phone, groupHex), aHex);
      for (const kind of ["group.create", "member.join", "member.approve", "pool.join", "pool.pay"]) expect(kinds, kind).toContain(kind);
      for (const kind of ["exchange.propose", "exchange.confirm", "member.profile"]) expect(kinds, kind).not.toContain(kind);
    }
  });
});

/** Inside Riverside, before it joins the pool: Sam joins, records that Ann helped him half an hour, Ann confirms, and Sam fills in his profile. */
async function privateLifeOfA(ann: Page): Promise<void> {
  const sam = await joinAndApprove(browser, ann, A, "Sam");
  await openTab(sam, "Record");
  await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
  await sam.getByLabel("How long (hours)").fill("0.5");
  await sam.getByLabel("What was done").fill("Mended the gate");
  await sam.getByRole("button", { name: "Record it" }).click();
  await sam.getByText("Recorded. It counts once the other member confirms it.").waitFor();
  await openTab(ann, "Home");
  await ann.getByRole("button", { name: "Confirm" }).click({ timeout: TOWN_SYNC_MS });
  await openTab(sam, "Members");
  await sam.getByRole("region", { name: "Members" }).getByRole("link", { name: "Sam", exact: true }).click();
  await sam.getByRole("textbox", { name: "How to contact you", exact: true }).fill("Phone 07700 900456");
  await sam.getByRole("button", { name: "Save profile" }).click();
  await sam.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await sam.getByText("Synced with the relay").waitFor({ timeout: TOWN_SYNC_MS });
  await sam.context().close();
}

/** The kinds of the records of group `groupHex` among these, sorted, each once. */
function kindsOf(envelopes: readonly Uint8Array[], groupHex: string): string[] {
  const kinds = envelopes.flatMap((envelope) => {
    const parsed = parseRecord(envelope);
    return parsed.ok && parsed.record.groupHex === groupHex ? [parsed.record.kind] : [];
  });
  return [...new Set(kinds)].sort();
}

/** This phone's member key, from the link to its own profile on the Me tab. */
async function memberKeyOf(page: Page): Promise<string> {
  await openTab(page, "Me");
  const href = (await page.locator('a[href^="#/profile/"]').first().getAttribute("href")) ?? "";
  const match = /#\/profile\/[0-9a-f]{32}:([0-9a-f]{64})$/.exec(href);
  if (!match) throw new Error(`no profile link on the Me tab: ${href}`);
  return match[1] as string;
}
