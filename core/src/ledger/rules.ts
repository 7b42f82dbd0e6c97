// The rule of each record kind, judged at the record's causal point: what its
// author had seen. Each rule returns a verdict and, when valid, applies the
// record's effect to the group's state.
import { bytesToHex, hexToBytes } from "../encoding/bytes.ts";
import { publicKeyProblem } from "../crypto/ed25519.ts";
import { groupIdFor } from "../group/identity.ts";
import type { Body, Leg, RecordKind } from "../record/kinds.ts";
import type { SignedRecord } from "../record/record.ts";
import { ruling, type CausalPoint } from "./causal.ts";
import { accountKey, actsFor, activeAccountProblem, invalid, VALID, type Context, type Verdict } from "./rule-context.ts";
import { POOL_RULES } from "../pool/rules.ts";

export { accountKey, type Verdict };
import { COORDINATOR_KINDS, type Settings } from "./group-state.ts";
import type { Entry, GroupLedger } from "./group-ledger.ts";
import type { Delta, Source } from "./movements.ts";

export type Rule<K extends RecordKind> = (ctx: Context, body: Body<K>) => Verdict;

export function judge(ledger: GroupLedger, entry: Entry): Verdict {
  const record = entry.record;
  const at: CausalPoint = entry;
  if (record.kind === "device") return judgeDevice(ledger, record as SignedRecord<"device">);
  if (record.kind === "group.create") return judgeGenesis(ledger, entry);
  const memberKey = ledger.state.certs.get(record.chainKey) as string;
  const mapped = ledger.state.accountForKey(memberKey, at);
  if ("problem" in mapped) return invalid(mapped.problem);
  const author = mapped.account;
  entry.account = author;
  const status = ledger.state.statusAt(author, at);
  if (record.kind !== "member.join" && status !== "active") {
    return invalid(status === "none" ? "author is not a member of the group" : `author's membership is ${status}`);
  }
  const isCoordinator = ledger.state.isCoordinatorAt(author, at);
  if (COORDINATOR_KINDS.has(record.kind) && !isCoordinator) return invalid("only a coordinator may write this record");
  const ctx: Context = { ledger, entry, record, at, author, isCoordinator };
  const rule = RULES[record.kind] as Rule<RecordKind>;
  const verdict = rule(ctx, record.body);
  if (verdict.status === "valid" && COORDINATOR_KINDS.has(record.kind)) ledger.markAuthority(entry);
  return verdict;
}

function judgeDevice(ledger: GroupLedger, record: SignedRecord<"device">): Verdict {
  const problem = publicKeyProblem(record.body.member);
  if (problem) return invalid(`member ${problem}`);
  ledger.state.certs.set(record.chainKey, bytesToHex(record.body.member));
  return VALID;
}

function judgeGenesis(ledger: GroupLedger, entry: Entry): Verdict {
  const record = entry.record as SignedRecord<"group.create">;
  const memberKey = ledger.state.certs.get(record.chainKey);
  if (record.seq !== 1 || memberKey === undefined) return invalid("the genesis must follow its founder device's certificate");
  const expected = bytesToHex(groupIdFor(hexToBytes(memberKey), record.device, record.body.nonce));
  if (expected !== record.groupHex) return invalid("the group id does not match its founder and nonce");
  if (ledger.state.genesis) return invalid("the group already has a genesis");
  const body = record.body;
  const settings: Settings = {
    name: body.name,
    creditLimitMinutes: body.creditLimitMinutes,
    joiningBonusMinutes: body.joiningBonusMinutes,
    confirmation: body.confirmation as Settings["confirmation"],
    overdraft: "refuse",
  };
  ledger.markAuthority(entry);
  const at: CausalPoint = entry;
  ledger.state.genesis = ruling(at, settings);
  ledger.state.describeAccount(memberKey, record.id, { name: body.founderName, memberKind: "person", proxy: false });
  ledger.state.setStatus(memberKey, at, "active");
  ledger.state.setRole(memberKey, at, "coordinator");
  entry.account = memberKey;
  return VALID;
}

