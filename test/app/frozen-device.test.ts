// A phone frozen all the same (here: a second record at one place in its
// chain, signed with its own key as an old backup restored would): the group
// page says so plainly, and two taps give the phone a new key certified by
// the member's key. The account and balance stay; new exchanges count. The
// same when the twin is on its town chain (the key it signs offers and
// decisions with): the new device key brings a new town key.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DeviceAuthor, bytesToHex, hexToBytes, parseRecord, signerFromSeed, type Signer } from "@tally/core";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn, recordsOn } from "../support/phone-ledger.ts";
import { seriousViolations } from "../support/axe.ts";
import { deviceSeed, memberSeed } from "../support/phone-keys.ts";
import { offer } from "../support/town-flows.ts";
import { townKey } from "../../client/src/device/town-key.ts";
import { encodeCode } from "../../client/src/face-to-face/code.ts";

const SYNC_MS = 30_000;
const GROUP = "Second Chances";
const suite = appSuite();

/** Signs, with one of the phone's own keys, a second record at the place of the latest one of that key's chain. */
async function equivocate(page: Page, groupHex: string, device: Signer): Promise<string> {
  const deviceHex = bytesToHex(device.publicKey);
  const own = (await recordsOn(page, groupHex)).map(parseRecord).flatMap((p) => (p.ok && p.record.deviceHex === deviceHex ? [p.record] : []));
  const head = own.reduce((a, b) => (b.seq > a.seq ? b : a));
  const before = own.find((r) => r.seq === head.seq - 1)!;
  const author = new DeviceAuthor(device, hexToBytes(groupHex), { seq: before.seq, id: before.id });
  const twin = await author.write("listing.create", { type: "offer", title: "Ladder to lend", category: "Other" }, { timeMs: Date.now() });
  expect(twin.seq).toBe(head.seq);
  return encodeCode([twin.envelope]);
}

