// A link code: an account (its member seed) and its groups, as the address a
// phone opens to take the account on. It is the account itself, so it is only
// ever shown to its owner: on their own screen, or on their sign-up card.
// It travels in the address's fragment, which browsers never send to a server.
import { decodeCanonicalText, encodeCanonical, toBase64Url, GROUP_ID_BYTES, MAX_NAME_CHARS } from "@tally/core";

const VERSION = 1;
const MAX_GROUPS = 32;
const MAX_LINK_CHARS = 8_192;

export interface LinkedGroup {
  group: Uint8Array;
  name: string;
}

export interface LinkCode {
  memberSeed: Uint8Array;
  groups: LinkedGroup[];
}

export function linkAddress(origin: string, code: LinkCode): string {
  const groups = code.groups.slice(0, MAX_GROUPS).map((g) => [g.group, g.name.slice(0, MAX_NAME_CHARS)]);
  return `${origin}/#/link/${toBase64Url(encodeCanonical([VERSION, code.memberSeed, groups]))}`;
}

/** The account in a link code, or null when the text is not one. */
export function parseLinkCode(text: string): LinkCode | null {
  const value = decodeCanonicalText(text, MAX_LINK_CHARS);
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [version, memberSeed, groups] = value;
  if (version !== VERSION || !(memberSeed instanceof Uint8Array) || memberSeed.length !== 32) return null;
  if (!Array.isArray(groups) || groups.length > MAX_GROUPS) return null;
  const parsed: LinkedGroup[] = [];
  for (const entry of groups) {
    if (!Array.isArray(entry) || entry.length !== 2) return null;
    const [group, name] = entry;
    if (!(group instanceof Uint8Array) || group.length !== GROUP_ID_BYTES || typeof name !== "string") return null;
    parsed.push({ group, name });
  }
  return { memberSeed, groups: parsed };
}