// ---- helpers ---------------------------------------------------------------

/** The named record, if the author declared it seen: among the deps, or as prev. */
function dependsOn(ctx: Context, id: Uint8Array): Entry | null {
  const hex = bytesToHex(id);
  if (!ctx.record.depsHex.includes(hex) && ctx.record.prevHex !== hex) return null;
  return ctx.ledger.entries.get(hex) ?? null;
}

function existingAccountProblem(ctx: Context, account: string): string | null {
  if (account === "group") return "the group account cannot be the target";
  const status = ctx.ledger.state.statusAt(account, ctx.at);
  return status === "none" || status === "declined" ? "the target is not a member of the group" : null;
}

function distinctAccounts(legs: readonly Leg[]): boolean {
  return new Set(legs.map((l) => accountKey(l.account))).size === legs.length;
}

function addSource(ctx: Context, source: Omit<Source, "corrections" | "applied">): void {
  const full: Source = { id: source.id, kind: source.kind, fixed: source.fixed, exchange: source.exchange, corrections: [], applied: [] };
  ctx.ledger.sources.set(full.id, full);
  ctx.ledger.sourceOfRecord.set(ctx.record.id, full.id);
  ctx.ledger.balances.update(full);
}

function fixedSource(ctx: Context, kind: Source["kind"], deltas: Delta[]): Verdict {
  addSource(ctx, { id: ctx.record.id, kind, fixed: new Map([[ctx.record.id, deltas]]), exchange: null });
  return VALID;
}

// ---- membership ------------------------------------------------------------

const join: Rule<"member.join"> = (ctx, body) => {
  const status = ctx.ledger.state.statusAt(ctx.author, ctx.at);
  if (status !== "none" && status !== "declined") return invalid(`already decided: membership is ${status}`);
  ctx.ledger.state.joins.set(ctx.record.id, {
    id: ctx.record.id,
    account: ctx.author,
    name: body.name,
    memberKind: body.memberKind,
    ...(body.note !== undefined ? { note: body.note } : {}),
  });
  return VALID;
};

function decide(ctx: Context, joinId: Uint8Array): { account: string } | Verdict {
  const joinEntry = dependsOn(ctx, joinId);
  if (!joinEntry) return invalid("must name the join request among its deps");
  const request = ctx.ledger.state.joins.get(joinEntry.record.id);
  if (joinEntry.status !== "valid" || !request) return invalid("the join request is not valid");
  const status = ctx.ledger.state.statusAt(request.account, ctx.at);
  if (status !== "none" && status !== "declined") return invalid(`already decided: membership is ${status}`);
  ctx.ledger.state.decidedJoins.add(joinEntry.record.id);
  return { account: request.account };
}

const approve: Rule<"member.approve"> = (ctx, body) => {
  const decided = decide(ctx, body.join);
  if ("status" in decided) return decided;
  const { account } = decided;
  const request = ctx.ledger.state.joins.get(bytesToHex(body.join))!;
  const state = ctx.ledger.state;
  state.describeAccount(account, ctx.record.id, { name: request.name, memberKind: request.memberKind, proxy: false });
  state.setStatus(account, ctx.at, "active");
  state.setRole(account, ctx.at, "member");
  const bonus = state.settingsAt(ctx.at).joiningBonusMinutes;
  // Two coordinators may approve the same person concurrently (or again after
  // a concurrent decline): one approval per account counts, the one with the
  // smallest id. It gives the name and kind (describeAccount) and the bonus,
  // even a bonus of zero.
  const sourceId = `bonus:${account}`;
  const deltas: Delta[] = bonus === 0 ? [] : [["group", -bonus], [account, bonus]];
  const existing = ctx.ledger.sources.get(sourceId);
  ctx.ledger.sourceOfRecord.set(ctx.record.id, sourceId);
  if (existing) {
    existing.fixed.set(ctx.record.id, deltas);
    ctx.ledger.balances.update(existing);
    return VALID;
  }
  addSource(ctx, { id: sourceId, kind: "member.approve", fixed: new Map([[ctx.record.id, deltas]]), exchange: null });
  return VALID;
};

