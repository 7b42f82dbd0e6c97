// A member's social CV, derived from the ledger view: the hours of help they
// gave and received, by category and by organisation, and every movement of
// their account.
//
// Only help counts as hours given or received: exchanges and group activities
// (events). Gifts of credit, grants from the group and the joining bonus move
// the balance, so they are in the history, but nobody gave an hour of help for
// them. A corrected exchange counts nowhere; of a partly confirmed one, only
// the legs that moved count.
import type { ExchangeView, LedgerView } from "@tally/core";

const HELP_KINDS: ReadonlySet<ExchangeView["kind"]> = new Set(["exchange.propose", "exchange.event"]);
/** Member kinds shown by name in the organisations table; everyone else is summed as individuals. */
const ORGANISATION_KINDS: ReadonlySet<string> = new Set(["organisation", "business", "group"]);

export interface CvRow<K> {
  /** A category, or an organisation's account id; null for "Other" or "Individuals". */
  key: K;
  givenMinutes: number;
  receivedMinutes: number;
}

export interface CvMovement {
  id: string;
  kind: ExchangeView["kind"];
  timeMs: number;
  /** The account's own movement: positive when it earned credit. */
  minutes: number;
  counterparties: string[];
  description?: string;
}

export interface SocialCv {
  givenMinutes: number;
  receivedMinutes: number;
  byCategory: CvRow<string | null>[];
  byOrganisation: CvRow<string | null>[];
  /** Newest first. */
  history: CvMovement[];
}

/** Who gave whom how many minutes in one exchange: a payee gives help to the payer. */
interface Pair {
  helper: string;
  helped: string;
  minutes: number;
}

/**
 * An exchange's moved legs as pairs. An event has no legs, only who paid and
 * who was paid; it is split into pairs by matching both lists in order, which
 * keeps every total right.
 */
function pairsOf(exchange: ExchangeView): Pair[] {
  if (exchange.kind === "exchange.propose") {
    return exchange.legs.filter((l) => l.moved).map((l) => ({ helper: l.payee, helped: exchange.payer as string, minutes: l.minutes }));
  }
  const payers = exchange.deltas.filter((d) => d.minutes < 0).map((d) => ({ account: d.account, left: -d.minutes }));
  const payees = exchange.deltas.filter((d) => d.minutes > 0).map((d) => ({ account: d.account, left: d.minutes }));
  const pairs: Pair[] = [];
  let i = 0;
  for (const payee of payees) {
    while (payee.left > 0 && i < payers.length) {
      const payer = payers[i]!;
      const minutes = Math.min(payee.left, payer.left);
      pairs.push({ helper: payee.account, helped: payer.account, minutes });
      payee.left -= minutes;
      payer.left -= minutes;
      if (payer.left === 0) i++;
    }
  }
  return pairs;
}

/** The exchange's own category, else its listing's, else null ("Other"). */
function categoryOf(view: LedgerView, exchange: ExchangeView): string | null {
  if (exchange.category) return exchange.category;
  const listing = exchange.listing ? view.listings.find((l) => l.id === exchange.listing) : undefined;
  return listing?.category || null;
}

function add<K>(rows: Map<K, CvRow<K>>, key: K, given: number, received: number): void {
  const row = rows.get(key) ?? { key, givenMinutes: 0, receivedMinutes: 0 };
  row.givenMinutes += given;
  row.receivedMinutes += received;
  rows.set(key, row);
}

/** Most hours first, ties by key; the catch-all row (null) last. */
function sorted<K extends string | null>(rows: Map<K, CvRow<K>>): CvRow<K>[] {
  return [...rows.values()].sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    const byHours = b.givenMinutes + b.receivedMinutes - (a.givenMinutes + a.receivedMinutes);
    return byHours !== 0 ? byHours : (a.key ?? "") < (b.key ?? "") ? -1 : 1;
  });
}

export function socialCv(view: LedgerView, accountId: string): SocialCv {
  const byCategory = new Map<string | null, CvRow<string | null>>();
  const byOrganisation = new Map<string | null, CvRow<string | null>>();
  const history: CvMovement[] = [];
  let givenMinutes = 0;
  let receivedMinutes = 0;
  for (const exchange of view.exchanges) {
    if (exchange.status === "corrected") continue;
    const own = exchange.deltas.filter((d) => d.account === accountId).reduce((sum, d) => sum + d.minutes, 0);
    if (own === 0) continue;
    const counterparties = [...new Set(exchange.deltas.filter((d) => d.account !== accountId && Math.sign(d.minutes) === -Math.sign(own)).map((d) => d.account))];
    history.push({
      id: exchange.id,
      kind: exchange.kind,
      timeMs: exchange.timeMs,
      minutes: own,
      counterparties,
      ...(exchange.description !== undefined ? { description: exchange.description } : {}),
    });
    if (!HELP_KINDS.has(exchange.kind)) continue;
    const category = categoryOf(view, exchange);
    for (const pair of pairsOf(exchange)) {
      const given = pair.helper === accountId ? pair.minutes : 0;
      const received = pair.helped === accountId ? pair.minutes : 0;
      if (given === 0 && received === 0) continue;
      const other = given > 0 ? pair.helped : pair.helper;
      const organisation = ORGANISATION_KINDS.has(view.accounts[other]?.memberKind ?? "person") ? other : null;
      givenMinutes += given;
      receivedMinutes += received;
      add(byCategory, category, given, received);
      add(byOrganisation, organisation, given, received);
    }
  }
  history.sort((a, b) => b.timeMs - a.timeMs || (a.id < b.id ? -1 : 1));
  return { givenMinutes, receivedMinutes, byCategory: sorted(byCategory), byOrganisation: sorted(byOrganisation), history };
}
