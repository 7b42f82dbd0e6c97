// The relay's VAPID key pair (RFC 8292): push services accept a push only when
// it is signed with the key the browser subscribed with. Taken from the
// environment (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY), else made on first start
// and kept in DATA_DIR/push/vapid.json, so subscriptions outlive restarts.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import webpush from "web-push";
import { fromBase64Url } from "@tally/core";
import { writeDurably } from "../storage/durable-file.ts";

/** DATA_DIR/push holds the VAPID private key and the subscriptions (each a capability to wake a browser). */
export const PUSH_DIR_MODE = 0o700;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The pair from the environment when both are given; null when neither is; an error when one is missing or malformed. */
export function vapidKeysFromEnv(env: NodeJS.ProcessEnv): VapidKeys | null {
  const publicKey = env.VAPID_PUBLIC_KEY ?? "";
  const privateKey = env.VAPID_PRIVATE_KEY ?? "";
  if (!publicKey && !privateKey) return null;
  const problem = vapidKeysProblem({ publicKey, privateKey });
  if (problem) throw new Error(`VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: ${problem}`);
  return { publicKey, privateKey };
}

export async function loadOrMakeVapidKeys(dataDir: string): Promise<VapidKeys> {
  const dir = join(dataDir, "push");
  const file = join(dir, "vapid.json");
  if (existsSync(file)) {
    let stored: VapidKeys | null = null;
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as VapidKeys;
    } catch {
      // reported below, as any other damage
    }
    const problem = vapidKeysProblem(stored ?? {});
    if (problem) throw new Error(`${file}: ${problem} (remove it to make a new pair; devices then subscribe again)`);
    return { publicKey: (stored as VapidKeys).publicKey, privateKey: (stored as VapidKeys).privateKey };
  }
  mkdirSync(dir, { recursive: true, mode: PUSH_DIR_MODE }); // the private key: readable by the relay's user only
  const made = webpush.generateVAPIDKeys();
  await writeDurably(file, JSON.stringify({ publicKey: made.publicKey, privateKey: made.privateKey }));
  return made;
}

function vapidKeysProblem(keys: Partial<VapidKeys>): string | null {
  const publicKey = typeof keys?.publicKey === "string" ? fromBase64Url(keys.publicKey) : null;
  const privateKey = typeof keys?.privateKey === "string" ? fromBase64Url(keys.privateKey) : null;
  if (publicKey?.length !== 65 || publicKey[0] !== 0x04) return "the public key must be an uncompressed P-256 point, 65 bytes in base64url";
  if (privateKey?.length !== 32) return "the private key must be 32 bytes in base64url";
  return null;
}