const decline: Rule<"member.decline"> = (ctx, body) => {
  const decided = decide(ctx, body.join);
  if ("status" in decided) return decided;
  ctx.ledger.state.setStatus(decided.account, ctx.at, "declined", body.reason);
  return VALID;
};

const proxy: Rule<"member.proxy"> = (ctx, body) => {
  const state = ctx.ledger.state;
  state.describeAccount(ctx.record.id, ctx.record.id, { name: body.name, memberKind: body.memberKind, proxy: true });
  state.setStatus(ctx.record.id, ctx.at, "active");
  state.setRole(ctx.record.id, ctx.at, "member");
  return VALID;
};

const role: Rule<"member.role"> = (ctx, body) => {
  const account = accountKey(body.account);
  const problem = existingAccountProblem(ctx, account);
  if (problem) return invalid(problem);
  if (ctx.ledger.state.accounts.get(account)?.proxy && body.role === "coordinator") return invalid("a proxy account cannot be a coordinator");
  ctx.ledger.state.setRole(account, ctx.at, body.role as "member" | "coordinator");
  return VALID;
};

function statusChange(from: readonly string[], to: "active" | "suspended" | "removed"): Rule<"member.suspend"> {
  return (ctx, body) => {
    const account = accountKey(body.account);
    if (account === "group") return invalid("the group account has no membership");
    const status = ctx.ledger.state.statusAt(account, ctx.at);
    if (!from.includes(status)) return invalid(`cannot change membership from ${status} to ${to}`);
    ctx.ledger.state.setStatus(account, ctx.at, to, body.reason);
    return VALID;
  };
}

const recover: Rule<"member.recover"> = (ctx, body) => {
  const account = accountKey(body.account);
  const problem = existingAccountProblem(ctx, account) ?? publicKeyProblem(body.member);
  if (problem) return invalid(problem);
  ctx.ledger.state.addRecovery(account, bytesToHex(body.member), ctx.at);
  return VALID;
};

/**
 * A coordinator may revoke any device. A member may revoke a device of their
 * own account: its certificate (its device record) must be in the
 * revocation's causal past, named among the deps (or be the author's own
 * chain), so the answer never depends on what else has arrived.
 */
const revoke: Rule<"device.revoke"> = (ctx, body) => {
  if (!ctx.isCoordinator) {
    const memberKey = certificateSeen(ctx, bytesToHex(body.device));
    if (memberKey === null) return invalid("a member revoking their own device must name its certificate (its device record) among the deps");
    const owner = ctx.ledger.state.accountForKey(memberKey, ctx.at);
    if (!("account" in owner) || owner.account !== ctx.author) return invalid("only a coordinator or the device's own member may revoke it");
  }
  ctx.ledger.noteRevocation(body.device, body.fromSeq);
  return VALID;
};

/** The member key of the device's certificate the revocation had seen: its own chain's, or a device record among its deps. */
function certificateSeen(ctx: Context, deviceHex: string): string | null {
  if (deviceHex === ctx.record.deviceHex) return ctx.ledger.state.certs.get(ctx.record.chainKey) ?? null;
  for (const dep of ctx.record.depsHex) {
    const entry = ctx.ledger.entries.get(dep);
    if (entry?.record.kind === "device" && entry.record.deviceHex === deviceHex) {
      const key = ctx.ledger.certifiedKey(dep);
      if (key !== null) return key;
    }
  }
  return null;
}

const limit: Rule<"account.limit"> = (ctx, body) => {
  const account = accountKey(body.account);
  const problem = existingAccountProblem(ctx, account);
  if (problem) return invalid(problem);
  ctx.ledger.state.setLimit(account, ctx.at, body.creditLimitMinutes);
  return VALID;
};

const settings: Rule<"group.settings"> = (ctx, body) => {
  ctx.ledger.state.addSettings(ctx.at, body as Partial<Settings>);
  return VALID;
};

// ---- profiles --------------------------------------------------------------

