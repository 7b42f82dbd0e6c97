// The service worker's part in notifications, imported into the Workbox
// service worker (vite.config.ts, build/service-worker-part.ts). A push from
// the relay names only a group; the words shown are those the app saved for
// that group in the member's language (activity-store.ts). A tap opens the app
// at the group, in a window already open if there is one.
import { openDB } from "idb";
import { ACTIVITY_DB, TEXTS, type NotificationText } from "./activity-store.ts";

// This file runs in a service worker; the project's types are the page's, so the worker's few are named here.
interface PushMessage extends ExtendableEvent {
  readonly data: { json(): unknown } | null;
}
interface NotificationTap extends ExtendableEvent {
  readonly notification: Notification;
}
interface WorkerClient {
  readonly url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface Worker {
  readonly registration: ServiceWorkerRegistration;
  readonly location: Location;
  readonly clients: { matchAll(options: { type: "window" }): Promise<WorkerClient[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: "push", listener: (event: PushMessage) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationTap) => void): void;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

const worker = self as unknown as Worker;
const GROUP_HEX = /^[0-9a-f]{32}$/;
const FALLBACK: NotificationText = { title: "Tally", body: "Something needs you in your timebank. Open Tally to see what." };

worker.addEventListener("push", (event) => event.waitUntil(show(event.data)));

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  event.waitUntil(open(typeof data?.url === "string" && data.url.startsWith("/") ? data.url : "/"));
});

async function show(data: PushMessage["data"]): Promise<void> {
  const group = groupOf(data);
  const text = (group && (await savedText(group))) || FALLBACK;
  await worker.registration.showNotification(text.title, {
    body: text.body,
    tag: group ?? "tally",
    icon: "/icon-192.png",
    data: { url: group ? `/#/g/${group}` : "/" },
  });
}

function groupOf(data: PushMessage["data"]): string | null {
  try {
    const payload = data?.json() as { v?: unknown; group?: unknown } | undefined;
    return payload?.v === 1 && typeof payload.group === "string" && GROUP_HEX.test(payload.group) ? payload.group : null;
  } catch {
    return null; // not JSON: shown with the general words
  }
}

async function savedText(group: string): Promise<NotificationText | null> {
  try {
    const db = await openDB(ACTIVITY_DB);
    const text = db.objectStoreNames.contains(TEXTS) ? ((await db.get(TEXTS, group)) as NotificationText | undefined) : undefined;
    db.close();
    return typeof text?.title === "string" && typeof text.body === "string" ? text : null;
  } catch {
    return null;
  }
}

async function open(path: string): Promise<void> {
  const url = new URL(path, worker.location.origin).href;
  const windows = await worker.clients.matchAll({ type: "window" });
  const open = windows[0];
  if (open) {
    // Focus is the platform's to allow (within a real tap); the window is taken to the group either way.
    await open.focus().catch(() => undefined);
    await open.navigate(url);
    return;
  }
  await worker.clients.openWindow(url);
}
