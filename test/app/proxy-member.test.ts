// A member without a smartphone: the coordinator keeps their account, records
// an exchange for them, and prints their statement.
import { describe, expect, it } from "vitest";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";

const suite = appSuite();

describe("proxy members", () => {
  it("the coordinator records an exchange for a member without a phone, and prints their statement", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Friday Lunch Club", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Friday Lunch Club", "Sam");

    await ann.getByLabel("Their name").fill("Mrs Patel");
    await ann.getByRole("button", { name: "Add member" }).click();
    await openTab(ann, "Record");
    await ann.getByLabel("Recording for").selectOption({ label: "Mrs Patel" });
    await ann.getByLabel("Someone helped them").check();
    await ann.getByLabel("Who helped them").selectOption({ label: "Sam" });
    await ann.getByLabel("How long (hours)").fill("2");
    await ann.getByLabel("What was done").fill("Took her to the surgery");
    await ann.getByRole("button", { name: "Record it" }).click();

    await openTab(sam, "Home");
    await sam.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Mrs Patel"), { timeout: 20_000 }).toBe("−2 h");
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("3 h"); // 1 h joining bonus + 2 h
    }

    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "Printable statement for Mrs Patel" }).click();
    await ann.getByRole("heading", { name: "Statement for Mrs Patel" }).waitFor();
    const row = ann.locator("tbody tr").first();
    expect(await row.innerText()).toMatch(/Exchange\s+Sam\s+−2 h/);
  });
});
