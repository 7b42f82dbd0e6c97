// Confirming with the facts in view, saying "not right" with a reason, and
// the answer on the phone of the one who recorded it; a correction and its
// reason on the phone of the member it touches; the statement in date order
// with a running balance; exchanges.csv with giver, receiver, description,
// category and status. Real relay, real Chromium, real signatures.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn } from "../support/phone-ledger.ts";
import { SCREENSHOTS, shoot } from "../support/screens.ts";

const SYNC_MS = 30_000;
const suite = appSuite();

async function record(page: Page, direction: "Someone helped me" | "I helped someone", who: string, hours: string, what: string, category: string): Promise<void> {
  await openTab(page, "Record");
  await page.getByLabel(direction).check();
  await page.getByLabel(direction === "Someone helped me" ? "Who helped you" : "Who you helped").selectOption({ label: who });
  await page.getByLabel("How long (hours)").fill(hours);
  await page.getByLabel("What was done").fill(what);
  await page.getByLabel("Type of help given").selectOption(category);
  await page.getByRole("button", { name: "Record it" }).click();
  await page.getByRole("region", { name: "Record an exchange" }).getByRole("status").filter({ hasText: "Recorded." }).waitFor();
}

async function post(page: Page, type: "I can offer" | "I need", title: string, category: string): Promise<void> {
  await openTab(page, "Offers & requests");
  await page.getByLabel(type).check();
  await page.getByLabel("What", { exact: true }).fill(title);
  await page.getByRole("combobox", { name: /^Category/ }).selectOption(category);
  await page.getByRole("button", { name: "Post it" }).click();
  await page.getByRole("status").filter({ hasText: "Posted" }).first().waitFor();
}

const today = () => new Date().toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric" });

