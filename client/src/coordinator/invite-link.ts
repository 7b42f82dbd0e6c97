// An invite link: the coordinator's device signs "whoever holds this may ask
// to join until then"; the relay checks it when a newcomer asks to join.
import { createInvite, hexToBytes, newSeed } from "@tally/core";
import type { Device } from "../device/device.ts";
import { DAY_MS } from "../app/days.ts";

/** A link sent to one person. */
export const INVITE_LINK_LIFETIME_MS = 14 * DAY_MS;
/** A poster stays on a noticeboard for a season. */
export const POSTER_LIFETIME_MS = 90 * DAY_MS;

/** The link ends with the group's name, so the join page can name the group before the newcomer has any of its records. */
export async function makeInviteLink(device: Device, groupHex: string, lifetimeMs: number, groupName: string): Promise<{ link: string; expiresMs: number }> {
  const expiresMs = Date.now() + lifetimeMs;
  const text = await createInvite(device.device, hexToBytes(groupHex), expiresMs, newSeed().slice(0, 16));
  return { link: `${location.origin}/#/join/${text}/${encodeURIComponent(groupName)}`, expiresMs };
}