/** A member writes their own profile; a coordinator writes a proxy member's. */
const profile: Rule<"member.profile"> = (ctx, body) => {
  const account = accountKey(body.account);
  if (account === "group") return invalid("the group account has no profile");
  if (account !== ctx.author) {
    // Checked in this order so the reason never depends on what else the ledger holds.
    if (!ctx.isCoordinator) return invalid("a member may only write their own profile (a coordinator may write a proxy member's)");
    const problem = activeAccountProblem(ctx, account, "the profile's account");
    if (problem) return invalid(problem);
    if (ctx.ledger.state.accounts.get(account)?.proxy !== true) return invalid("a coordinator may only write the profile of a proxy member, not of another member");
  }
  ctx.ledger.state.addProfile(account, ctx.at, { skills: body.skills ?? "", bio: body.bio ?? "", contact: body.contact ?? "" });
  return VALID;
};

// ---- listings --------------------------------------------------------------

const listingCreate: Rule<"listing.create"> = (ctx, body) => {
  ctx.ledger.state.listings.set(ctx.record.id, {
    id: ctx.record.id,
    type: body.type,
    account: ctx.author,
    created: ctx.at,
    fields: {
      title: body.title,
      category: body.category,
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.expiresDay !== undefined ? { expiresDay: body.expiresDay } : {}),
    },
    updates: [],
    closedBy: [],
  });
  return VALID;
};

function ownListing(ctx: Context, id: Uint8Array) {
  const entry = dependsOn(ctx, id);
  if (!entry) return invalid("must name the listing among its deps");
  const listing = ctx.ledger.state.listings.get(entry.record.id);
  if (!listing) return invalid("the listing is not valid");
  if (listing.account !== ctx.author && !ctx.isCoordinator) return invalid("only the listing's author or a coordinator may change it");
  return listing;
}

const listingUpdate: Rule<"listing.update"> = (ctx, body) => {
  const listing = ownListing(ctx, body.listing);
  if ("status" in listing) return listing;
  const { listing: _, ...fields } = body;
  listing.updates.push(ruling(ctx.at, fields));
  return VALID;
};

const listingClose: Rule<"listing.close"> = (ctx, body) => {
  const listing = ownListing(ctx, body.listing);
  if ("status" in listing) return listing;
  listing.closedBy.push(ctx.record.id);
  return VALID;
};

// ---- exchanges and movements -----------------------------------------------

const propose: Rule<"exchange.propose"> = (ctx, body) => {
  const payer = accountKey(body.payer);
  const payees = body.payees.map((l) => ({ payee: accountKey(l.account), minutes: l.minutes }));
  const problem =
    activeAccountProblem(ctx, payer, "the payer") ??
    payees.map((l) => activeAccountProblem(ctx, l.payee, "a payee")).find((p) => p !== null) ??
    (payees.some((l) => l.payee === payer) ? "the payer cannot also be a payee" : null) ??
    (distinctAccounts(body.payees) ? null : "each payee may appear once");
  if (problem) return invalid(problem);
  if (body.listing && !dependsOn(ctx, body.listing)) return invalid("must name its listing among its deps");
  const payerSigned = actsFor(ctx, payer);
  const legs = payees.map((l) => ({ ...l, payeeSigned: actsFor(ctx, l.payee) }));
  if (!payerSigned && !legs.some((l) => l.payeeSigned)) return invalid("the author is not a party to this exchange");
  const payerAlone = ctx.ledger.state.settingsAt(ctx.at).confirmation === "payer";
  addSource(ctx, {
    id: ctx.record.id,
    kind: "exchange.propose",
    fixed: new Map(),
    exchange: { payer, payerSigned, payerAlone, legs, declines: [] },
  });
  return VALID;
};

function proposalOf(ctx: Context, id: Uint8Array) {
  const entry = dependsOn(ctx, id);
  if (!entry) return invalid("must name the proposal among its deps");
  const source = ctx.ledger.sources.get(entry.record.id);
  if (!source?.exchange) return invalid("the proposal is not valid");
  return source as Source & { exchange: NonNullable<Source["exchange"]> };
}

