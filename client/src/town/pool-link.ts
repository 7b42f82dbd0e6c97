// A pool link: the address a town coordinator shares so a group's
// coordinator can ask to join (#/pool/<pool id>/<pool name>). The name is for
// the page's title only; the id is what the pool.join names.
const POOL_ID = /^[0-9a-f]{32}$/;
const IN_LINK = /#\/pool\/([0-9a-fA-F]{32})(?:\/|$)/;
const MAX_NAME_CHARS = 200;

export function poolLink(origin: string, poolHex: string, name: string): string {
  return `${origin}/#/pool/${poolHex}/${encodeURIComponent(name.slice(0, MAX_NAME_CHARS))}`;
}

/** The pool id in what a person pasted (a pool link or the id itself), or null when there is none. */
export function poolIdFrom(text: string): string | null {
  const trimmed = text.trim();
  if (POOL_ID.test(trimmed.toLowerCase())) return trimmed.toLowerCase();
  const match = IN_LINK.exec(trimmed);
  return match ? (match[1] as string).toLowerCase() : null;
}

/** The name a pool link carries ("" when it carries none or it is not readable). */
export function poolNameFrom(segment: string | undefined): string {
  if (!segment) return "";
  try {
    return decodeURIComponent(segment).slice(0, MAX_NAME_CHARS);
  } catch {
    return "";
  }
}
