// A member without a smartphone: the coordinator keeps their account, records
// an exchange for them (never with them on both sides), and prints their
// statement.
import { describe, expect, it } from "vitest";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn } from "../support/phone-ledger.ts";
import { shoot } from "../support/screens.ts";

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

    // Mrs Patel on both sides is refused before anything is signed.
    await ann.getByLabel("Who helped them").selectOption({ label: "Mrs Patel" });
    const bothSides = "Mrs Patel cannot be on both sides of one exchange. Choose who helped them, or who they helped.";
    await ann.getByRole("status").filter({ hasText: bothSides }).waitFor();
    await ann.getByLabel("How long (hours)").fill("1");
    await ann.getByLabel("What was done").fill("Should not be recorded");
    await ann.getByRole("button", { name: "Record it" }).click();
    await ann.getByRole("alert").filter({ hasText: `This was not recorded: ${bothSides}` }).waitFor();
    const record = ann.getByRole("region", { name: "Record an exchange" });
    await shoot(ann, "proxy-both-sides", record);
    expect((await ledgerOn(ann, groupOf(ann))).kinds["exchange.propose"]).toBeUndefined();

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

    // Sam records help he gave her: the coordinator answers for her, with the facts in view.
    await openTab(sam, "Record");
    await sam.getByLabel("I helped someone").check();
    await sam.getByLabel("Who you helped").selectOption({ label: "Mrs Patel" });
    await sam.getByLabel("How long (hours)").fill("1");
    await sam.getByLabel("What was done").fill("Read her post to her");
    await sam.getByRole("button", { name: "Record it" }).click();
    await openTab(ann, "Home");
    const card = ann.getByRole("region", { name: "Waiting for you to confirm" }).getByRole("listitem").filter({ hasText: "Read her post to her" });
    await card.getByText("Sam says they helped Mrs Patel for 1 h. You answer for Mrs Patel.").waitFor({ timeout: 20_000 });
    await card.getByRole("button", { name: "Confirm" }).click();
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Mrs Patel"), { timeout: 20_000 }).toBe("−3 h");
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("4 h");
    }

    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "Printable statement for Mrs Patel" }).click();
    await ann.getByRole("heading", { name: "Statement for Mrs Patel" }).waitFor();
    const row = ann.locator("tbody tr").filter({ hasText: "Took her to the surgery" });
    expect((await row.innerText()).replace(/\s+/g, " ")).toMatch(/^\S.* Exchange help from Sam Took her to the surgery −2 h −2 h$/);
    expect((await ann.locator("tbody tr").last().innerText()).replace(/\s+/g, " ")).toMatch(/ Exchange help from Sam Read her post to her −1 h −3 h$/);
    await shoot(ann, "proxy-statement");
  });
});
