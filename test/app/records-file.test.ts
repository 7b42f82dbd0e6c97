// Any member downloads the group's records from the app; the file is what the
// offline audit reads: the CLI derives the same balances the page shows and
// verifies every record.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { deriveFromFiles } from "../../cli/src/commands/ledger.ts";
import { hours } from "../../client/src/app/hours.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const suite = appSuite();
const folder = mkdtempSync(join(tmpdir(), "tally-records-file-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function recordHelp(page: Page, helper: string, hoursText: string, what: string) {
  await openTab(page, "Record");
  await page.getByLabel("Who helped you").selectOption({ label: helper });
  await page.getByLabel("How long (hours)").fill(hoursText);
  await page.getByLabel("What was done").fill(what);
  await page.getByRole("button", { name: "Record it" }).click();
  await page.getByText("Recorded. It counts once the other member confirms it.").waitFor();
}

describe("the group's records file", () => {
  it("a member downloads it from the group page; tally ledger gives the balances the page shows and tally verify passes", { timeout: 150_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Hedgerow Helpers", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Hedgerow Helpers", "Sam");
    const kim = await joinAndApprove(suite.browser, ann, "Hedgerow Helpers", "Kim");
    await recordHelp(sam, "Ann", "2.5", "Hedge laying");
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    await recordHelp(kim, "Sam", "1", "Fixing a puncture");
    await openTab(sam, "Home");
    await sam.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    // Members joined with the group's one-hour joining bonus; the founder did not.
    const expected = { Ann: hours(150), Sam: hours(60 - 150 + 60), Kim: hours(60 - 60) };
    for (const [name, balance] of Object.entries(expected)) await expect.poll(() => balanceOf(kim, name), { timeout: 20_000 }).toBe(balance);

    // Kim, an ordinary member, downloads the file (from the Members tab).
    await openTab(kim, "Members");
    const [download] = await Promise.all([kim.waitForEvent("download"), kim.getByRole("button", { name: "Download the records" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^hedgerow-helpers-\d{4}-\d{2}-\d{2}\.tally-records$/);
    const file = join(folder, download.suggestedFilename());
    await download.saveAs(file);
    await kim.getByRole("status").filter({ hasText: /^Downloaded \d+ records\.$/ }).waitFor();

    const view = await deriveFromFiles("ledger", [file]);
    const shown = new Map<string, string>();
    for (const name of ["Ann", "Sam", "Kim"]) shown.set(name, await balanceOf(kim, name));
    const derived = new Map(Object.values(view.accounts).filter((a) => a.type !== "group" && shown.has(a.name)).map((a) => [a.name, hours(a.balanceMinutes)]));
    expect(Object.fromEntries(derived)).toEqual(Object.fromEntries(shown));
    expect(Object.fromEntries(derived)).toEqual(expected);

    // The command line itself, as an auditor runs it.
    const verified = await promisify(execFile)(process.execPath, [join(ROOT, "cli/bin/tally.js"), "verify", file], { cwd: ROOT });
    expect(verified.stderr).toBe("");
  });
});
