// Every main page of the app, checked with axe in a real Chromium (no serious
// or critical violations), and photographed at 360 px and 1280 px into
// test-output/screenshots/ for people to look at.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openTab } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SCREENSHOTS = resolve(ROOT, "test-output/screenshots");
const suite = appSuite();

beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function check(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page: page as never }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.length})`)).toEqual([]);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

describe("accessibility", () => {
  it("home, group, coordinator, dashboard, profile, social CV, account, sign-up desk, poster and join pages have no serious or critical axe violations", { timeout: 150_000 }, async () => {
    const ann = await (await suite.browser.newContext()).newPage();
    await ann.goto(suite.relay.url);
    await ann.getByRole("heading", { name: "Your groups" }).waitFor();
    await check(ann, "home");

    await ann.getByLabel("Group name").fill("Green Spaces");
    await ann.getByLabel("Your name").fill("Ann");
    await ann.getByRole("button", { name: "Start the group" }).click();
    await ann.getByRole("heading", { name: "Green Spaces" }).waitFor();
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Make an invite link" }).click();
    const link = await ann.getByLabel("Invite link (valid 14 days)").inputValue();
    await check(ann, "group-coordinator");
    await ann.getByRole("link", { name: "The group's numbers and CSV export" }).click();
    await ann.getByRole("heading", { name: "Green Spaces: the numbers" }).waitFor();
    await check(ann, "dashboard");
    await ann.goBack();
    await openTab(ann, "Members");
    await ann.getByRole("region", { name: "Members" }).getByRole("link", { name: "Ann", exact: true }).click();
    await ann.getByRole("heading", { name: "Ann", level: 1 }).waitFor();
    await ann.getByRole("textbox", { name: "Skills", exact: true }).fill("Gardening");
    await ann.getByRole("button", { name: "Save profile" }).click();
    await ann.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await check(ann, "profile");
    await ann.getByRole("link", { name: "Social CV for Ann" }).click();
    await ann.getByRole("heading", { name: "Social CV: Ann" }).waitFor();
    await check(ann, "social-cv");
    await ann.getByRole("link", { name: "Your account" }).click();
    await ann.getByRole("button", { name: "I have kept it safe" }).waitFor();
    await check(ann, "account");
    await ann.getByRole("link", { name: "Tally" }).click();
    await ann.getByRole("link", { name: "Green Spaces" }).click();
    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "Sign-up desk for events" }).click();
    await ann.getByLabel("Newcomer's name").fill("Jo");
    await check(ann, "sign-up-desk");
    await ann.getByRole("button", { name: "Sign me up" }).click();
    await ann.getByRole("button", { name: "Next person" }).waitFor();
    await check(ann, "sign-up-card");

    const sam = await (await suite.browser.newContext()).newPage();
    await sam.goto(link);
    await sam.getByRole("heading", { name: "Join Green Spaces" }).waitFor();
    await check(sam, "join");
    await sam.getByLabel("Your name").fill("Sam");
    await sam.getByRole("button", { name: "Ask to join" }).click();
    await sam.getByText("Your request to join has been sent").waitFor();
    await check(sam, "waiting-for-approval");

    // The coordinator tools with a join request waiting and every tool open, then the invite poster.
    await ann.goBack();
    await ann.getByRole("listitem").filter({ hasText: "Sam" }).getByRole("button", { name: "Approve" }).waitFor({ timeout: 20_000 });
    for (const tool of ["Roles, suspension and credit limits", "Close offers, requests and activities", "Correct an exchange"]) {
      await ann.getByRole("button", { name: tool }).click();
    }
    await check(ann, "coordinator-tools");
    await ann.getByRole("listitem").filter({ hasText: "Sam" }).getByRole("button", { name: "Approve" }).click();
    await ann.getByLabel("Member to manage").selectOption({ label: "Sam" });
    await check(ann, "member-admin");
    await ann.getByRole("link", { name: "Print an invite poster with a QR code (A4)" }).click();
    await ann.getByRole("img", { name: "QR code of the invite link" }).waitFor();
    await check(ann, "poster");
  });
});
