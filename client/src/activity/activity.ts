// What happened in a group that concerns this member, derived on the device
// from its ledger: things to do (an exchange to confirm; a join request, for
// coordinators) and news (their own approval, an exchange they recorded
// confirmed or declined, a correction reversing an exchange of theirs). Pure:
// the records it looks at come through `recordOf`, the clock through `sinceMs`.
import type { ExchangeView, LedgerView } from "@tally/core";

export type ActivityKind = "confirm" | "join" | "approved" | "confirmed" | "declined" | "corrected";

export interface ActivityItem {
  /** Stable across derivations, so "read" can be kept: "<kind>:<record id>". */
  id: string;
  kind: ActivityKind;
  /** Something to do, not only news. */
  action: boolean;
  /** When the record says it was written (display and order only); 0 when not known. */
  timeMs: number;
  /** The other member(s) concerned, by name. */
  who: string;
  minutes?: number;
  description?: string;
  reason?: string;
}

/** What the activity needs of one record. */
export interface RecordFacts {
  deviceHex: string;
  timeMs: number;
  body: Record<string, unknown>;
}

export interface ActivityInput {
  view: LedgerView;
  groupHex: string;
  /** This member's account id, "<group>:<member>". */
  me: string;
  recordOf(id: string): RecordFacts | null;
  /** The account a device writes for, in this group. */
  accountOfDevice(deviceHex: string): string | null;
  /** News older than this is left out (only things to do are shown whatever their age). */
  sinceMs: number;
}

const MAX_ITEMS = 200;

export function deriveActivity(input: ActivityInput): ActivityItem[] {
  const mine = input.view.accounts[input.me];
  if (!mine || mine.status !== "active") return [];
  const items = [...toConfirm(input), ...joinRequests(input), ...approval(input), ...answers(input), ...corrections(input)];
  items.sort((a, b) => b.timeMs - a.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items.slice(0, MAX_ITEMS);
}

function nameOf(input: ActivityInput, account: string | null | undefined): string {
  return (account && input.view.accounts[account]?.name) || "?";
}

/** The other side of an exchange, seen from this member. */
function otherSide(input: ActivityInput, exchange: ExchangeView): string {
  const others = exchange.payer === input.me ? exchange.legs.map((l) => l.payee) : [exchange.payer];
  return [...new Set(others)].filter((a) => a !== input.me).map((a) => nameOf(input, a)).join(", ");
}

function myMinutes(input: ActivityInput, exchange: ExchangeView): number {
  const legs = exchange.payer === input.me ? exchange.legs : exchange.legs.filter((l) => l.payee === input.me);
  return legs.reduce((sum, l) => sum + l.minutes, 0);
}

function groupExchanges(input: ActivityInput): ExchangeView[] {
  return input.view.exchanges.filter((e) => e.group === input.groupHex);
}

function toConfirm(input: ActivityInput): ActivityItem[] {
  return groupExchanges(input)
    .filter((e) => e.kind === "exchange.propose" && (e.status === "waiting" || e.status === "partial") && e.legs.some((l) => l.waitingFor === input.me))
    .map((e) => ({ id: `confirm:${e.id}`, kind: "confirm", action: true, timeMs: e.timeMs, who: otherSide(input, e), minutes: myMinutes(input, e), ...(e.description ? { description: e.description } : {}) }));
}

function joinRequests(input: ActivityInput): ActivityItem[] {
  if (input.view.accounts[input.me]?.role !== "coordinator") return [];
  return input.view.joinRequests
    .filter((j) => j.group === input.groupHex)
    .map((j) => ({ id: `join:${j.id}`, kind: "join", action: true, timeMs: input.recordOf(j.id)?.timeMs ?? 0, who: j.name, ...(j.note ? { description: j.note } : {}) }));
}

/** Approved: unless this member founded the group. The joining bonus, when there is one, dates it. */
function approval(input: ActivityInput): ActivityItem[] {
  const genesis = input.view.groups[input.groupHex]?.genesis;
  const founder = genesis ? input.recordOf(genesis) : null;
  if (!founder || input.accountOfDevice(founder.deviceHex) === input.me) return [];
  const bonus = groupExchanges(input).find((e) => e.kind === "member.approve" && e.id === `bonus:${input.me.slice(input.groupHex.length + 1)}`);
  return [{ id: bonus ? `approved:${bonus.id}` : "approved", kind: "approved", action: false, timeMs: bonus?.timeMs ?? 0, who: "", minutes: bonus?.deltas.find((d) => d.account === input.me)?.minutes ?? 0 }];
}

/** An exchange this member recorded, answered by the others: confirmed or declined. */
function answers(input: ActivityInput): ActivityItem[] {
  const payerAlone = input.view.groups[input.groupHex]?.settings.confirmation === "payer";
  const out: ActivityItem[] = [];
  for (const e of groupExchanges(input)) {
    if (e.kind !== "exchange.propose" || e.timeMs < input.sinceMs) continue;
    if (e.status !== "complete" && e.status !== "partial" && e.status !== "declined") continue;
    if (e.payer !== input.me && !e.legs.some((l) => l.payee === input.me)) continue;
    if (payerAlone && e.payer === input.me) continue; // complete as written: nobody answered
    const proposal = input.recordOf(e.id);
    if (!proposal || input.accountOfDevice(proposal.deviceHex) !== input.me) continue;
    const kind = e.status === "declined" ? "declined" : "confirmed";
    out.push({ id: `${kind}:${e.id}`, kind, action: false, timeMs: e.timeMs, who: otherSide(input, e), minutes: myMinutes(input, e), ...(e.description ? { description: e.description } : {}) });
  }
  return out;
}

/** A coordinator reversed something that moved this member's credit. */
function corrections(input: ActivityInput): ActivityItem[] {
  const out: ActivityItem[] = [];
  for (const e of groupExchanges(input)) {
    if (e.status !== "corrected" || !e.deltas.some((d) => d.account === input.me)) continue;
    const id = e.correctedBy[0] as string;
    const correction = input.recordOf(id);
    if (!correction || correction.timeMs < input.sinceMs) continue;
    const reason = typeof correction.body.reason === "string" ? correction.body.reason : "";
    const minutes = e.deltas.filter((d) => d.account === input.me).reduce((sum, d) => sum + d.minutes, 0);
    out.push({ id: `corrected:${id}`, kind: "corrected", action: false, timeMs: correction.timeMs, who: nameOf(input, input.accountOfDevice(correction.deviceHex)), minutes, reason, ...(e.description ? { description: e.description } : {}) });
  }
  return out;
}