describe("informed, two-way confirmation and readable records", () => {
  it("the member sees who, what, when, category and hours; says not right with a reason; the recorder reads it; a correction's reason reaches the member; the statement and CSV read plainly", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Canal Clean-up", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Canal Clean-up", "Sam");
    const groupHex = groupOf(sam);

    // Sam records that Ann fixed his gate; Ann's phone says so in plain words.
    await record(sam, "Someone helped me", "Ann", "1.5", "Fixed the garden gate", "Repairs");
    await openTab(ann, "Home");
    const toConfirm = ann.getByRole("region", { name: "Waiting for you to confirm" });
    const card = toConfirm.getByRole("listitem").filter({ hasText: "Fixed the garden gate" });
    await card.waitFor({ timeout: SYNC_MS });
    expect(await card.locator(".exchange-sentence").textContent()).toBe("Sam says you helped them for 1:30 h.");
    const facts = Object.fromEntries(
      await card.locator(".exchange-facts > div").evaluateAll((rows) => rows.map((r) => [r.querySelector("dt")?.textContent, r.querySelector("dd")?.textContent])),
    );
    expect(facts).toEqual({ "What was done": "Fixed the garden gate", When: today(), "Type of help": "Repairs", Hours: "1:30 h" });
    await shoot(ann, "confirm", toConfirm);

    // Not right, with a reason: nothing moves, and the card leaves Ann's list.
    await card.getByRole("button", { name: "Not right" }).click();
    await card.getByLabel("What is not right? Sam will see this.").fill("It was one hour, not one and a half");
    await shoot(ann, "not-right", toConfirm);
    await card.getByRole("button", { name: "Send" }).click();
    await ann.getByRole("status").filter({ hasText: "Sent. Sam will see that it is not right, and why. Nothing moved." }).waitFor();
    await toConfirm.waitFor({ state: "detached" });
    const annLedger = await ledgerOn(ann, groupHex);
    expect(annLedger.kinds["exchange.decline"]).toBe(1);
    expect(annLedger.view.exchanges.filter((e) => e.status === "declined").map((e) => e.description)).toEqual(["Fixed the garden gate"]);

    await ann.getByRole("region", { name: "Your recent exchanges" }).getByText("You said this is not right: “It was one hour, not one and a half”").waitFor();

    // Sam, who recorded it, reads the answer and the reason on his phone.
    const samAnswers = sam.getByRole("region", { name: "Your recent exchanges" });
    const declined = samAnswers.getByRole("listitem").filter({ hasText: "Fixed the garden gate" });
    await declined.getByText("Ann said this is not right: “It was one hour, not one and a half”").waitFor({ timeout: SYNC_MS });
    await shoot(sam, "answer-declined", samAnswers);

    // Recorded again, right this time; Ann confirms and Sam reads "Confirmed".
    await record(sam, "Someone helped me", "Ann", "1", "Fixed the garden gate (one hour)", "Repairs");
    await toConfirm.getByRole("button", { name: "Confirm" }).click({ timeout: SYNC_MS });
    await ann.getByRole("status").filter({ hasText: "Confirmed. It counts now." }).waitFor();
    await samAnswers.getByRole("listitem").filter({ hasText: "(one hour)" }).getByText("Confirmed", { exact: true }).waitFor({ timeout: SYNC_MS });
    for (const page of [ann, sam]) await expect.poll(() => balanceOf(page, "Sam"), { timeout: SYNC_MS }).toBe("0 h"); // 1 h joining bonus − 1 h

    // A gift, then a coordinator reverses the exchange with a reason: Sam's phone says so.
    await openTab(ann, "Record");
    await ann.getByRole("region", { name: "Give credits" }).getByLabel("To").selectOption({ label: "Sam" });
    await ann.getByLabel("How much (hours)").fill("0.5");
    await ann.getByRole("button", { name: "Give", exact: true }).click();
    await ann.getByRole("status").filter({ hasText: "Given. Thank you." }).waitFor();
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Correct an exchange" }).click();
    const target = await ann.locator("option", { hasText: "Fixed the garden gate (one hour)" }).getAttribute("value");
    await ann.getByLabel("Exchange to reverse").selectOption(target as string);
    await ann.getByLabel("Reason for reversing it").fill("Recorded twice: the paper sheet has it too");
    await ann.getByRole("button", { name: "Reverse it" }).click();
    await openTab(sam, "Home");
    await samAnswers.getByText("Reversed by a coordinator: “Recorded twice: the paper sheet has it too”").waitFor({ timeout: SYNC_MS });
    await expect.poll(() => balanceOf(sam, "Sam"), { timeout: SYNC_MS }).toBe("1:30 h"); // bonus 1 h + gift 0:30 h
    await openTab(sam, "Home");
    await shoot(sam, "answers", samAnswers);

    // Sam's statement: date order, what each line is, the other party, hours and the balance after each.
    await openTab(sam, "Me");
    await sam.getByRole("link", { name: "My history and statement" }).click();
    await sam.getByRole("heading", { name: "Statement for Sam" }).waitFor();
    const rows = await sam.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td as HTMLElement).innerText.replace(/\s+/g, " ").trim())));
    expect(rows).toEqual([
      [today(), "Joining bonus from Canal Clean-up (the group's pot)", "+1 h", "1 h"],
      [today(), "Exchange help from Ann Fixed the garden gate (one hour) (Repairs) Reversed by a coordinator: Recorded twice: the paper sheet has it too", "−1 h reversed", "1 h"],
      [today(), "Gift from Ann", "+0:30 h", "1:30 h"],
    ]);
    expect(await sam.locator("article.statement > p").first().textContent()).toContain("Balance: 1:30 h");
    await shoot(sam, "statement");
    await sam.emulateMedia({ media: "print" });
    await sam.screenshot({ path: resolve(SCREENSHOTS, "exchanges-statement-print.png"), fullPage: true });
    expect(await sam.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    await sam.emulateMedia({ media: "screen" });

    // exchanges.csv: date, giver, receiver, hours, description, category, status, for every kind.
    await openTab(ann, "Coordinate");
    await ann.getByRole("link", { name: "The group's numbers and CSV export" }).click();
    const [download] = await Promise.all([ann.waitForEvent("download"), ann.getByRole("link", { name: "Exchanges (CSV)" }).click()]);
    const lines = readFileSync((await download.path()) as string, "utf8").trim().split("\r\n");
    const date = new Date().toISOString().slice(0, 10);
    expect(lines[0]).toBe('"date","giver of credits","receiver of credits","hours","minutes","description","category","status","kind","record"');
    const rowsOf = (text: string) => lines.filter((l) => l.includes(text));
    expect(rowsOf("member.approve").length).toBe(1);
    expect(rowsOf("member.approve")[0]).toMatch(new RegExp(`^"${date}","Canal Clean-up \\(the group's pot\\)","Sam","1","60","","","complete","member.approve",`));
    expect(rowsOf('"Fixed the garden gate"')[0]).toMatch(new RegExp(`^"${date}","Sam","Ann","1.5","90","Fixed the garden gate","Repairs","declined","exchange.propose",`));
    expect(rowsOf("(one hour)")[0]).toMatch(new RegExp(`^"${date}","Sam","Ann","1","60","Fixed the garden gate \\(one hour\\)","Repairs","corrected","exchange.propose",`));
    expect(rowsOf('"donation"')[0]).toMatch(new RegExp(`^"${date}","Ann","Sam","0.5","30","","","complete","donation",`));
  });

  it("\"I can help\" on a request and \"I'd like this\" on an offer start the exchange filled in, the right way round, with the poster's contact as their profile gives it", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Meadow Friends", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Meadow Friends", "Sam");

    // Sam gives a phone number in his profile and asks for a lift; Ann offers jam, with no contact details.
    await openTab(sam, "Members");
    await sam.getByRole("region", { name: "Members" }).getByRole("link", { name: "Sam", exact: true }).click();
    await sam.getByRole("textbox", { name: "How to contact you", exact: true }).fill("Phone 07700 900456");
    await sam.getByRole("button", { name: "Save profile" }).click();
    await sam.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await sam.goBack();
    await post(sam, "I need", "Lift to the station", "Lifts");
    await post(ann, "I can offer", "Jam making", "Cooking");

    // Ann can help Sam: his number, and an exchange where Sam pays Ann, named after the request.
    await ann.getByRole("button", { name: "I can help: Lift to the station" }).click({ timeout: SYNC_MS });
    const helping = ann.getByRole("group", { name: "I can help: Lift to the station" });
    await helping.getByText("How to reach Sam: Phone 07700 900456").waitFor({ timeout: SYNC_MS });
    await helping.getByText("You help Sam: you earn the hours.").waitFor();
    expect(await helping.getByLabel("What was done").inputValue()).toBe("Lift to the station");
    await shoot(ann, "answer-request", helping);
    await helping.getByLabel("How long (hours)").fill("0.75");
    await helping.getByRole("button", { name: "Record it" }).click();
    await helping.getByRole("status").filter({ hasText: "Recorded. It counts once the other member confirms it." }).waitFor();

    // Sam's phone: Ann says she helped him, with the listing's words and category.
    await openTab(sam, "Home");
    const card = sam.getByRole("region", { name: "Waiting for you to confirm" }).getByRole("listitem");
    await card.getByText("Ann says they helped you for 0:45 h.").waitFor({ timeout: SYNC_MS });
    await card.getByText("Lift to the station").waitFor();
    await card.getByText("Lifts").waitFor();
    await card.getByRole("button", { name: "Confirm" }).click();
    for (const page of [ann, sam]) await expect.poll(() => balanceOf(page, "Sam"), { timeout: SYNC_MS }).toBe("0:15 h"); // 1 h bonus − 0:45 h

    // Sam would like Ann's jam: Ann gave no contact details, so the page says where to find her; Sam pays Ann.
    await openTab(sam, "Offers & requests");
    await sam.getByRole("button", { name: "I'd like this: Jam making" }).click({ timeout: SYNC_MS });
    const wanting = sam.getByRole("group", { name: "I'd like this: Jam making" });
    await wanting.getByText("Ann has not put contact details in their profile.").waitFor();
    await wanting.getByText("Ann helps you: you pay the hours.").waitFor();
    await shoot(sam, "answer-offer", wanting);
    await wanting.getByRole("button", { name: "Record it" }).click();
    await wanting.getByRole("status").filter({ hasText: "Recorded." }).waitFor();
    await openTab(ann, "Home");
    await ann.getByRole("region", { name: "Waiting for you to confirm" }).getByText("Sam says you helped them for 1 h.").waitFor({ timeout: SYNC_MS });

    // Ann says not right by mistake, then confirms after all: a later confirmation still counts.
    const jam = ann.getByRole("region", { name: "Waiting for you to confirm" }).getByRole("listitem").filter({ hasText: "Jam making" });
    await jam.getByRole("button", { name: "Not right" }).click();
    await jam.getByLabel("What is not right? Sam will see this.").fill("Not made yet");
    await jam.getByRole("button", { name: "Send" }).click();
    const annJam = ann.getByRole("region", { name: "Your recent exchanges" }).getByRole("listitem").filter({ hasText: "Jam making" });
    await annJam.getByText("You said this is not right: “Not made yet”").waitFor();
    await annJam.getByRole("button", { name: "Confirm after all" }).click();
    await annJam.getByText("Confirmed", { exact: true }).waitFor({ timeout: SYNC_MS });
    await openTab(sam, "Home");
    await sam.getByRole("region", { name: "Your recent exchanges" }).getByRole("listitem").filter({ hasText: "Jam making" }).getByText("Confirmed", { exact: true }).waitFor({ timeout: SYNC_MS });
    for (const page of [ann, sam]) await expect.poll(() => balanceOf(page, "Sam"), { timeout: SYNC_MS }).toBe("−0:45 h");

    // Both exchanges name their listing, the right way round.
    const { view } = await ledgerOn(sam, groupOf(sam));
    const accounts = Object.fromEntries(Object.entries(view.accounts).map(([id, a]) => [id, a.name]));
    const listings = Object.fromEntries(view.listings.map((l) => [l.id, l.title]));
    const proposals = view.exchanges.filter((e) => e.kind === "exchange.propose").map((e) => ({
      listing: listings[e.listing ?? ""],
      payer: accounts[e.payer ?? ""],
      payee: accounts[e.legs[0]?.payee ?? ""],
      minutes: e.legs[0]?.minutes,
      category: e.category,
      status: e.status,
    }));
    expect(proposals.sort((a, b) => (a.listing ?? "").localeCompare(b.listing ?? ""))).toEqual([
      { listing: "Jam making", payer: "Sam", payee: "Ann", minutes: 60, category: "Cooking", status: "complete" },
      { listing: "Lift to the station", payer: "Sam", payee: "Ann", minutes: 45, category: "Lifts", status: "complete" },
    ]);

    // On Ann's statement, the help she gave, with whom, and the listing's words and category.
    await openTab(ann, "Me");
    await ann.getByRole("link", { name: "My history and statement" }).click();
    const lift = ann.locator("tbody tr").filter({ hasText: "Lift to the station" });
    expect((await lift.innerText({ timeout: SYNC_MS })).replace(/\s+/g, " ")).toMatch(/ Exchange help given to Sam Lift to the station \(Lifts\) \+0:45 h /);

    // The account page promises only what the app does.
    await sam.getByRole("link", { name: "Show my recovery code" }).click();
    await sam.getByRole("button", { name: "I have kept it safe" }).click();
    const promise = (await sam.getByText("Your recovery code was shown once").textContent()) ?? "";
    expect(promise).toContain("With it, you can restore your account on a new phone.");
    expect(promise).not.toMatch(/coordinator can move/);
  });
});
