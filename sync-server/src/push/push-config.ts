// How the operator sets up Web Push (docs/DEPLOY.md): which push services the
// relay may call, the VAPID subject push services see, and keys taken from
// the environment instead of DATA_DIR/push/vapid.json.
import { DEFAULT_PUSH_SERVICE_HOSTS, parseServiceHosts } from "./push-endpoint.ts";
import { vapidKeysFromEnv, type VapidKeys } from "./vapid-keys.ts";

export interface PushConfig {
  /** Empty: push is off (PUSH_SERVICE_HOSTS=none). */
  serviceHosts: string[];
  /** A mailto: or https: address push services can reach the operator at (Apple's requires one that is real). */
  subject: string;
  vapid: VapidKeys | null;
}

export const DEFAULT_VAPID_SUBJECT = "mailto:operator@tally.invalid";

/** The configuration, or an Error whose message says which variable is wrong. */
export function pushConfigFromEnv(env: NodeJS.ProcessEnv): PushConfig {
  const hostsText = env.PUSH_SERVICE_HOSTS ?? "";
  const hosts = hostsText === "none" ? [] : hostsText === "" ? [...DEFAULT_PUSH_SERVICE_HOSTS] : parseServiceHosts(hostsText);
  if (typeof hosts === "string") throw new Error(`PUSH_SERVICE_HOSTS: ${hosts}`);
  const subject = env.VAPID_SUBJECT || DEFAULT_VAPID_SUBJECT;
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject) || subject.length > 200) {
    throw new Error(`VAPID_SUBJECT must be a mailto: or https: address, not "${subject.slice(0, 80)}"`);
  }
  return { serviceHosts: hosts, subject, vapid: vapidKeysFromEnv(env) };
}
