// The plain words of an exchange, shared by the confirmation, the answers, the
// statement and the CSV: what kind of movement it is, who is on each side,
// what was done and when.
import type { ExchangeView, LedgerView } from "@tally/core";
import { parseRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { recordText } from "./record-text.ts";

/** Translation keys (under exchanges.kinds) of movement kinds; record kinds contain dots, which i18next reads as nesting. */
export const KIND_KEYS: Record<ExchangeView["kind"], string> = {
  "exchange.propose": "exchange",
  "exchange.event": "activity",
  donation: "gift",
  grant: "grant",
  "member.approve": "bonus",
};

/** An account's name; the group's own account is its pot. */
export function accountName(view: LedgerView, id: string | null, t: (key: string, options?: Record<string, string>) => string): string {
  if (id === null) return "";
  if (id.endsWith(":group")) return t("exchanges.pot", { group: view.groups[id.split(":")[0] as string]?.name ?? "" });
  return view.accounts[id]?.name || t("exchanges.aMember");
}

/** A day as people read it, in the app's language: "29 Nov 2026". */
export function dateText(timeMs: number, language: string): string {
  return new Date(timeMs).toLocaleDateString(language, { day: "numeric", month: "short", year: "numeric" });
}

/** What was done: an exchange's or event's description, a gift's note or a grant's reason ("" when none). */
export function whatWasDone(replica: GroupReplica, e: ExchangeView): string {
  return e.description ?? (e.id.startsWith("bonus:") ? "" : recordText(replica, e.id));
}

/** The display time a record carries (0 when this device does not hold it). */
export function recordTimeMs(replica: GroupReplica, id: string): number {
  const envelope = replica.ledger.envelopeOf(id);
  const parsed = envelope ? parseRecord(envelope) : null;
  return parsed?.ok ? parsed.record.timeMs : 0;
}

/** Who pays credits and who earns them: for a proposal its legs (moved or not), otherwise what the source moves. */
export function sidesOf(e: ExchangeView): { payers: string[]; payees: { account: string; minutes: number }[] } {
  if (e.payer !== null) return { payers: [e.payer], payees: e.legs.map((l) => ({ account: l.payee, minutes: l.minutes })) };
  return {
    payers: e.deltas.filter((d) => d.minutes < 0).map((d) => d.account),
    payees: e.deltas.filter((d) => d.minutes > 0).map((d) => ({ account: d.account, minutes: d.minutes })),
  };
}

/** One sentence for a movement: "Sam helped Ann for 2 h", "Ann gave 1 h to the group's pot". */
export function exchangeSentence(view: LedgerView, e: ExchangeView, t: (key: string, options?: Record<string, string>) => string, hoursText: (minutes: number) => string): string {
  const { payers, payees } = sidesOf(e);
  const names = (ids: string[]) => ids.map((id) => accountName(view, id, t)).join(", ");
  // A work party's hours are everyone's together: "in all", not each.
  const key = `exchanges.sentences.${KIND_KEYS[e.kind]}${payees.length > 1 && e.kind === "exchange.propose" ? "Many" : ""}`;
  return t(key, {
    from: names(payers),
    to: names(payees.map((p) => p.account)),
    hours: hoursText(payees.reduce((sum, p) => sum + p.minutes, 0)),
  });
}
