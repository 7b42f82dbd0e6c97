// What people do in the app, as steps the browser tests share.
import type { Browser, Page } from "playwright-core";

/** A new phone's first load (wasm, keys, IndexedDB): with other browsers busy on a loaded machine it took over 30 s. */
export const FIRST_LOAD_MS = 90_000;

export async function startGroup(browser: Browser, relayUrl: string, group: string, founder: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(relayUrl);
  await page.getByLabel("Group name").fill(group, { timeout: FIRST_LOAD_MS });
  await page.getByLabel("Your name").fill(founder);
  await page.getByRole("button", { name: "Start the group" }).click();
  await page.getByRole("heading", { name: group }).waitFor();
  await page.getByText("Synced with the relay").waitFor({ timeout: 20_000 });
  return page;
}

/** A group's tabs, by the words on them. */
export type GroupTab = "Home" | "Offers & requests" | "Record" | "Members" | "Me" | "Coordinate";

/** Opens a tab of the group open on this page, as a person taps it, and waits until it is the current one. */
export async function openTab(page: Page, tab: GroupTab): Promise<void> {
  // The name may go on with a count ("…, 2 waiting"); "Me" must not match "Members".
  const link = page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: new RegExp(`^${tab}(?!\\p{L})`, "u") });
  if ((await link.getAttribute("aria-current", { timeout: 20_000 })) !== "page") await link.click();
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

export async function inviteLink(coordinator: Page): Promise<string> {
  await openTab(coordinator, "Coordinate");
  await coordinator.getByRole("button", { name: "Make an invite link" }).click();
  return coordinator.getByLabel("Invite link (valid 14 days)").inputValue();
}

/** A newcomer opens the invite in their own browser, asks to join, and the coordinator approves. */
export async function joinAndApprove(browser: Browser, coordinator: Page, group: string, name: string): Promise<Page> {
  const link = await inviteLink(coordinator);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name, { timeout: FIRST_LOAD_MS });
  await page.getByRole("button", { name: "Ask to join" }).click();
  await page.getByText("Your request to join has been sent").waitFor();
  await openTab(coordinator, "Coordinate");
  await coordinator.getByRole("listitem").filter({ hasText: name }).getByRole("button", { name: "Approve" }).click({ timeout: 20_000 });
  await page.getByRole("heading", { name: group }).waitFor({ timeout: 20_000 });
  return page;
}

/** A member's balance in the members table (the Members tab is opened first). */
export async function balanceOf(page: Page, name: string): Promise<string> {
  await openTab(page, "Members");
  const row = page.locator("tr", { has: page.locator("td", { hasText: new RegExp(`^${name}$`) }) });
  return (await row.locator("td").nth(2).textContent()) ?? "";
}
