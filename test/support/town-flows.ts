// What people do with a town pool in the app, as steps the browser tests
// share: the pool's coordinator shares its pool link, a group's coordinator
// asks to join with it, the pool admits the group, a member pays someone in
// another group from their offer and the payee accepts.
import type { Locator, Page } from "playwright-core";
import { openTab } from "./app-flows.ts";

/** Records travel phone → relay → (another relay) → phone: generous on a busy machine. */
export const TOWN_SYNC_MS = 90_000;

/** Opens the Town tab of the group open on this page (shown once the group is in a pool or is one). */
export async function openTown(page: Page): Promise<void> {
  const link = page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: /^Town(?!\p{L})/u });
  if ((await link.getAttribute("aria-current", { timeout: TOWN_SYNC_MS })) !== "page") await link.click();
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

/** Opens the coordinator's Town pool tool on the Coordinate tab. */
async function openTownTool(page: Page): Promise<void> {
  await openTab(page, "Coordinate");
  const tool = page.getByRole("button", { name: "Town pool" });
  if ((await tool.getAttribute("aria-expanded")) === "false") await tool.click();
}

/** The pool link the group open on this page shares as a town pool. */
export async function poolLinkOf(page: Page): Promise<string> {
  await openTownTool(page);
  return page.getByLabel("Pool link", { exact: true }).inputValue();
}

/** The group's coordinator asks to join the pool with its link. */
export async function askToJoin(page: Page, link: string): Promise<void> {
  await openTownTool(page);
  await page.getByLabel("Pool link or pool id").fill(link);
  await page.getByRole("button", { name: "Ask to join" }).click();
  await page.getByRole("status").filter({ hasText: "Asked." }).waitFor();
}

/** The pool's coordinator admits a group once its ask has reached the pool. */
export async function admit(pool: Page, group: string): Promise<void> {
  await openTown(pool);
  await pool.getByRole("button", { name: `Admit ${group}` }).click({ timeout: TOWN_SYNC_MS });
  await pool.getByRole("status").filter({ hasText: `${group} is admitted.` }).waitFor();
}

/** A member posts an offer in their own group. */
export async function offer(page: Page, title: string, category: string): Promise<void> {
  await openTab(page, "Offers & requests");
  await page.getByLabel("I can offer").check();
  await page.getByLabel("What", { exact: true }).fill(title);
  await page.getByRole("combobox", { name: /^Category/ }).selectOption(category);
  await page.getByRole("button", { name: "Post it" }).click();
  await page.getByRole("status").filter({ hasText: "Posted." }).waitFor();
}

/** The pool's coordinator sets how far below zero a group's balance in the pool may go. */
export async function setPoolLimit(pool: Page, group: string, hours: string): Promise<void> {
  await openTown(pool);
  await pool.getByRole("combobox", { name: "Which group" }).selectOption({ label: group });
  await pool.getByLabel("How far below zero its balance may go (hours)").fill(hours);
  await pool.getByRole("button", { name: "Set the limit" }).click();
  await pool.getByRole("status").filter({ hasText: `The limit of ${group} is now` }).waitFor();
}

/** A member finds an offer across the town by a word of it and opens the payment for it; returns the payment's form. */
export async function openPayment(page: Page, search: string, title: string): Promise<Locator> {
  await openTown(page);
  await page.getByLabel("Search the town").fill(search);
  await page.getByRole("button", { name: `I'd like this: ${title}` }).click({ timeout: TOWN_SYNC_MS });
  return page.getByRole("group", { name: `Pay for: ${title}` });
}

/** Fills in the payment and pays. */
export async function pay(form: Locator, hours: string, what: string): Promise<void> {
  await form.getByLabel("How long (hours)").fill(hours);
  await form.getByLabel("What was done").fill(what);
  await form.getByRole("button", { name: "Pay" }).click();
}
