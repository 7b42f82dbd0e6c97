// Web Push on this device, by the member's choice: the browser subscribes with
// the relay's VAPID key, and the relay keeps the subscription for this device
// (proved by a fresh challenge signed with the device key). Every failure
// says what to do in words; nothing here is needed for the app to work.
import { bytesToHex, fromBase64Url, signRelayAuth, type Signer } from "@tally/core";

export type PushState = "unsupported" | "blocked" | "off" | "on";

/** How long to wait for the service worker (absent in a development server). */
const WORKER_READY_MS = 10_000;

export class PushProblem extends Error {}

export async function pushState(): Promise<PushState> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  return subscription && Notification.permission === "granted" ? "on" : "off";
}

export async function turnOnPush(device: Signer): Promise<void> {
  if ((await pushState()) === "unsupported") throw new PushProblem("this browser cannot show notifications from a website");
  const { publicKey } = await relay("/push/key");
  const applicationServerKey = typeof publicKey === "string" ? fromBase64Url(publicKey) : null;
  if (!applicationServerKey) throw new PushProblem("the relay sent no key for notifications");
  if ((await Notification.requestPermission()) !== "granted") throw new PushProblem("notifications are blocked for this site: allow them in the browser's site settings");
  const registration = await workerReady();
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, applicationServerKey)) {
    await subscription.unsubscribe(); // made with a key the relay no longer has
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey as Uint8Array<ArrayBuffer> });
  } catch (error) {
    throw new PushProblem(`the browser's push service could not be reached (${(error as Error).message})`);
  }
  await relay("/push/subscribe", { auth: await deviceAuth(device), subscription: subscription.toJSON() });
}

export async function turnOffPush(device: Signer): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
  await relay("/push/unsubscribe", { auth: await deviceAuth(device) });
}

async function workerReady(): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PushProblem("the app's offline part is not installed yet: reload the page and try again")), WORKER_READY_MS);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  return a !== null && bytesToHex(new Uint8Array(a)) === bytesToHex(b);
}

async function deviceAuth(device: Signer): Promise<string> {
  const { challenge } = await relay("/auth/challenge");
  const bytes = typeof challenge === "string" ? fromBase64Url(challenge) : null;
  if (!bytes) throw new PushProblem("the relay sent a damaged challenge");
  return signRelayAuth(device, bytes, `device-${bytesToHex(device.publicKey).slice(0, 16)}-push`);
}

async function relay(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const init = body === undefined ? undefined : { method: "POST", body: JSON.stringify(body) };
  const response = await fetch(path, init).catch(() => null);
  if (!response) throw new PushProblem("no connection to the relay; try again when you are online");
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new PushProblem(typeof answer.error === "string" ? answer.error : `the relay answered ${response.status}`);
  return answer;
}
