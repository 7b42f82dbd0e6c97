// The offers and requests of members across the town (pure): open listings
// of the pool's member groups that are in it now and of the pool itself,
// found by words, category and group. Dated activities stay with their
// group's events.
import type { LedgerView, ListingView } from "@tally/core";

export interface TownSearch {
  words: string;
  category: string;
  /** A group's id, or "" for every group. */
  group: string;
}

/** The groups whose members' listings the town sees: the pool and its groups in it now. */
export function townGroups(view: LedgerView, poolHex: string): string[] {
  const groups = Object.entries(view.pools?.[poolHex]?.groups ?? {})
    .filter(([, g]) => g.status === "member")
    .map(([group]) => group);
  return [poolHex, ...groups.sort()];
}

export function townListings(view: LedgerView, poolHex: string, todayDay: number, search: TownSearch, textOf: (listing: ListingView) => string): ListingView[] {
  const groups = new Set(townGroups(view, poolHex));
  const words = search.words.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return view.listings
    .filter((l) => groups.has(l.group) && l.open && l.startsDay === undefined && (l.type === "offer" || l.type === "request"))
    .filter((l) => l.expiresDay === undefined || l.expiresDay >= todayDay)
    .filter((l) => (search.group === "" || l.group === search.group) && (search.category === "" || l.category === search.category))
    .filter((l) => {
      const text = textOf(l).toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.id < b.id ? -1 : 1));
}
