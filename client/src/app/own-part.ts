// A group's own part of its view. A group in a pool also holds the pool's
// records and what other groups carry there (partial copies of those groups),
// which the Town tab reads; the group's own pages count only its own.
import type { LedgerView } from "@tally/core";

export function ownPart(view: LedgerView, groupHex: string): LedgerView {
  return {
    ...view,
    accounts: Object.fromEntries(Object.entries(view.accounts).filter(([, a]) => a.group === groupHex)),
    exchanges: view.exchanges.filter((e) => e.group === groupHex),
    listings: view.listings.filter((l) => l.group === groupHex),
  };
}
