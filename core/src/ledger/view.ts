// What a ledger shows: accounts with balances, members, listings, exchanges,
// and every record that does not count, with its reason. Built on demand from
// the judged groups; nothing here changes them.
import { accountKey } from "./rules.ts";
import type { GroupLedger } from "./group-ledger.ts";
import { effectiveDeltas, legComplete, type Source } from "./movements.ts";
import type { MemberStatus, Profile, Role, Settings } from "./group-state.ts";
import type { Body } from "../record/kinds.ts";
import { latest } from "./causal.ts";
import { bytesToHex } from "../encoding/bytes.ts";
import type { PoolsPart } from "../pool/view.ts";

export interface AccountView {
  group: string;
  name: string;
  type: "member" | "proxy" | "group";
  memberKind: string;
  /** "left" only for a group's account in a pool it has left (PROTOCOL §12). */
  status: MemberStatus | "left";
  role: Role;
  balanceMinutes: number;
  creditLimitMinutes: number | null;
  overdrawn: boolean;
  /** The reason given with the latest change of standing (declined, suspended, reinstated, removed), if any. */
  standingReason?: string;
  /** The latest valid member.profile for the account, if any; absent fields are empty strings. */
  profile?: Profile;
}

export interface ExchangeView {
  id: string;
  group: string;
  kind: Source["kind"];
  /** complete: every leg moved; partial: some legs moved; waiting: signatures missing; corrected: reversed by a coordinator. */
  status: "complete" | "partial" | "waiting" | "declined" | "corrected";
  payer: string | null;
  legs: { payee: string; minutes: number; moved: boolean; waitingFor: string | null }[];
  deltas: { account: string; minutes: number }[];
  correctedBy: string[];
  /** When the source record says it was written (display only; never used by a rule). */
  timeMs: number;
  /** What the proposal or event says was done, its category and the listing it names, when it has them (display only). */
  description?: string;
  category?: string;
  listing?: string;
}

export interface ListingView {
  id: string;
  group: string;
  type: string;
  account: string;
  title: string;
  description?: string;
  category: string;
  expiresDay?: number;
  open: boolean;
}

export interface LedgerView extends PoolsPart {
  groups: Record<string, { name: string; genesis: string; settings: Settings }>;
  accounts: Record<string, AccountView>;
  joinRequests: { id: string; account: string; group: string; name: string; memberKind: string; note?: string }[];
  listings: ListingView[];
  exchanges: ExchangeView[];
  flags: { account: string; flag: "overdrawn"; balanceMinutes: number; creditLimitMinutes: number }[];
  equivocations: { group: string; device: string; seq: number; ids: string[] }[];
  pending: { id: string; reason: string }[];
  invalid: { id: string; reason: string }[];
  totals: { records: number; valid: number; pending: number; invalid: number; sumMinutes: number };
}

/** A party's "not right" to an exchange proposal: the decline record, the accounts it declined for, and its reason ("" when none was given). */
export interface DeclineView {
  id: string;
  accounts: string[];
  reason: string;
}

export interface HistoryEntry {
  record: string;
  kind: Source["kind"];
  minutes: number;
  counterparties: string[];
}

const qualify = (groupHex: string, account: string) => `${groupHex}:${account}`;

function exchangeStatus(source: Source): ExchangeView["status"] {
  if (source.corrections.length > 0) return "corrected";
  const exchange = source.exchange;
  if (!exchange) return "complete";
  const moved = exchange.legs.filter((l) => legComplete(exchange, l)).length;
  if (moved === exchange.legs.length) return "complete";
  if (moved > 0) return "partial";
  return exchange.declines.length > 0 ? "declined" : "waiting";
}