const confirm: Rule<"exchange.confirm"> = (ctx, body) => {
  const source = proposalOf(ctx, body.proposal);
  if ("status" in source) return source;
  const exchange = source.exchange;
  let signs = false;
  if (actsFor(ctx, exchange.payer)) signs = exchange.payerSigned = true;
  for (const leg of exchange.legs) if (actsFor(ctx, leg.payee)) signs = leg.payeeSigned = true;
  if (!signs) return invalid("the author is not a party to this exchange");
  ctx.ledger.balances.update(source);
  return VALID;
};

const declineExchange: Rule<"exchange.decline"> = (ctx, body) => {
  const source = proposalOf(ctx, body.proposal);
  if ("status" in source) return source;
  const parties = [source.exchange.payer, ...source.exchange.legs.map((l) => l.payee)];
  const declined = parties.filter((p) => actsFor(ctx, p));
  if (declined.length === 0) return invalid("the author is not a party to this exchange");
  source.exchange.declines.push({ record: ctx.record.id, parties: declined });
  return VALID;
};

const event: Rule<"exchange.event"> = (ctx, body) => {
  const all = [...body.payers, ...body.payees];
  if (!distinctAccounts(all)) return invalid("each account may appear once in an event");
  for (const leg of all) {
    const account = accountKey(leg.account);
    const problem = account === "group" ? null : activeAccountProblem(ctx, account, "an account in the event");
    if (problem) return invalid(problem);
  }
  const total = (legs: readonly Leg[]) => legs.reduce((sum, l) => sum + l.minutes, 0);
  if (total(body.payers) !== total(body.payees)) return invalid("payers and payees must total the same minutes");
  return fixedSource(ctx, "exchange.event", [
    ...body.payers.map((l): Delta => [accountKey(l.account), -l.minutes]),
    ...body.payees.map((l): Delta => [accountKey(l.account), l.minutes]),
  ]);
};

const donation: Rule<"donation"> = (ctx, body) => {
  const to = accountKey(body.to);
  if (to === ctx.author) return invalid("a donation must go to someone else");
  const problem = to === "group" ? null : activeAccountProblem(ctx, to, "the recipient");
  if (problem) return invalid(problem);
  return fixedSource(ctx, "donation", [[ctx.author, -body.minutes], [to, body.minutes]]);
};

const grant: Rule<"grant"> = (ctx, body) => {
  const to = accountKey(body.to);
  const problem = activeAccountProblem(ctx, to, "the recipient");
  if (problem) return invalid(problem);
  return fixedSource(ctx, "grant", [["group", -body.minutes], [to, body.minutes]]);
};

const correction: Rule<"correction"> = (ctx, body) => {
  const target = dependsOn(ctx, body.target);
  if (!target) return invalid("must name the corrected record among its deps");
  const sourceId = ctx.ledger.sourceOfRecord.get(target.record.id);
  const source = sourceId === undefined ? undefined : ctx.ledger.sources.get(sourceId);
  if (!source) return invalid("only a valid exchange, event, donation, grant or approval bonus can be corrected");
  source.corrections.push(ctx.record.id);
  ctx.ledger.balances.update(source);
  return VALID;
};

const RULES: { [K in Exclude<RecordKind, "device" | "group.create">]: Rule<K> } = {
  "group.settings": settings,
  "member.join": join,
  "member.approve": approve,
  "member.decline": decline,
  "member.proxy": proxy,
  "member.role": role,
  "member.suspend": statusChange(["active"], "suspended"),
  "member.reinstate": statusChange(["suspended"], "active") as Rule<"member.reinstate">,
  "member.remove": statusChange(["active", "suspended"], "removed") as Rule<"member.remove">,
  "member.recover": recover,
  "member.profile": profile,
  "device.revoke": revoke,
  "account.limit": limit,
  "listing.create": listingCreate,
  "listing.update": listingUpdate,
  "listing.close": listingClose,
  "exchange.propose": propose,
  "exchange.confirm": confirm,
  "exchange.decline": declineExchange,
  "exchange.event": event,
  donation,
  grant,
  correction,
  ...POOL_RULES,
};