describe("a frozen phone", () => {
  it("says so, and a new key certified by the member's key keeps the account and balance", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, GROUP, "Ben");
    // His second record on his phone's own chain (an offer would go on its town chain).
    await openTab(ben, "Members");
    await ben.getByRole("region", { name: "Members" }).getByRole("link", { name: "Ben", exact: true }).click({ timeout: SYNC_MS });
    await ben.getByRole("textbox", { name: "Skills", exact: true }).fill("Bike pump to lend");
    await ben.getByRole("button", { name: "Save profile" }).click();
    await ben.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await ben.getByRole("link", { name: `Back to ${GROUP}` }).click();
    const oldSeed = await deviceSeed(ben);

    // The twin record reaches Ben's phone (by a pasted code): the phone is frozen from there.
    await openTab(ben, "Record");
    await ben.getByLabel("Or paste a code").fill(await equivocate(ben, groupHex, await signerFromSeed(await deviceSeed(ben))));
    await ben.getByRole("button", { name: "Read it" }).click();
    await ben.getByRole("heading", { name: "What this phone records has stopped counting" }).waitFor({ timeout: SYNC_MS });
    await ben.getByRole("alert").filter({ hasText: "This phone signed two different records as its record number 2." }).waitFor();
    await ben.getByText("Your account and your balance are safe").waitFor();
    expect(await ben.getByRole("button", { name: "Record it" }).count()).toBe(0); // nothing it records would count
    expect(await ben.locator(".balance strong").textContent()).toBe("1 h");
    expect(await seriousViolations(ben)).toEqual([]);
    await expect.poll(async () => (await ledgerOn(ann, groupHex)).view.equivocations.length, { timeout: SYNC_MS }).toBe(1);

    // A second tab of the same phone is frozen too.
    const secondTab = await ben.context().newPage();
    await secondTab.goto(ben.url());
    await secondTab.getByRole("button", { name: "Give this phone a new key" }).waitFor({ timeout: SYNC_MS });
    // Both tabs at once: each must end with the one new key, not one each.
    await Promise.all([ben, secondTab].map((tab) => tab.getByRole("button", { name: "Give this phone a new key" }).click()));
    await secondTab.getByRole("button", { name: "Record it" }).waitFor({ timeout: SYNC_MS });
    await secondTab.close();
    await ben.getByRole("button", { name: "Record it" }).waitFor({ timeout: SYNC_MS });
    expect(await ben.getByRole("heading", { name: "What this phone records has stopped counting" }).count()).toBe(0);
    expect(bytesToHex(await deviceSeed(ben))).not.toBe(bytesToHex(oldSeed));
    expect(await ben.locator(".balance strong").textContent()).toBe("1 h");
    await ben.getByText("Synced with the relay").waitFor({ timeout: SYNC_MS });

    // With the new key, Ben's exchange counts, on both phones.
    await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await ben.getByLabel("How long (hours)").fill("0.5");
    await ben.getByLabel("What was done").fill("Pumped up the tyres");
    await ben.getByRole("button", { name: "Record it" }).click();
    await ben.getByRole("status").filter({ hasText: "Recorded." }).waitFor();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });
    for (const page of [ann, ben]) {
      await expect.poll(() => balanceOf(page, "Ben"), { timeout: SYNC_MS }).toBe("0:30 h");
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: SYNC_MS }).toBe("0:30 h");
    }

    const { view, kinds } = await ledgerOn(ann, groupHex);
    expect(kinds.device).toBe(4); // Ann's, her town chain's (her approval of Ben), Ben's old key and one new key for both tabs
    const oldDevice = bytesToHex((await signerFromSeed(oldSeed)).publicKey);
    expect(view.equivocations.map((e) => [e.device, e.seq])).toEqual([[oldDevice, 2]]);
    expect(view.invalid.map((r) => r.id).sort()).toEqual([...view.equivocations[0]!.ids].sort()); // only the two twins
    expect(view.exchanges.find((e) => e.description === "Pumped up the tyres")?.status).toBe("complete");
    const benAccount = Object.values(view.accounts).find((a) => a.name === "Ben");
    expect([benAccount?.status, benAccount?.balanceMinutes]).toEqual(["active", 30]); // the same account, 1 h bonus − 0.5 h
  });

  it("freezes when its town chain signs twice at one place, and the new key brings a new town chain whose offers count", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Twin Offers", "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, "Twin Offers", "Ben");
    await offer(ben, "Bike pump to lend", "Repairs");
    const oldTown = await townKey(await memberSeed(ben), (await signerFromSeed(await deviceSeed(ben))).publicKey);

    await openTab(ben, "Record");
    await ben.getByLabel("Or paste a code").fill(await equivocate(ben, groupHex, oldTown));
    await ben.getByRole("button", { name: "Read it" }).click();
    await ben.getByRole("heading", { name: "What this phone records has stopped counting" }).waitFor({ timeout: SYNC_MS });
    await ben.getByRole("alert").filter({ hasText: "This phone signed two different records as its record number 1." }).waitFor();
    await ben.getByRole("button", { name: "Give this phone a new key" }).click();
    await ben.getByRole("button", { name: "Record it" }).waitFor({ timeout: SYNC_MS });
    await ben.getByText("Synced with the relay").waitFor({ timeout: SYNC_MS });

    await offer(ben, "Hedge trimmer to lend", "Gardening");
    await openTab(ann, "Offers & requests");
    await ann.getByText("Hedge trimmer to lend").waitFor({ timeout: SYNC_MS });
    const { view } = await ledgerOn(ann, groupHex);
    expect(view.equivocations.map((e) => [e.device, e.seq])).toEqual([[bytesToHex(oldTown.publicKey), 1]]);
    expect(view.invalid.map((r) => r.id).sort()).toEqual([...view.equivocations[0]!.ids].sort()); // only the two twins
  });
});
