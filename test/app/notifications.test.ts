// Notifications in a real Chromium against a real relay: the activity list
// derived from each phone's ledger (an approval, an exchange to confirm, its
// confirmation, a correction, a join request for the coordinator) with unread
// counts kept in IndexedDB across reloads; and the service worker showing a
// push (delivered through DevTools, as a push service would) in the words the
// app saved for the group, with nothing from the push but the group's id.
// The Chromium here is a headless shell, which has no notification platform:
// Notification.permission stays "denied" whatever DevTools grants, so
// showNotification always fails and getNotifications() is always empty. The
// test therefore replaces registration.showNotification inside the running
// service worker (through DevTools) with one that records its arguments.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page, Worker } from "playwright-core";
import { joinAndApprove, inviteLink, openTab, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf } from "../support/phone-ledger.ts";
import { seriousViolations } from "../support/axe.ts";

const suite = appSuite();
const SYNC_MS = 30_000;
const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");

function activity(page: Page) {
  return page.getByRole("region", { name: /^Activity/ });
}

async function heading(page: Page): Promise<string> {
  return (await activity(page).getByRole("heading", { level: 2 }).textContent()) ?? "";
}

interface Shown {
  title: string;
  body: string;
  tag: string;
  url: string;
}

/** The notifications the service worker shows from now on, recorded (see above). */
async function recordNotifications(page: Page): Promise<{ shown: () => Promise<Shown[]>; worker: Worker }> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const worker = page.context().serviceWorkers()[0] ?? (await page.context().waitForEvent("serviceworker"));
  await worker.evaluate(() => {
    const scope = self as unknown as { registration: ServiceWorkerRegistration; shown: Shown[] };
    scope.shown = [];
    scope.registration.showNotification = async (title: string, options: NotificationOptions = {}) => {
      scope.shown.push({ title, body: options.body ?? "", tag: options.tag ?? "", url: (options.data as { url: string }).url });
    };
  });
  return { shown: () => worker.evaluate(() => (self as unknown as { shown: Shown[] }).shown), worker };
}