function exchangeView(group: GroupLedger, source: Source): ExchangeView {
  const q = (a: string) => qualify(group.groupHex, a);
  const exchange = source.exchange;
  return {
    id: source.id,
    group: group.groupHex,
    kind: source.kind,
    status: exchangeStatus(source),
    payer: exchange ? q(exchange.payer) : null,
    legs: (exchange?.legs ?? []).map((leg) => ({
      payee: q(leg.payee),
      minutes: leg.minutes,
      moved: legComplete(exchange!, leg),
      waitingFor: !exchange!.payerSigned ? q(exchange!.payer) : legComplete(exchange!, leg) ? null : q(leg.payee),
    })),
    deltas: effectiveDeltas({ ...source, corrections: [] }).map(([account, minutes]) => ({ account: q(account), minutes })),
    correctedBy: [...source.corrections].sort(),
    timeMs: group.entries.get([...source.fixed.keys()].sort()[0] ?? source.id)?.record.timeMs ?? 0,
    ...exchangeDetails(group, source),
  };
}

/** The words of an exchange or event, from the record that created it. */
function exchangeDetails(group: GroupLedger, source: Source): Pick<ExchangeView, "description" | "category" | "listing"> {
  const record = group.entries.get(source.id)?.record;
  if (record?.kind !== "exchange.propose" && record?.kind !== "exchange.event") return {};
  const body = record.body as Body<"exchange.propose"> | Body<"exchange.event">;
  const listing = "listing" in body ? body.listing : undefined;
  return {
    description: body.description,
    ...(body.category ? { category: body.category } : {}),
    ...(listing ? { listing: bytesToHex(listing) } : {}),
  };
}

function groupAccounts(group: GroupLedger, out: LedgerView): void {
  const state = group.state;
  const names = new Set<string>([...state.status.keys(), ...group.balances.accounts()]);
  for (const account of [...names].sort()) {
    const info = state.accounts.get(account);
    const isGroup = account === "group";
    const limit = isGroup ? null : state.creditLimitAt(account, null);
    const balance = group.balances.get(account);
    const id = qualify(group.groupHex, account);
    const overdrawn = limit !== null && balance < -limit;
    const profile = isGroup ? null : state.profileOf(account);
    const standingReason = isGroup ? null : state.standingReasonOf(account);
    out.accounts[id] = {
      group: group.groupHex,
      name: isGroup ? state.settingsAt(null).name : (info?.name ?? ""),
      type: isGroup ? "group" : info?.proxy ? "proxy" : "member",
      memberKind: isGroup ? "group" : (info?.memberKind ?? "person"),
      status: isGroup ? "active" : state.statusAt(account, null),
      role: state.roleAt(account, null),
      balanceMinutes: balance,
      creditLimitMinutes: limit,
      overdrawn,
      ...(profile ? { profile: { ...profile } } : {}),
      ...(standingReason !== null ? { standingReason } : {}),
    };
    if (overdrawn) out.flags.push({ account: id, flag: "overdrawn", balanceMinutes: balance, creditLimitMinutes: limit as number });
  }
}

function groupRecords(group: GroupLedger, out: LedgerView): void {
  const equivocated = new Map<string, number>();
  for (const entry of group.entries.values()) {
    const id = entry.record.id;
    if (entry.status === "valid") out.totals.valid++;
    else if (entry.status === "invalid" || entry.status === "frozen") out.invalid.push({ id, reason: entry.reason as string });
    if (entry.status === "frozen") equivocated.set(entry.record.chainKey, group.cutoffs.frozen.get(entry.record.chainKey) as number);
  }
  for (const [chainKey, seq] of [...equivocated].sort()) {
    const ids = group.idsAt(chainKey, seq);
    out.equivocations.push({ group: group.groupHex, device: chainKey.split("/")[1] as string, seq, ids: [...ids].sort() });
  }
  out.pending.push(...group.waiting());
}

