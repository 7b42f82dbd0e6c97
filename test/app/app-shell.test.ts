// A group's tabs in a real Chromium against a real relay: each tab has its
// own address (back, reload and a link sent to someone open the same tab),
// counts on the tabs say what waits, the Coordinate tab is a coordinator's
// only, and the bar sits at the bottom of a phone and at the side of a wide
// screen. Inviting: the link names the group on the join page, Copy and Share
// pass it on, and the printed poster has no buttons.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { inviteLink, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf } from "../support/phone-ledger.ts";

const GROUP = "Hilltop Helpers";
const SYNC_MS = 30_000;
const suite = appSuite();

function tabs(page: Page) {
  return page.getByRole("navigation", { name: "Group" });
}

/** The name on the current tab. */
async function currentTab(page: Page): Promise<string> {
  return (await tabs(page).locator('a[aria-current="page"] .tab-name').textContent()) ?? "";
}

describe("the group's tabs", () => {
  it("give each tab an address that back, reload and a deep link keep; counts show what waits; coordinators alone have Coordinate", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const groupHex = groupOf(ann);
    // #/g/<group> is the group's home.
    expect(await currentTab(ann)).toBe("Home");
    await ann.getByText("Nothing needs you now.").waitFor();

    await openTab(ann, "Offers & requests");
    expect(new URL(ann.url()).hash).toBe(`#/g/${groupHex}/listings`);
    await ann.getByRole("region", { name: "Offers and requests" }).waitFor();
    await openTab(ann, "Members");
    expect(new URL(ann.url()).hash).toBe(`#/g/${groupHex}/members`);
    await ann.goBack();
    await ann.getByRole("region", { name: "Offers and requests" }).waitFor();
    expect(await currentTab(ann)).toBe("Offers & requests");
    await ann.reload();
    await ann.getByRole("region", { name: "Offers and requests" }).waitFor({ timeout: SYNC_MS });
    expect(await currentTab(ann)).toBe("Offers & requests");
    // A link to a tab, opened afresh, opens that tab.
    const deep = await ann.context().newPage();
    await deep.goto(`${suite.relay.url}/#/g/${groupHex}/me`);
    await deep.getByRole("link", { name: "My history and statement" }).waitFor({ timeout: SYNC_MS });
    expect(await currentTab(deep)).toBe("Me");
    await deep.close();

    // A join request: counted on Coordinate, and said on Home with the way there.
    const link = await inviteLink(ann);
    const sam = await (await suite.browser.newContext()).newPage();
    await sam.goto(link);
    await sam.getByRole("heading", { name: `Join ${GROUP}` }).waitFor();
    await sam.getByLabel("Your name").fill("Sam");
    await sam.getByRole("button", { name: "Ask to join" }).click();
    await sam.getByText("Your request to join has been sent").waitFor();
    await tabs(ann).getByRole("link", { name: "Coordinate, 1 waiting" }).waitFor({ timeout: SYNC_MS });
    await openTab(ann, "Home");
    await ann.getByRole("link", { name: "1 person asks to join" }).click();
    await tabs(ann).locator('a[aria-current="page"]', { hasText: "Coordinate" }).waitFor();
    await ann.getByRole("listitem").filter({ hasText: "Sam" }).getByRole("button", { name: "Approve" }).click();
    await tabs(ann).getByRole("link", { name: "Coordinate", exact: true }).waitFor({ timeout: SYNC_MS });

    // A member has no Coordinate tab, and its address says whose it is.
    await sam.getByRole("heading", { name: GROUP }).waitFor({ timeout: SYNC_MS });
    await tabs(sam).getByRole("link", { name: "Me", exact: true }).waitFor();
    expect(await tabs(sam).getByRole("link", { name: /^Coordinate/ }).count()).toBe(0);
    await sam.goto(`${suite.relay.url}/#/g/${groupHex}/coordinate`);
    await sam.getByText("This tab is for the group's coordinators.").waitFor({ timeout: SYNC_MS });
    expect(await sam.getByRole("button", { name: "Make an invite link" }).count()).toBe(0);

    // An exchange to confirm: counted on Home wherever Ann is, gone once confirmed.
    await openTab(sam, "Record");
    await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await sam.getByLabel("How long (hours)").fill("1");
    await sam.getByLabel("What was done").fill("Walked the dog");
    await sam.getByRole("button", { name: "Record it" }).click();
    await openTab(ann, "Members");
    await tabs(ann).getByRole("link", { name: "Home, 1 waiting" }).waitFor({ timeout: SYNC_MS });
    await openTab(ann, "Home");
    await ann.getByRole("region", { name: "Waiting for you to confirm" }).getByRole("button", { name: "Confirm" }).click();
    await ann.getByRole("status").filter({ hasText: "Confirmed. It counts now." }).waitFor();
    await tabs(ann).getByRole("link", { name: "Home", exact: true }).waitFor();

    // The same tabs, at the bottom of a phone's screen and at the side of a wide one.
    for (const [widthPx, where] of [[360, "bottom"], [1280, "side"]] as const) {
      await ann.setViewportSize({ width: widthPx, height: 800 });
      const nav = (await tabs(ann).boundingBox())!;
      const heading = (await ann.getByRole("heading", { name: GROUP, level: 1 }).boundingBox())!;
      if (where === "bottom") {
        expect(Math.round(nav.y + nav.height)).toBe(800);
        expect(nav.width).toBe(360);
      } else {
        expect(nav.x + nav.width).toBeLessThanOrEqual(heading.x);
        expect(nav.y).toBeLessThan(heading.y + heading.height);
      }
    }
  });

  it("names the group on the join page, copies and shares an invite, and prints the poster without its buttons", { timeout: 180_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Kind Neighbours", "Ann");
    await ann.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.relay.url });
    // This Chromium has no share sheet; the app copies instead, and says so.
    await ann.evaluate(() => delete (Navigator.prototype as { share?: unknown }).share);
    const link = await inviteLink(ann);
    expect(link).toMatch(/#\/join\/[\w-]+\/Kind%20Neighbours$/);
    await ann.evaluate(() => navigator.clipboard.writeText(""));
    await ann.getByRole("button", { name: "Copy the link" }).click();
    await ann.getByRole("status").filter({ hasText: "Copied." }).waitFor();
    expect(await ann.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await ann.evaluate(() => navigator.clipboard.writeText(""));
    await ann.getByRole("button", { name: "Share the link" }).click();
    await expect.poll(() => ann.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Where the browser has a share sheet (a phone), Share opens it with the link. The
    // system sheet is out of reach here: a stand-in records what the page gives it.
    const phone = await ann.context().newPage();
    await phone.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "share", {
        configurable: true,
        value: async (data: ShareData) => void ((window as unknown as { shared: ShareData[] }).shared ??= []).push(data),
      });
    });
    await phone.goto(`${suite.relay.url}/#/g/${groupOf(ann)}/coordinate`);
    await phone.getByRole("button", { name: "Make an invite link" }).click();
    const phoneLink = await phone.getByLabel("Invite link (valid 14 days)").inputValue();
    await phone.getByRole("button", { name: "Share the link" }).click();
    await phone.getByRole("status").filter({ hasText: "Shared." }).waitFor();
    const shared = await phone.evaluate(() => (window as unknown as { shared: ShareData[] }).shared);
    expect(shared).toEqual([{ title: "Join Kind Neighbours on Tally", text: expect.stringContaining("Kind Neighbours"), url: phoneLink }]);
    await phone.close();

    // The newcomer's join page names the group; an older link with no name still works.
    const newcomer = await (await suite.browser.newContext()).newPage();
    await newcomer.goto(link);
    await newcomer.getByRole("heading", { name: "Join Kind Neighbours", level: 1 }).waitFor();
    await newcomer.goto(link.replace(/\/Kind%20Neighbours$/, ""));
    await newcomer.getByRole("heading", { name: "Join a timebank", level: 1 }).waitFor();

    // The poster on paper: no app header, no tabs, no buttons; the group's name and code stay.
    await ann.getByRole("link", { name: "Print an invite poster with a QR code (A4)" }).click();
    await ann.getByRole("img", { name: "QR code of the invite link" }).waitFor();
    const print = ann.getByRole("button", { name: "Print the poster" });
    expect(await print.isVisible()).toBe(true);
    await ann.emulateMedia({ media: "print" });
    expect(await print.isVisible()).toBe(false);
    expect(await ann.getByRole("link", { name: "Back to the group" }).isVisible()).toBe(false);
    expect(await ann.locator("header").isVisible()).toBe(false);
    expect(await ann.getByRole("heading", { name: "Join Kind Neighbours" }).isVisible()).toBe(true);
    expect(await ann.getByRole("img", { name: "QR code of the invite link" }).isVisible()).toBe(true);
  });
});
