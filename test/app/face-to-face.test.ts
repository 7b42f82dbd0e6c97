// Two phones in a park with no signal: the payer shows a code, the helper
// reads it and confirms, the payer reads the confirmation back. Both ledgers
// agree offline, and everything reaches the relay when they are online again.
// A coordinator's code carries the town chain records its own records name.
import { describe, expect, it } from "vitest";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { offer } from "../support/town-flows.ts";

const suite = appSuite();

describe("face to face", () => {
  it("completes an exchange by codes with the network off on both phones", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Park Wombles", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Park Wombles", "Sam");
    await expect.poll(() => balanceOf(ann, "Sam"), { timeout: 20_000 }).toBe("1 h");
    for (const page of [ann, sam]) await page.context().setOffline(true);
    // Offline too, Ann (a coordinator) posts an offer: it goes on her town chain, and her next records name it,
    // so her code hands it over with them for Sam's phone, which has not seen it, to judge them.
    await offer(ann, "Shed repairs", "Repairs");

    // Sam pays Ann for an hour and a half: his phone shows a code.
    for (const page of [ann, sam]) await openTab(page, "Record");
    await sam.getByLabel("Pay whom (they will read your code)").selectOption({ label: "Ann" });
    await sam.getByLabel("Hours", { exact: true }).fill("1.5");
    await sam.getByLabel("For what").fill("Fixed the shed door");
    await sam.getByRole("button", { name: "Make a code" }).click();
    await sam.getByRole("img", { name: "QR code to show" }).waitFor();
    const samCode = await sam.getByLabel("Code to show", { exact: true }).inputValue();

    // Ann's phone reads it, confirms, and shows its own code back.
    await ann.getByLabel("Or paste a code").fill(samCode);
    await ann.getByRole("button", { name: "Read it" }).click();
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: 20_000 });
    await ann.getByRole("img", { name: "QR code to show" }).waitFor();
    const annCode = await ann.getByLabel("Code to show", { exact: true }).inputValue();
    await sam.getByLabel("Or paste a code").fill(annCode);
    await sam.getByRole("button", { name: "Read it" }).click();

    // Still offline, both phones agree.
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("−0:30 h");
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: 20_000 }).toBe("1:30 h");
      await page.getByText("Offline — changes are kept and sent later").waitFor();
    }

    // A code that is not one is refused with a clear message.
    await openTab(sam, "Record");
    await sam.getByLabel("Or paste a code").fill("hello");
    await sam.getByRole("button", { name: "Read it" }).click();
    await sam.getByText("That is not a Tally code. Try again.").waitFor();

    // Online again, both sync, and the exchange is still there after a reload.
    for (const page of [ann, sam]) await page.context().setOffline(false);
    for (const page of [ann, sam]) {
      await page.getByText("Synced with the relay").waitFor({ timeout: 30_000 });
      await page.reload();
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 20_000 }).toBe("−0:30 h");
    }
  });
});
