// A Web Push subscription as a device hands it to the relay, checked before it
// is kept. The relay will later make HTTPS requests to the endpoint, so an
// endpoint is a way to make the relay call a host: only https, only hosts of
// the push services the operator allows (PUSH_SERVICE_HOSTS), no credentials,
// bounded sizes. Without that, a member could aim the relay at its own
// network (a cloud metadata address, an admin port): server-side request forgery.
import { fromBase64Url } from "@tally/core";

/** The browsers' push services (Chrome/Edge via FCM, Firefox, Safari, Windows). */
export const DEFAULT_PUSH_SERVICE_HOSTS: readonly string[] = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "web.push.apple.com",
  "*.notify.windows.com",
];

export const MAX_ENDPOINT_CHARS = 1_024;
const P256_POINT_BYTES = 65;
const AUTH_SECRET_BYTES = 16;

export interface PushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Hosts as the operator writes them: `host`, `*.domain` (any subdomain), or
 * `host:port` (a port other than 443, as a stand-in push service in a test has).
 */
export function parseServiceHosts(text: string): string[] | string {
  const hosts = text.split(",").map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
  const bad = hosts.find((h) => !/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/.test(h));
  return bad === undefined ? hosts : `"${bad.slice(0, 80)}" is not a host name, *.domain or host:port`;
}

/** The subscription, or the reason it is refused (said to the device). */
export function checkSubscription(value: unknown, allowedHosts: readonly string[]): PushSubscription | string {
  if (typeof value !== "object" || value === null) return "expected a subscription {endpoint, keys: {p256dh, auth}}";
  const { endpoint, keys } = value as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
  if (typeof endpoint !== "string" || endpoint.length > MAX_ENDPOINT_CHARS) return `the endpoint must be a URL of at most ${MAX_ENDPOINT_CHARS} characters`;
  const problem = checkEndpoint(endpoint, allowedHosts);
  if (problem) return problem;
  const p256dh = typeof keys?.p256dh === "string" && keys.p256dh.length <= 100 ? fromBase64Url(keys.p256dh) : null;
  const auth = typeof keys?.auth === "string" && keys.auth.length <= 30 ? fromBase64Url(keys.auth) : null;
  if (p256dh?.length !== P256_POINT_BYTES || p256dh[0] !== 0x04) return "keys.p256dh must be an uncompressed P-256 public key (base64url)";
  if (auth?.length !== AUTH_SECRET_BYTES) return "keys.auth must be 16 bytes (base64url)";
  return { endpoint, keys: { p256dh: keys!.p256dh as string, auth: keys!.auth as string } };
}

function checkEndpoint(endpoint: string, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "the endpoint is not a URL";
  }
  if (url.protocol !== "https:") return "the endpoint must be an https URL";
  if (url.username || url.password) return "the endpoint must not carry credentials";
  if (!hostAllowed(url, allowedHosts)) return `the endpoint is not at a push service this relay sends to (${url.host.slice(0, 80)})`;
  return null;
}

function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port === "" ? "443" : url.port;
  return allowedHosts.some((allowed) => {
    const [name, allowedPort = "443"] = allowed.split(":") as [string, string?];
    if (port !== allowedPort) return false;
    return name.startsWith("*.") ? host.endsWith(name.slice(1)) && host.length > name.length - 1 : host === name;
  });
}