describe("notifications", () => {
  it("lists what needs a member and what happened to what they recorded, unread until read, kept across reloads", { timeout: 300_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, "Wombles", "Ann");
    const bea = await joinAndApprove(suite.browser, ann, "Wombles", "Bea");
    await activity(bea).getByRole("article").filter({ hasText: "You were approved: welcome to the group. Your joining bonus is 1 h." }).waitFor({ timeout: SYNC_MS });
    expect(await heading(bea)).toBe("Activity 1 new");
    await openTab(ann, "Home");
    expect(await heading(ann)).toBe("Activity"); // the founder was approved by nobody

    // Ann records that Bea helped her: it waits for Bea, and says so in Bea's activity.
    await openTab(ann, "Record");
    await ann.getByLabel("Who helped you").selectOption({ label: "Bea" });
    await ann.getByLabel("How long (hours)").fill("1.5");
    await ann.getByLabel("What was done").fill("Mended the gate");
    await ann.getByRole("button", { name: "Record it" }).click();
    await activity(bea).getByRole("article").filter({ hasText: "Ann recorded 1:30 h with you: it waits for you to confirm. “Mended the gate”" }).waitFor({ timeout: SYNC_MS });
    await expect.poll(() => heading(bea), { timeout: SYNC_MS }).toBe("Activity 2 new");
    for (const width of [360, 1280]) {
      await bea.setViewportSize({ width, height: 800 });
      await activity(bea).screenshot({ path: resolve(SCREENSHOTS, `notify-activity-${width}.png`) });
      expect(await bea.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    expect(await seriousViolations(bea)).toEqual([]);

    await activity(bea).getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => heading(bea)).toBe("Activity");
    expect(await activity(bea).locator("article.unread").count()).toBe(0);
    await bea.reload();
    await activity(bea).getByRole("article").filter({ hasText: "Ann recorded 1:30 h" }).waitFor({ timeout: SYNC_MS });
    expect(await heading(bea)).toBe("Activity");

    // Bea confirms: Ann, who recorded it, is told.
    await bea.getByRole("button", { name: "Confirm" }).click();
    await openTab(ann, "Home");
    await activity(ann).getByRole("article").filter({ hasText: "Bea confirmed the 1:30 h you recorded. “Mended the gate”" }).waitFor({ timeout: SYNC_MS });
    expect(await heading(ann)).toBe("Activity 1 new");

    // A newcomer asks to join: the coordinator sees it in her activity.
    const link = await inviteLink(ann);
    const cal = await (await suite.browser.newContext()).newPage();
    await cal.goto(link);
    await cal.getByLabel("Your name").fill("Cal");
    await cal.getByRole("button", { name: "Ask to join" }).click();
    await openTab(ann, "Home");
    await activity(ann).getByRole("article").filter({ hasText: "Cal asks to join the group." }).waitFor({ timeout: SYNC_MS });
    expect(await heading(ann)).toBe("Activity 2 new");

    // Ann reverses the exchange: Bea is told who, how much and why.
    await openTab(ann, "Coordinate");
    await ann.getByRole("button", { name: "Correct an exchange" }).click();
    const exchange = await ann.locator("option", { hasText: "Mended the gate" }).getAttribute("value");
    await ann.getByLabel("Exchange to reverse").selectOption(exchange as string);
    await ann.getByLabel("Reason for reversing it").fill("Recorded twice");
    await ann.getByRole("button", { name: "Reverse it" }).click();
    await activity(bea).getByRole("article").filter({ hasText: "Ann reversed an exchange of yours (1:30 h). Reason: Recorded twice “Mended the gate”" }).waitFor({ timeout: SYNC_MS });
    expect(await heading(bea)).toBe("Activity 1 new");
  });

  it("the service worker shows a push in the words saved for its group (general words for anything else), and a tap opens the group", { timeout: 300_000 }, async () => {
    const dee = await startGroup(suite.browser, suite.relay.url, "Litter Pickers", "Dee");
    const groupHex = groupOf(dee);
    await activity(dee).waitFor();
    const { shown, worker } = await recordNotifications(dee);

    const cdp = await dee.context().newCDPSession(dee);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on("ServiceWorker.workerRegistrationUpdated", (event: { registrations: typeof registrations }) => registrations.push(...event.registrations));
    await cdp.send("ServiceWorker.enable");
    await expect.poll(() => registrations.some((r) => r.scopeURL === `${suite.relay.url}/` && !r.isDeleted), { timeout: SYNC_MS }).toBe(true);
    const registrationId = registrations.find((r) => r.scopeURL === `${suite.relay.url}/` && !r.isDeleted)?.registrationId as string;

    await cdp.send("ServiceWorker.deliverPushMessage", { origin: suite.relay.url, registrationId, data: JSON.stringify({ v: 1, group: groupHex }) });
    await expect.poll(shown, { timeout: SYNC_MS }).toEqual([{ title: "Litter Pickers", body: "Something needs you in Litter Pickers. Open Tally to see what.", tag: groupHex, url: `/#/g/${groupHex}` }]);

    // A push about a group this phone has no words for, or one that is not Tally's, still says something.
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: suite.relay.url, registrationId, data: "not json" });
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: suite.relay.url, registrationId, data: JSON.stringify({ v: 1, group: "0".repeat(32) }) });
    const general = { title: "Tally", body: "Something needs you in your timebank. Open Tally to see what.", tag: "tally", url: "/" };
    await expect.poll(async () => (await shown()).length, { timeout: SYNC_MS }).toBe(3);
    expect((await shown()).slice(1).sort((a, b) => (a.tag < b.tag ? 1 : -1))).toEqual([general, { ...general, tag: "0".repeat(32), url: `/#/g/${"0".repeat(32)}` }]);

    // A tap on the notification brings the open window to the group. (A tap is the platform's to make;
    // the event is dispatched in the worker with the notification it would carry, and waited for.)
    await dee.goto(`${suite.relay.url}/#/account`);
    await worker.evaluate(async (url) => {
      const waits: Promise<unknown>[] = [];
      const tap = Object.assign(new Event("notificationclick"), { notification: { data: { url }, close: () => {} }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
      self.dispatchEvent(tap);
      await Promise.all(waits);
    }, `/#/g/${groupHex}`);
    await dee.waitForURL(`${suite.relay.url}/#/g/${groupHex}`, { timeout: SYNC_MS });
    await dee.getByRole("heading", { name: "Litter Pickers" }).waitFor({ timeout: SYNC_MS });
  });
});
