// A coordinator's work in the app, in real browsers against a real relay:
// decline one join request and approve another after a reference check, make
// a member coordinator and back, set a credit limit, close a member's offer,
// reverse an exchange, suspend and reinstate, and print an invite poster whose
// QR code opens the join page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, inviteLink, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const GROUP = "Riverside Timebank";
const SYNC_MS = 20_000;
const suite = appSuite();

async function askToJoin(link: string, name: string): Promise<Page> {
  const page = await (await suite.browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Ask to join" }).click();
  await page.getByText("Your request to join has been sent").waitFor();
  return page;
}

/** A cell of a member's row in the members table: 1 role or standing, 2 balance, 3 limit. */
async function memberCell(page: Page, name: string, column: number): Promise<string> {
  await openTab(page, "Members");
  const row = page.locator("tr", { has: page.locator("td", { hasText: new RegExp(`^${name}$`) }) });
  return (await row.locator("td").nth(column).textContent()) ?? "";
}

/** Opens a coordinator tool (a disclosure on the Coordinate tab), choosing a member in it if one is named. */
async function openTool(page: Page, tool: string, member?: string): Promise<void> {
  await openTab(page, "Coordinate");
  await page.getByRole("button", { name: tool }).click();
  if (member) await page.getByLabel("Member to manage").selectOption({ label: member });
}

/** The Coordinate tab in a member's navigation: there for coordinators only. */
function coordinateTab(page: Page) {
  return page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: /^Coordinate/ });
}