export function buildView(groups: readonly GroupLedger[], unparsed: ReadonlyMap<string, string>, records: number): LedgerView {
  const out: LedgerView = {
    groups: {},
    accounts: {},
    joinRequests: [],
    listings: [],
    exchanges: [],
    flags: [],
    equivocations: [],
    pending: [],
    invalid: [...unparsed].map(([id, reason]) => ({ id, reason })),
    totals: { records, valid: 0, pending: 0, invalid: 0, sumMinutes: 0 },
  };
  for (const group of groups) {
    const state = group.state;
    if (state.genesis) {
      out.groups[group.groupHex] = { name: state.settingsAt(null).name, genesis: state.genesis.id, settings: { ...state.settingsAt(null) } };
      groupAccounts(group, out);
    }
    for (const join of [...state.joins.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      // Someone declined may ask again; their new request waits like any other.
      const status = state.statusAt(join.account, null);
      const open = status === "none" || (status === "declined" && !state.decidedJoins.has(join.id));
      if (open) out.joinRequests.push({ ...join, account: qualify(group.groupHex, join.account), group: group.groupHex });
    }
    for (const listing of [...state.listings.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      out.listings.push({
        id: listing.id,
        group: group.groupHex,
        type: listing.type,
        account: qualify(group.groupHex, listing.account),
        ...state.listingFields(listing),
        open: listing.closedBy.length === 0,
      });
    }
    for (const id of [...group.sources.keys()].sort()) {
      const source = group.sources.get(id) as Source;
      // An approval whose bonus is zero moves nothing; it is a source only so that it can be named by a correction.
      if (source.kind === "member.approve" && effectiveDeltas({ ...source, corrections: [] }).length === 0) continue;
      out.exchanges.push(exchangeView(group, source));
    }
    groupRecords(group, out);
    out.totals.sumMinutes += group.balances.sum();
  }
  out.invalid.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  out.pending.sort((a, b) => (a.id < b.id ? -1 : 1));
  out.totals.pending = out.pending.length;
  out.totals.invalid = out.invalid.length;
  return out;
}

export interface DeviceView {
  device: string;
  account: string;
  status: MemberStatus;
  role: Role;
  /** First seq of this device that does not count, if it was revoked. */
  revokedFrom: number | null;
}

/** Every certified device of a group with its account as things stand now; a device whose member key was replaced is left out. */
export function devicesOf(group: GroupLedger): DeviceView[] {
  const state = group.state;
  const out: DeviceView[] = [];
  for (const [chainKey, memberKey] of [...state.certs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const account = latest(state.recoveryByKey.get(memberKey))?.value ?? memberKey;
    const current = latest(state.recoveryByAccount.get(account));
    if (current && current.value !== memberKey) continue;
    const device = chainKey.slice(group.groupHex.length + 1);
    out.push({
      device,
      account: qualify(group.groupHex, account),
      status: state.statusAt(account, null),
      role: state.roleAt(account, null),
      revokedFrom: group.cutoffs.revoked.get(device) ?? null,
    });
  }
  return out;
}

/** The valid declines of an exchange proposal, by record id; empty for any other id. Display only: a decline moves nothing. */
export function declinesOf(group: GroupLedger, exchangeId: string): DeclineView[] {
  const declines = group.sources.get(exchangeId)?.exchange?.declines ?? [];
  return [...declines]
    .sort((a, b) => (a.record < b.record ? -1 : 1))
    .map(({ record, parties }) => {
      const body = group.entries.get(record)?.record.body as Body<"exchange.decline"> | undefined;
      return { id: record, accounts: [...parties].sort().map((p) => qualify(group.groupHex, p)), reason: body?.reason ?? "" };
    });
}

export function historyOf(group: GroupLedger, accountId: string): HistoryEntry[] {
  const account = accountId.slice(group.groupHex.length + 1);
  const out: HistoryEntry[] = [];
  for (const id of [...group.sources.keys()].sort()) {
    const source = group.sources.get(id) as Source;
    const deltas = effectiveDeltas(source);
    const own = deltas.filter(([a]) => a === account).reduce((sum, [, m]) => sum + m, 0);
    if (own === 0) continue;
    const counterparties = deltas.filter(([a, m]) => a !== account && Math.sign(m) === -Math.sign(own)).map(([a]) => qualify(group.groupHex, a));
    out.push({ record: source.id.replace(/^bonus:.*/, [...source.fixed.keys()].sort()[0] ?? source.id), kind: source.kind, minutes: own, counterparties });
  }
  return out;
}

export { accountKey };
