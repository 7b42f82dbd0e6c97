// Every button that writes a record or asks the relay, pressed twice at once:
// it says it is busy, writes once, and the ledger on another member's phone
// has exactly the records asked for, all valid, no device frozen.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FIRST_LOAD_MS, balanceOf, inviteLink, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn, type PhoneLedger } from "../support/phone-ledger.ts";
import { tapTwice } from "../support/tap.ts";

const SYNC_MS = 30_000;
const suite = appSuite();

async function newPhone(): Promise<Page> {
  return (await suite.browser.newContext()).newPage();
}

/** Waits until the phone holds exactly these records, then checks every one counts. */
async function expectLedger(page: Page, groupHex: string, kinds: Record<string, number>): Promise<PhoneLedger> {
  await expect.poll(async () => (await ledgerOn(page, groupHex)).kinds, { timeout: SYNC_MS }).toEqual(kinds);
  const ledger = await ledgerOn(page, groupHex);
  expect(ledger.view.equivocations).toEqual([]);
  expect(ledger.view.invalid).toEqual([]);
  expect(ledger.view.pending).toEqual([]);
  return ledger;
}

async function press(page: Page, name: string, busyLabel: string, scope?: ReturnType<Page["getByRole"]>): Promise<void> {
  const labels = await tapTwice((scope ?? page).getByRole("button", { name, exact: true }));
  expect(labels).toEqual([busyLabel]);
}