/** Decodes the QR code drawn on the page with jsQR, as a phone's camera would read it. */
async function readQr(page: Page): Promise<string | null> {
  // Evaluated through DevTools, as the app's CSP (rightly) refuses an injected script tag.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("jsqr/dist/jsQR.js"), "utf8"));
  return page.evaluate(async () => {
    const svg = document.querySelector("[role=img] svg") as SVGSVGElement;
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${btoa(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const size = 800;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    const pixels = context.getImageData(0, 0, size, size);
    const jsQR = (window as unknown as { jsQR: (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
    return jsQR(pixels.data, size, size)?.data ?? null;
  });
}

describe("coordinator tools", () => {
  it("a coordinator decides join requests, manages a member, moderates, corrects an exchange and prints an invite poster", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const link = await inviteLink(ann);
    const ben = await askToJoin(link, "Ben");
    const cat = await askToJoin(link, "Cat");

    // Ben is declined with a reason: the request leaves Ann's list, and Ben's
    // phone, which the relay no longer serves, learns it by asking the relay.
    const benRequest = ann.getByRole("listitem").filter({ hasText: "Ben" });
    await benRequest.getByLabel("Reason for turning down Ben").fill("No one in the group could give a reference");
    await benRequest.getByRole("button", { name: "Decline" }).click({ timeout: SYNC_MS });
    await benRequest.waitFor({ state: "detached" });
    await ben.getByText("Your request to join was not accepted").waitFor({ timeout: 30_000 });

    // Cat is approved after a reference check.
    const catRequest = ann.getByRole("listitem").filter({ hasText: "Cat" });
    await catRequest.getByLabel("Reference-check notes on Cat (optional)").fill("Spoke to her neighbour, who has known her ten years");
    await catRequest.getByLabel("I have checked Cat's references").check();
    await catRequest.getByRole("button", { name: "Approve" }).click();
    await cat.getByRole("heading", { name: GROUP }).waitFor({ timeout: SYNC_MS });
    await ann.getByText("No one is waiting.").waitFor();
    await expect.poll(() => memberCell(ann, "Cat", 1), { timeout: SYNC_MS }).toBe("member");
    expect(await ann.getByRole("cell", { name: "declined" }).count()).toBe(0); // Ben never became a member

    // Cat becomes a coordinator and sees the tools; then back to member.
    await openTool(ann, "Roles, suspension and credit limits", "Cat");
    await ann.getByRole("button", { name: "Make coordinator" }).click();
    await coordinateTab(cat).waitFor({ timeout: SYNC_MS });
    await expect.poll(() => memberCell(cat, "Cat", 1), { timeout: SYNC_MS }).toBe("coordinator");
    await ann.getByRole("button", { name: "Make member (not coordinator)" }).click();
    await coordinateTab(cat).waitFor({ state: "detached", timeout: SYNC_MS });
    await expect.poll(() => memberCell(ann, "Cat", 1), { timeout: SYNC_MS }).toBe("member");

    // Cat spends 4 hours within the group's limit; then a credit limit of 2
    // hours for her shows in her row on both screens, and she is flagged past it.
    await openTab(cat, "Record");
    await cat.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await cat.getByLabel("How long (hours)").fill("4");
    await cat.getByLabel("What was done").fill("Carried the shopping home");
    await cat.getByRole("button", { name: "Record it" }).click();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });
    await openTool(ann, "Roles, suspension and credit limits", "Cat");
    await ann.getByLabel("Credit limit, hours below zero").fill("2");
    await ann.getByRole("button", { name: "Set the limit" }).click();
    for (const page of [ann, cat]) await expect.poll(() => memberCell(page, "Cat", 3), { timeout: SYNC_MS }).toBe("−2 h");
    for (const page of [ann, cat]) {
      await expect.poll(() => balanceOf(page, "Cat"), { timeout: SYNC_MS }).toBe("−3 h (over limit)"); // 1 h joining bonus − 4 h
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: SYNC_MS }).toBe("4 h");
    }
    await cat.getByText("over your limit").waitFor();

    // Cat offers something; Ann closes it with a reason; it leaves the open list on both screens.
    await openTab(cat, "Offers & requests");
    await cat.getByLabel("I can offer").check();
    await cat.getByLabel("What", { exact: true }).fill("Dog walking");
    await cat.getByRole("button", { name: "Post it" }).click();
    const annListings = ann.getByRole("region", { name: "Offers and requests" });
    const catListings = cat.getByRole("region", { name: "Offers and requests" });
    await openTab(ann, "Offers & requests");
    await annListings.getByText("Dog walking", { exact: true }).waitFor({ timeout: SYNC_MS });
    await openTool(ann, "Close offers, requests and activities");
    await ann.getByLabel("Listing to close").selectOption({ label: "Offered: Dog walking (Cat)" });
    await ann.getByLabel("Reason for closing it").fill("Offered twice; the other post stays");
    await ann.getByRole("button", { name: "Close it" }).click();
    await ann.locator("option", { hasText: "Dog walking" }).waitFor({ state: "detached" });
    await openTab(ann, "Offers & requests");
    for (const listings of [annListings, catListings]) {
      await listings.getByText("Dog walking", { exact: true }).waitFor({ state: "detached", timeout: SYNC_MS });
      await listings.getByText("Nothing posted yet.").waitFor();
    }

    // Ann reverses the exchange with a reason: the hours go back, and it shows as corrected.
    await openTool(ann, "Correct an exchange");
    const exchange = await ann.locator("option", { hasText: "Carried the shopping home" }).getAttribute("value");
    await ann.getByLabel("Exchange to reverse").selectOption(exchange as string);
    await ann.getByLabel("Reason for reversing it").fill("Recorded in error: it was a favour between friends");
    await ann.getByRole("button", { name: "Reverse it" }).click();
    for (const page of [ann, cat]) {
      await expect.poll(() => balanceOf(page, "Cat"), { timeout: SYNC_MS }).toBe("1 h");
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: SYNC_MS }).toBe("0 h");
    }
    await openTool(ann, "Correct an exchange");
    const corrected = ann.getByRole("listitem").filter({ hasText: "Corrected:" });
    expect(await corrected.textContent()).toMatch(/Cat to Ann, 4 h: Carried the shopping home .*Reason: Recorded in error/);
    expect(await ann.locator("option", { hasText: "Carried the shopping home" }).count()).toBe(0);

    // Suspended, Cat's screen says so, with the reason; reinstated, Cat has the group page back.
    await openTool(ann, "Roles, suspension and credit limits", "Cat");
    await ann.getByLabel("Reason for the change of standing").fill("Asked for a break while away");
    await ann.getByRole("button", { name: "Suspend" }).click();
    await expect.poll(() => memberCell(ann, "Cat", 1), { timeout: SYNC_MS }).toBe("suspended");
    await cat.getByText("Your membership is suspended").waitFor({ timeout: SYNC_MS });
    await cat.getByText("The reason given: “Asked for a break while away”").waitFor();
    await openTool(ann, "Roles, suspension and credit limits", "Cat");
    await ann.getByText("Reason given for their standing: “Asked for a break while away”").waitFor();
    await ann.getByLabel("Reason for the change of standing").fill("Back from holiday");
    await ann.getByRole("button", { name: "Reinstate" }).click();
    await expect.poll(() => memberCell(ann, "Cat", 1), { timeout: SYNC_MS }).toBe("member");
    await cat.getByText("Your balance:").waitFor({ timeout: SYNC_MS });

    // The poster: the group's name, a QR code that reads as the printed link, one A4 page.
    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "Print an invite poster with a QR code (A4)" }).click();
    await ann.getByRole("heading", { name: `Join ${GROUP}` }).waitFor();
    await ann.getByRole("img", { name: "QR code of the invite link" }).waitFor();
    const printed = (await ann.locator(".poster-link a").textContent()) ?? "";
    expect(printed).toContain("#/join/");
    expect(await readQr(ann)).toBe(printed);
    await ann.getByRole("button", { name: "Print the poster" }).waitFor();
    const pdf = (await ann.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    const [width, height] = (pdf.match(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/) ?? []).slice(1).map(Number);
    expect(Math.abs((width ?? 0) - 595.3)).toBeLessThan(2); // A4 is 595.3 × 841.9 points
    expect(Math.abs((height ?? 0) - 841.9)).toBeLessThan(2);

    // Someone who scans it sees the join page, and can ask to join.
    const dan = await askToJoin(printed, "Dan");
    await ann.getByRole("link", { name: "Back to the group" }).click();
    await ann.getByRole("listitem").filter({ hasText: "Dan" }).getByRole("button", { name: "Approve" }).click({ timeout: SYNC_MS });
    await dan.getByRole("heading", { name: GROUP }).waitFor({ timeout: SYNC_MS });
  });

  it("changes the group's settings (a new name, a bigger joining bonus, exchanges that need only the payer) and removes a member, who is told", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Canal Club", "Ann");
    await openTool(ann, "Group settings");
    await ann.getByLabel("The group's name").fill("Canal Friends");
    await ann.getByLabel("Joining bonus for each new member (hours)").fill("2");
    await ann.getByLabel("No: the payer's record is enough").check();
    await ann.getByRole("button", { name: "Save the settings" }).click();
    await ann.getByText("Saved. The new settings apply from now on.").waitFor();
    await ann.getByRole("heading", { name: "Canal Friends", level: 1 }).waitFor();

    const sam = await joinAndApprove(suite.browser, ann, "Canal Friends", "Sam");
    await expect.poll(() => balanceOf(sam, "Sam"), { timeout: SYNC_MS }).toBe("2 h");
    // Sam records that Ann helped him: with the payer's record enough, it counts at once.
    await openTab(sam, "Record");
    await sam.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await sam.getByLabel("How long (hours)").fill("1");
    await sam.getByLabel("What was done").fill("Mended a fence");
    await sam.getByRole("button", { name: "Record it" }).click();
    await sam.getByText("Recorded. It counts now.").waitFor();
    for (const page of [ann, sam]) await expect.poll(() => balanceOf(page, "Ann"), { timeout: SYNC_MS }).toBe("1 h");
    await openTab(ann, "Home");
    expect(await ann.getByRole("button", { name: "Confirm" }).count()).toBe(0);

    // Removed, Sam's phone is no longer served the group's records; it hears of it from the relay.
    await openTool(ann, "Roles, suspension and credit limits", "Sam");
    await ann.getByLabel("Reason for the change of standing").fill("Moved away");
    await ann.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => memberCell(ann, "Sam", 1), { timeout: SYNC_MS }).toBe("removed");
    await expect
      .poll(async () => {
        await sam.reload(); // the page asks the relay as it opens
        return sam.getByText("You are no longer a member of this group.").waitFor({ timeout: 5_000 }).then(() => true, () => false);
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);
  });
});
