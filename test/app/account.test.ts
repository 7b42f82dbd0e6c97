// An account beyond one phone: the recovery code shown once, a second phone
// linked by a code, a lost phone restored from the recovery code, and the
// sign-up desk's cards, each taken onto its owner's phone.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { balanceOf, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { qrSvg } from "../../client/src/qr/qr-svg.ts";

const suite = appSuite();

async function newPhone(): Promise<Page> {
  return (await suite.browser.newContext()).newPage();
}

async function balance(page: Page): Promise<string> {
  return (await page.locator(".balance strong").textContent()) ?? "";
}

describe("an account on more than one phone", () => {
  it("shows the recovery code once, links a second phone, and restores a lost one", { timeout: 120_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Canal Clean-up", "Ann");
    await ann.getByRole("link", { name: "Show my recovery code" }).click();
    const code = (await ann.locator(".recovery-code").textContent()) ?? "";
    expect(code).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    await ann.getByRole("button", { name: "I have kept it safe" }).click();
    await ann.getByText("Your recovery code was shown once").waitFor();
    await ann.reload();
    await ann.getByText("Your recovery code was shown once").waitFor();
    expect(await ann.getByText(code).count()).toBe(0);
    expect(await ann.getByRole("link", { name: "Show my recovery code" }).count()).toBe(0);

    await ann.getByRole("button", { name: "Show a code for my other phone" }).click();
    await ann.getByRole("img", { name: "Code to scan with your other phone" }).waitFor();
    const link = await ann.getByLabel("Address for your other phone").inputValue();
    const second = await newPhone();
    await second.goto(link);
    await second.getByText("Canal Clean-up").waitFor();
    await second.getByRole("button", { name: "Use my account here" }).click();
    await second.getByRole("heading", { name: "Canal Clean-up" }).waitFor({ timeout: 20_000 });
    // The second phone acts for Ann: a gift to the pot from it is Ann's.
    await openTab(second, "Record");
    expect(await second.getByRole("region", { name: "Give credits" }).getByRole("combobox").inputValue()).toBe("group"); // the pot
    await second.getByLabel("How much (hours)").fill("2");
    await second.getByRole("button", { name: "Give" }).click();
    await ann.goto(`${suite.relay.url}/#/`);
    await ann.getByRole("link", { name: "Canal Clean-up" }).click();
    await expect.poll(() => balance(ann), { timeout: 20_000 }).toBe("−2 h");

    const lost = await newPhone();
    await lost.goto(suite.relay.url);
    await lost.getByRole("link", { name: /Restore your account/ }).click();
    await lost.getByLabel("Recovery code").fill("not a code");
    await lost.getByRole("button", { name: "Restore my account" }).click();
    await lost.getByText("This is not a whole recovery code").waitFor();
    await lost.getByLabel("Recovery code").fill(code.toLowerCase().replaceAll("-", " "));
    await lost.getByRole("button", { name: "Restore my account" }).click();
    await lost.getByRole("link", { name: "Your group" }).click({ timeout: 20_000 }); // its name comes with its records
    await lost.getByRole("heading", { name: "Canal Clean-up" }).waitFor({ timeout: 20_000 });
    await expect.poll(() => balance(lost), { timeout: 20_000 }).toBe("−2 h");
    expect(await balanceOf(lost, "Ann")).toBe("−2 h");
  });

  it("signs newcomers up at a shared tablet; each takes their card's account to their own phone", { timeout: 120_000 }, async () => {
    const bea = await startGroup(suite.browser, suite.relay.url, "Park Friends", "Bea");
    await openTab(bea, "Coordinate");
    await bea.getByRole("link", { name: "Sign-up desk for events" }).click();
    const cards: { name: string; link: string; recovery: string }[] = [];
    for (const name of ["Jo", "Kim"]) {
      await bea.getByLabel("Newcomer's name").fill(name);
      await bea.getByRole("button", { name: "Sign me up" }).click();
      await bea.getByRole("heading", { name: "Welcome to Park Friends" }).waitFor();
      const qr = bea.getByRole("img", { name: "Code that takes your account to your phone" });
      const link = (await qr.getAttribute("data-link")) ?? "";
      const shown = await qr.locator("path").getAttribute("d");
      expect(shown).toBe(/ d="([^"]+)"/.exec(qrSvg(link, "M"))?.[1]); // the code on the card is exactly this address
      cards.push({ name, link, recovery: (await bea.locator(".card .recovery-code").textContent()) ?? "" });
      await bea.getByRole("button", { name: "Next person" }).click();
    }
    await bea.getByText("2 people signed up here").waitFor();
    expect(cards[0]!.recovery).not.toBe(cards[1]!.recovery);

    await bea.goBack();
    await bea.getByRole("listitem").filter({ hasText: "Jo" }).getByRole("button", { name: "Approve" }).click({ timeout: 20_000 });
    await bea.getByRole("listitem").filter({ hasText: "Kim" }).waitFor();

    const jo = await newPhone();
    await jo.goto(cards[0]!.link);
    await jo.getByRole("button", { name: "Use my account here" }).click();
    await jo.getByRole("heading", { name: "Park Friends" }).waitFor({ timeout: 20_000 });
    await expect.poll(() => balance(jo), { timeout: 20_000 }).toBe("1 h"); // the joining bonus
    expect(await jo.getByRole("link", { name: "Show my recovery code" }).count()).toBe(0); // the card holds it

    // A phone that already holds an account does not swap it for a card's.
    await bea.goto(cards[1]!.link);
    await bea.getByRole("button", { name: "Use my account here" }).click();
    await bea.getByText("this device already holds another account").waitFor();
  });
});
