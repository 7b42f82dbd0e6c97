// A litter-picking group pays its volunteers from the group's pot: the
// coordinator plans a pick, members say they will come, afterwards the
// coordinator credits everyone who came in one step and thanks the leader
// from the pot; every phone shows the same balances and the pot's.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, inviteLink, joinAndApprove, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, ledgerOn } from "../support/phone-ledger.ts";
import { screens } from "../support/pot-screens.ts";

const suite = appSuite();
const GROUP = "St Nicholas Wombles";

const events = (page: Page) => page.getByRole("region", { name: "Work parties and events" });
/** Work parties are on the Offers & requests tab. */
const toEvents = (page: Page) => openTab(page, "Offers & requests");
const pot = async (page: Page) => {
  await toEvents(page);
  return (await page.getByTestId("pot-balance").textContent()) ?? "";
};

describe("work parties paid by the group", () => {
  it("plans a litter pick, members say they will come, the coordinator credits attendance from the pot in one step and thanks the leader", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const sam = await joinAndApprove(suite.browser, ann, GROUP, "Sam");
    const kim = await joinAndApprove(suite.browser, ann, GROUP, "Kim");

    // Two joining bonuses of an hour came out of the pot.
    await expect.poll(() => pot(ann), { timeout: 20_000 }).toBe("−2 h");
    await toEvents(sam);
    await toEvents(kim);
    await events(sam).getByText("No events planned yet.").waitFor({ timeout: 20_000 });
    expect(await sam.getByRole("button", { name: "Plan it" }).count()).toBe(0); // members do not plan or credit

    const plan = events(ann).locator("form.plan-event");
    await plan.getByLabel("Name of the event").fill("Litter pick");
    await plan.getByLabel("Date").fill("2026-12-05");
    await plan.getByLabel("Starts at").fill("10:30");
    await plan.getByLabel("Where").fill("St Nicholas Park gate");
    await plan.getByLabel("What to bring, and more (optional)").fill("Gloves and bags provided");
    await plan.getByRole("button", { name: "Plan it" }).click();
    await ann.getByText("Planned: Litter pick. Members can now say they are coming.").waitFor({ timeout: 20_000 });

    const samEvent = events(sam).getByRole("listitem").filter({ has: sam.getByRole("heading", { name: "Litter pick" }) });
    await samEvent.getByText(/^Sat,? (5 Dec|Dec 5),? 2026, 10:30 · St Nicholas Park gate$/).waitFor({ timeout: 20_000 });
    await samEvent.getByRole("button", { name: "I'll come to Litter pick" }).click();
    await samEvent.getByText("You said you are coming.").waitFor({ timeout: 20_000 });
    const kimEvent = events(kim).getByRole("listitem").filter({ has: kim.getByRole("heading", { name: "Litter pick" }) });
    await kimEvent.getByRole("button", { name: "I'll come to Litter pick" }).click({ timeout: 20_000 });
    await kimEvent.getByRole("button", { name: "I can't come after all" }).click({ timeout: 20_000 });
    await kimEvent.getByRole("button", { name: "I'll come to Litter pick" }).click({ timeout: 20_000 });
    await kimEvent.getByText("You said you are coming.").waitFor({ timeout: 20_000 });

    const annEvent = events(ann).getByRole("listitem").filter({ has: ann.getByRole("heading", { name: "Litter pick" }) });
    await annEvent.getByText(/^2 coming: (Sam, Kim|Kim, Sam)$/).waitFor({ timeout: 20_000 });
    await screens(sam, "pot-event-member", events(sam));

    // Afterwards: one step credits everyone who came, Kim (who led) for longer.
    await annEvent.getByRole("button", { name: "Credit attendance: Litter pick" }).click();
    const credit = annEvent.locator("form.credit-attendance");
    expect(await credit.getByLabel("Paid from").inputValue()).toBe("group");
    expect(await credit.getByRole("checkbox", { name: /Sam/ }).isChecked()).toBe(true);
    expect(await credit.getByRole("checkbox", { name: /Kim/ }).isChecked()).toBe(true);
    expect(await credit.getByRole("checkbox", { name: /Ann/ }).isChecked()).toBe(false);
    await credit.getByLabel("Hours for each person").fill("2");
    await credit.getByLabel("Hours for Kim, if different").fill("3");
    await credit.getByText("2 people, 5 h in all, paid from The group's pot.").waitFor();
    await screens(ann, "pot-credit-attendance", events(ann));
    await credit.getByRole("button", { name: "Credit attendance" }).click();
    // The form gives way to what was credited, on the coordinator's phone as on everyone's.
    await annEvent.getByText(/^Attendance credited: (Sam 2 h, Kim 3 h|Kim 3 h, Sam 2 h)\. Thank you, everyone\.$/).waitFor({ timeout: 20_000 });

    // A thank-you from the pot for the leader.
    const thanks = events(ann).locator("form.thank-you");
    await thanks.getByLabel("Who to thank").selectOption({ label: "Kim" });
    await thanks.getByLabel("Hours to give").fill("1");
    await thanks.getByLabel("What for").fill("Leading the pick and bringing the grabbers");
    await thanks.getByRole("button", { name: "Thank them" }).click();
    await ann.getByText("Thank-you given to Kim.").waitFor({ timeout: 20_000 });

    for (const page of [ann, sam, kim]) {
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 30_000 }).toBe("3 h");
      await expect.poll(() => balanceOf(page, "Kim"), { timeout: 30_000 }).toBe("5 h");
      await expect.poll(() => balanceOf(page, "Ann"), { timeout: 30_000 }).toBe("0 h"); // the coordinator paid nothing herself
      await expect.poll(() => pot(page), { timeout: 30_000 }).toBe("−8 h");
    }
    await events(sam).getByText(/^Attendance credited: (Sam 2 h, Kim 3 h|Kim 3 h, Sam 2 h)\. Thank you, everyone\.$/).waitFor({ timeout: 20_000 });
    expect(await events(sam).getByRole("button", { name: /I'll come|I can't come/ }).count()).toBe(0);
    await screens(sam, "pot-credited-member", events(sam));

    // What Sam's phone holds: one event record, paid by the group account, naming the pick.
    const { view, kinds } = await ledgerOn(sam, groupOf(sam));
    expect(kinds["exchange.event"]).toBe(1);
    expect(kinds["grant"]).toBe(1);
    expect(kinds["listing.attend"]).toBe(4);
    const pick = view.listings.find((l) => l.title === "Litter pick");
    const paid = view.exchanges.find((e) => e.kind === "exchange.event");
    expect(paid).toMatchObject({ listing: pick?.id, description: "Litter pick", category: "Litter picking", status: "complete" });
    expect(paid?.deltas.find((d) => d.minutes < 0)).toEqual({ account: `${groupOf(sam)}:group`, minutes: -300 });
    expect(view.totals.invalid).toBe(0);

    // Done: the coordinator takes it off the list; members' credits stay.
    expect(await events(sam).getByRole("button", { name: "Take Litter pick off the list" }).count()).toBe(0);
    await annEvent.getByRole("button", { name: "Take Litter pick off the list" }).click();
    await events(sam).getByText("No events planned yet.").waitFor({ timeout: 20_000 });
    expect(await balanceOf(sam, "Kim")).toBe("5 h");
  });

  it("an organisation's account pays for a work party it asked for, and the pot pays nothing", { timeout: 180_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Green Lanes", "Ann");
    const sam = await joinAndApprove(suite.browser, ann, "Green Lanes", "Sam");
    const trust = await (await suite.browser.newContext()).newPage();
    await trust.goto(await inviteLink(ann));
    await trust.getByLabel(/An organisation/).check();
    await trust.getByLabel("Its name").fill("Canal Trust");
    await trust.getByRole("button", { name: "Ask to join" }).click();
    await ann.getByRole("listitem").filter({ hasText: "Canal Trust" }).getByRole("button", { name: "Approve" }).click({ timeout: 20_000 });
    await toEvents(ann);
    await expect.poll(() => pot(ann), { timeout: 20_000 }).toBe("−2 h");

    const plan = events(ann).locator("form.plan-event");
    await plan.getByLabel("Name of the event").fill("Hedge planting");
    await plan.getByLabel("Date").fill("2026-12-19");
    await plan.getByLabel("Where").fill("Green Lanes allotments");
    await plan.getByRole("button", { name: "Plan it" }).click();
    const event = events(ann).getByRole("listitem").filter({ has: ann.getByRole("heading", { name: "Hedge planting" }) });
    await event.getByRole("button", { name: "Credit attendance: Hedge planting" }).click({ timeout: 20_000 });
    const credit = event.locator("form.credit-attendance");
    await credit.getByLabel("Paid from").selectOption({ label: "Canal Trust" });
    expect(await credit.getByRole("checkbox", { name: /Canal Trust/ }).count()).toBe(0); // the payer is not among those paid
    await credit.getByRole("checkbox", { name: /Sam/ }).check();
    await credit.getByLabel("Hours for each person").fill("2");
    await credit.getByText("1 person, 2 h in all, paid from Canal Trust.").waitFor();
    await credit.getByRole("button", { name: "Credit attendance" }).click();
    for (const page of [ann, sam]) {
      await expect.poll(() => balanceOf(page, "Sam"), { timeout: 30_000 }).toBe("3 h");
      await expect.poll(() => balanceOf(page, "Canal Trust"), { timeout: 30_000 }).toBe("−1 h");
      await expect.poll(() => pot(page), { timeout: 30_000 }).toBe("−2 h");
    }
  });

  it("refuses to credit nobody and says why, without recording anything", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Canal Friends", "Ann");
    await toEvents(ann);
    const plan = events(ann).locator("form.plan-event");
    await plan.getByLabel("Name of the event").fill("Towpath tidy");
    await plan.getByLabel("Date").fill("2026-12-12");
    await plan.getByLabel("Where").fill("Lock 3");
    await plan.getByRole("button", { name: "Plan it" }).click();
    const event = events(ann).getByRole("listitem").filter({ has: ann.getByRole("heading", { name: "Towpath tidy" }) });
    await event.getByRole("button", { name: "Credit attendance: Towpath tidy" }).click({ timeout: 20_000 });
    await event.locator("form.credit-attendance").getByRole("button", { name: "Credit attendance" }).click();
    await event.getByRole("alert").getByText("This was not recorded: Tick at least one person who came.").waitFor();
    const { kinds } = await ledgerOn(ann, groupOf(ann));
    expect(kinds["exchange.event"]).toBeUndefined();
  });
});