describe("one write per tap", () => {
  it("a member's buttons, each pressed twice at once, write once", { timeout: 300_000 }, async () => {
    const ann = await newPhone();
    await ann.goto(suite.relay.url);
    await ann.getByLabel("Group name").fill("Tap Twice Timebank", { timeout: FIRST_LOAD_MS });
    await ann.getByLabel("Your name").fill("Ann");
    await press(ann, "Start the group", "Starting the group…");
    await ann.getByRole("heading", { name: "Tap Twice Timebank" }).waitFor();
    const groupHex = groupOf(ann);

    const ben = await newPhone();
    await ben.goto(await inviteLink(ann));
    await ben.getByLabel("Your name").fill("Ben", { timeout: FIRST_LOAD_MS });
    await press(ben, "Ask to join", "Sending your request…");
    await ben.getByText("Your request to join has been sent").waitFor();
    await ann.getByRole("listitem").filter({ hasText: "Ben" }).getByRole("button", { name: "Approve" }).waitFor({ timeout: SYNC_MS });
    await press(ann, "Approve", "Approving…", ann.getByRole("listitem").filter({ hasText: "Ben" }));
    await ann.getByRole("status").filter({ hasText: "Ben is approved." }).waitFor();
    await ben.getByRole("heading", { name: "Tap Twice Timebank" }).waitFor({ timeout: SYNC_MS });

    // Ann helped Ben for an hour; Ann confirms.
    await openTab(ben, "Record");
    await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await ben.getByLabel("How long (hours)").fill("1");
    await ben.getByLabel("What was done").fill("Mended a chair");
    await press(ben, "Record it", "Recording…");
    await ben.getByRole("status").filter({ hasText: "Recorded. It counts once the other member confirms it." }).waitFor();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).waitFor({ timeout: SYNC_MS });
    await press(ann, "Confirm", "Confirming…");
    await ann.getByRole("status").filter({ hasText: "Confirmed. It counts now." }).waitFor();

    await ben.getByLabel("How much (hours)").fill("0.5");
    await press(ben, "Give", "Giving…");
    await ben.getByRole("status").filter({ hasText: "Given. Thank you." }).waitFor();

    await openTab(ben, "Offers & requests");
    await ben.getByLabel("I can offer").check();
    await ben.getByLabel("What", { exact: true }).fill("Chair repairs");
    await press(ben, "Post it", "Posting…");
    await ben.getByRole("status").filter({ hasText: "Posted." }).waitFor();
    await press(ben, "Close “Chair repairs”", "Closing…");
    await ben.getByRole("region", { name: "Offers and requests" }).getByText("Nothing posted yet.").waitFor();

    // Face to face: Ben makes a code paying Ann; Ann reads it.
    await openTab(ben, "Record");
    await ben.getByLabel("Pay whom (they will read your code)").selectOption({ label: "Ann" });
    await ben.getByLabel("Hours", { exact: true }).fill("0.25");
    await ben.getByLabel("For what").fill("A cup of tea");
    await press(ben, "Make a code", "Making the code…");
    const code = await ben.getByLabel("Code to show", { exact: true }).inputValue();
    await openTab(ann, "Record");
    await ann.getByLabel("Or paste a code").fill(code);
    await press(ann, "Read it", "Reading…");
    await ann.getByRole("status").filter({ hasText: "Code read." }).waitFor();

    await openTab(ben, "Members");
    await ben.getByRole("region", { name: "Members" }).getByRole("link", { name: "Ben", exact: true }).click();
    await ben.getByRole("textbox", { name: "Skills", exact: true }).fill("Woodwork");
    await press(ben, "Save profile", "Saving…");
    await ben.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    // Ben's account on a second phone, by link, and on a third, by recovery code.
    await ben.goto(`${suite.relay.url}/#/account`);
    const recovery = (await ben.locator(".recovery-code").textContent()) ?? "";
    await ben.getByRole("button", { name: "Show a code for my other phone" }).click();
    const linked = await newPhone();
    await linked.goto(await ben.getByLabel("Address for your other phone").inputValue());
    await press(linked, "Use my account here", "Setting up your account…");
    await linked.getByRole("heading", { name: "Tap Twice Timebank" }).waitFor({ timeout: SYNC_MS });
    const restored = await newPhone();
    await restored.goto(`${suite.relay.url}/#/recover`);
    await restored.getByLabel("Recovery code").fill(recovery);
    await press(restored, "Restore my account", "Restoring…");
    await restored.getByRole("link", { name: "Your group" }).waitFor({ timeout: SYNC_MS });

    const kinds = {
      device: 6, // Ann's phone and its town chain (her approval), Ben's three and the town chain of the one that posted his offer
      "group.create": 1,
      "member.join": 1,
      "member.approve": 1,
      "exchange.propose": 2,
      "exchange.confirm": 1,
      donation: 1,
      "listing.create": 1,
      "listing.close": 1,
      "member.profile": 1,
    };
    await expectLedger(ann, groupHex, kinds);
    const { view } = await expectLedger(linked, groupHex, kinds);
    expect(view.accounts[`${groupHex}:group`]?.balanceMinutes).toBe(-60 + 30); // Ben's joining bonus came from the pot; one gift of half an hour went in
    await ann.goto(`${suite.relay.url}/#/`);
    expect(await ann.getByRole("link", { name: "Tap Twice Timebank" }).count()).toBe(1); // one group started
    await ann.getByRole("link", { name: "Tap Twice Timebank" }).click();
    await expect.poll(() => balanceOf(ann, "Ben"), { timeout: SYNC_MS }).toBe("−0:30 h"); // 1 h bonus − 1 h − 0.5 h given
  });

  it("a coordinator's buttons, each pressed twice at once, write once", { timeout: 300_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Steady Hands", "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, "Steady Hands", "Ben");
    const dee = await newPhone();
    await dee.goto(await inviteLink(ann));
    await dee.getByLabel("Your name").fill("Dee", { timeout: FIRST_LOAD_MS });
    await dee.getByRole("button", { name: "Ask to join" }).click();
    const deeRequest = ann.getByRole("listitem").filter({ hasText: "Dee" });
    await deeRequest.getByLabel("Reason for turning down Dee").fill("Lives too far away", { timeout: SYNC_MS });
    await press(ann, "Decline", "Declining…", deeRequest);
    await ann.getByRole("status").filter({ hasText: "Dee's request was declined." }).waitFor();

    // Two requests approved at once, each by a double tap.
    const link = await inviteLink(ann);
    const newcomers = await Promise.all(
      ["Fay", "Gus"].map(async (name) => {
        const phone = await newPhone();
        await phone.goto(link);
        await phone.getByLabel("Your name").fill(name, { timeout: FIRST_LOAD_MS });
        await phone.getByRole("button", { name: "Ask to join" }).click();
        await ann.getByRole("listitem").filter({ hasText: name }).waitFor({ timeout: SYNC_MS });
        return phone;
      }),
    );
    await Promise.all(["Fay", "Gus"].map((name) => press(ann, "Approve", "Approving…", ann.getByRole("listitem").filter({ hasText: name }))));
    for (const phone of newcomers) await phone.getByRole("heading", { name: "Steady Hands" }).waitFor({ timeout: SYNC_MS });

    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Roles, suspension and credit limits" }).click();
    await ann.getByLabel("Member to manage").selectOption({ label: "Ben" });
    await press(ann, "Make coordinator", "Saving…");
    await ann.getByRole("button", { name: "Make member (not coordinator)" }).waitFor();
    await press(ann, "Make member (not coordinator)", "Saving…");
    await ann.getByRole("button", { name: "Make coordinator" }).waitFor();
    await ann.getByLabel("Credit limit, hours below zero").fill("3");
    await press(ann, "Set the limit", "Saving…");
    await ann.getByLabel("Reason for the change of standing").fill("A break");
    await press(ann, "Suspend", "Saving…");
    await ann.getByRole("button", { name: "Reinstate" }).waitFor();
    await ann.getByLabel("Reason for the change of standing").fill("Back again");
    await press(ann, "Reinstate", "Saving…");
    await ann.getByRole("button", { name: "Suspend" }).waitFor();

    await ben.getByText("Your balance:").waitFor({ timeout: SYNC_MS });
    await openTab(ben, "Offers & requests");
    await ben.getByLabel("I can offer").check();
    await ben.getByLabel("What", { exact: true }).fill("Ironing");
    await ben.getByRole("button", { name: "Post it" }).click();
    await ann.getByRole("button", { name: "Close offers, requests and activities" }).click();
    await ann.getByLabel("Listing to close").selectOption({ label: "Offered: Ironing (Ben)" }, { timeout: SYNC_MS });
    await ann.getByLabel("Reason for closing it").fill("Posted by mistake");
    await press(ann, "Close it", "Closing…");

    await openTab(ben, "Record");
    await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await ben.getByLabel("How long (hours)").fill("2");
    await ben.getByLabel("What was done").fill("Painted the fence");
    await ben.getByRole("button", { name: "Record it" }).click();
    await openTab(ann, "Home");
    await ann.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Correct an exchange" }).click();
    const exchange = await ann.locator("option", { hasText: "Painted the fence" }).getAttribute("value", { timeout: SYNC_MS });
    await ann.getByLabel("Exchange to reverse").selectOption(exchange as string);
    await ann.getByLabel("Reason for reversing it").fill("Recorded twice on paper");
    await press(ann, "Reverse it", "Reversing…");

    await ann.getByRole("button", { name: "Group settings" }).click();
    await ann.getByLabel("No: the payer's record is enough").check();
    await press(ann, "Save the settings", "Saving…");
    await ann.getByRole("status").filter({ hasText: "Saved. The new settings apply from now on." }).waitFor();

    await ann.getByLabel("Their name").fill("Pat");
    await press(ann, "Add member", "Adding…");
    await ann.getByRole("status").filter({ hasText: "Pat has an account now." }).waitFor();
    await press(ann, "Make an invite link", "Making the link…");

    await ann.getByRole("link", { name: "Sign-up desk for events" }).click();
    await ann.getByLabel("Newcomer's name").fill("Eve");
    await press(ann, "Sign me up", "Signing up…");
    await ann.getByRole("heading", { name: "Welcome to Steady Hands" }).waitFor();

    await expectLedger(ben, groupHex, {
      device: 8, // Ann's, Ben's, Dee's, Fay's and Gus's phones, Eve's key made at the desk, and the town chains of Ann (decisions) and Ben (his offer)
      "group.create": 1,
      "member.join": 5,
      "member.approve": 3,
      "member.decline": 1,
      "member.role": 2,
      "account.limit": 1,
      "member.suspend": 1,
      "member.reinstate": 1,
      "listing.create": 1,
      "listing.close": 1,
      "exchange.propose": 1,
      "exchange.confirm": 1,
      correction: 1,
      "group.settings": 1,
      "member.proxy": 1,
    });
  });

  it("a write that fails says why, keeps what was typed, and is made once when tried again", { timeout: 180_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Full Disk Club", "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, "Full Disk Club", "Ben");
    await openTab(ben, "Record");
    await ben.getByLabel("Who helped you").selectOption({ label: "Ann" });
    await ben.getByLabel("How long (hours)").fill("0.5");
    await ben.getByLabel("What was done").fill("Hung a picture");

    // The phone's storage refuses to keep anything, as when it is full.
    await ben.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      (window as unknown as { restorePut: () => void }).restorePut = () => (IDBObjectStore.prototype.put = put);
      IDBObjectStore.prototype.put = () => {
        throw new DOMException("the phone's storage is full", "QuotaExceededError");
      };
    });
    await press(ben, "Record it", "Recording…");
    await ben.getByRole("alert").filter({ hasText: "This was not recorded: this device could not keep the record: the phone's storage is full" }).waitFor();
    expect(await ben.getByRole("status").filter({ hasText: "Recorded." }).count()).toBe(0);
    expect(await ben.getByLabel("What was done").inputValue()).toBe("Hung a picture");
    expect(await ben.getByLabel("How long (hours)").inputValue()).toBe("0.5");

    await ben.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
    await press(ben, "Record it", "Recording…");
    await ben.getByRole("status").filter({ hasText: "Recorded. It counts once the other member confirms it." }).waitFor();
    expect(await ben.getByRole("alert").count()).toBe(0);
    const { view } = await expectLedger(ann, groupHex, { device: 3 /* Ann's phone and its town chain (her approval), Ben's */, "group.create": 1, "member.join": 1, "member.approve": 1, "exchange.propose": 1 });
    expect(view.exchanges.filter((e) => e.kind === "exchange.propose").map((e) => e.description)).toEqual(["Hung a picture"]);
  });
});
