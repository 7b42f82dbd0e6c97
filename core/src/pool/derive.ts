// Exchanges across groups (PROTOCOL §12.4). A pool.pay in the payer's group
// and a pool.accept in the payee's group, both by the participants, carry one
// exchange over every ledger it crosses:
//
//   payer's group A:  payer        → A's pool account ("pool:<P>")
//   pool P:           A            → B          (each group's account in P is its group id)
//   payee's group B:  B's pool account ("pool:<P>") → payee
//
// A side that is the pool itself (an organisation with an account in the pool)
// has no leg of its own. Each leg sums to zero, so every ledger does. Nothing
// here depends on the order records came in: every list is read in id order.
import { bytesToHex } from "../encoding/bytes.ts";
import type { Entry, GroupLedger } from "../ledger/group-ledger.ts";
import type { Body } from "../record/kinds.ts";
import { accountKey } from "../ledger/rule-context.ts";
import { mergePairs } from "./merge.ts";
import { named, poolLimitOf, poolMembers, refuse, sideStanding, validOfKind, type PoolMembers, type Standing } from "./sides.ts";

export interface PoolLeg {
  /** The group whose ledger records this leg. */
  ledger: string;
  from: string;
  to: string;
  minutes: number;
}

export interface PoolExchange {
  id: string;
  pool: string;
  payer: string;
  payee: string;
  minutes: number;
  /** complete: the payee accepted and both groups were in the pool; waiting: no acceptance yet. */
  status: "complete" | "waiting" | "pending" | "refused";
  accept: string | null;
  reason?: string;
  legs: PoolLeg[];
  /** Set when this exchange, in the pool's order, took the paying group past its limit in the pool. */
  overLimit?: { group: string; balanceMinutes: number; creditLimitMinutes: number };
  description: string;
  category?: string;
  listing?: string;
  timeMs: number;
}

export interface PoolOutcome {
  pools: Map<string, PoolMembers>;
  exchanges: PoolExchange[];
  /** group hex → account key → minutes moved by exchanges across groups. */
  deltas: Map<string, Map<string, number>>;
  /** Records valid in their group that the pools do not count, with why. */
  verdicts: Map<string, Standing & { ok: false }>;
}

/** A pool account key inside a member group: the mirror of the group's account in the pool. */
export const poolAccountKey = (poolHex: string): string => `pool:${poolHex}`;

interface Payment {
  entry: Entry;
  groupHex: string;
  body: Body<"pool.pay">;
}

export function derivePools(groups: ReadonlyMap<string, GroupLedger>): PoolOutcome {
  const outcome: PoolOutcome = { pools: new Map(), exchanges: [], deltas: new Map(), verdicts: new Map() };
  // Two merged groups trade across the merge as through a pool named by their merged id, with no records of its own.
  for (const merge of mergePairs(groups)) outcome.pools.set(merge.id, poolMembers(groups, merge.id, merge.pair));
  const payments: Payment[] = [];
  const accepts = new Map<string, { entry: Entry; groupHex: string }[]>();
  for (const groupHex of [...groups.keys()].sort()) {
    const group = groups.get(groupHex) as GroupLedger;
    for (const entry of validOfKind(group, "pool.pay")) payments.push({ entry, groupHex, body: entry.record.body as Body<"pool.pay"> });
    for (const entry of validOfKind(group, "pool.accept")) {
      const paymentId = bytesToHex((entry.record.body as Body<"pool.accept">).payment);
      const list = accepts.get(paymentId) ?? [];
      list.push({ entry, groupHex });
      accepts.set(paymentId, list);
    }
    for (const entry of validOfKind(group, "pool.join")) membersOf(outcome, groups, bytesToHex((entry.record.body as Body<"pool.join">).pool));
    if (group.state.genesis && validOfKind(group, "pool.admit").length > 0) membersOf(outcome, groups, groupHex);
  }
  payments.sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));
  for (const members of outcome.pools.values()) for (const [id, verdict] of members.admitVerdicts) if (!verdict.ok) outcome.verdicts.set(id, verdict);
  for (const payment of payments) outcome.exchanges.push(judgePayment(outcome, groups, payment, accepts.get(payment.entry.id) ?? []));
  judgeOrphanAccepts(outcome, groups, accepts);
  flagLimits(outcome);
  return outcome;
}

function membersOf(outcome: PoolOutcome, groups: ReadonlyMap<string, GroupLedger>, poolHex: string): PoolMembers {
  let members = outcome.pools.get(poolHex);
  if (!members) outcome.pools.set(poolHex, (members = poolMembers(groups, poolHex)));
  return members;
}

function judgePayment(outcome: PoolOutcome, groups: ReadonlyMap<string, GroupLedger>, payment: Payment, candidates: { entry: Entry; groupHex: string }[]): PoolExchange {
  const { entry, groupHex, body } = payment;
  const poolHex = bytesToHex(body.pool);
  const toGroup = bytesToHex(body.toGroup);
  const members = membersOf(outcome, groups, poolHex);
  const exchange: PoolExchange = {
    id: entry.id,
    pool: poolHex,
    payer: `${groupHex}:${accountKey(body.payer)}`,
    payee: `${toGroup}:${bytesToHex(body.payee)}`,
    minutes: body.minutes,
    status: "waiting",
    accept: null,
    legs: [],
    description: body.description,
    ...(body.category ? { category: body.category } : {}),
    ...(body.listing ? { listing: bytesToHex(body.listing) } : {}),
    timeMs: entry.record.timeMs,
  };
  const payerSide = sideStanding(groups, members, groupHex, entry);
  if (!payerSide.ok) {
    outcome.verdicts.set(entry.id, payerSide);
    for (const accept of candidates) outcome.verdicts.set(accept.entry.id, { ...payerSide, reason: `the payment it accepts does not count: ${payerSide.reason}` });
    return { ...exchange, status: payerSide.pending ? "pending" : "refused", reason: payerSide.reason };
  }
  for (const accept of candidates) {
    const verdict = acceptStanding(groups, members, payment, accept);
    if (!verdict.ok) outcome.verdicts.set(accept.entry.id, verdict);
    else if (exchange.accept === null) exchange.accept = accept.entry.id;
  }
  if (exchange.accept === null) return exchange;
  exchange.status = "complete";
  exchange.legs = legsOf(groupHex, toGroup, poolHex, accountKey(body.payer), bytesToHex(body.payee), body.minutes);
  for (const leg of exchange.legs) {
    addDelta(outcome, leg.ledger, leg.from, -leg.minutes);
    addDelta(outcome, leg.ledger, leg.to, leg.minutes);
  }
  // Shown as account ids, as every account of the view is.
  exchange.legs = exchange.legs.map((leg) => ({ ...leg, from: `${leg.ledger}:${leg.from}`, to: `${leg.ledger}:${leg.to}` }));
  return exchange;
}

/** Whether an acceptance matches its payment and its group was in the pool when it was signed. */
function acceptStanding(groups: ReadonlyMap<string, GroupLedger>, members: PoolMembers, payment: Payment, accept: { entry: Entry; groupHex: string }): Standing {
  const body = accept.entry.record.body as Body<"pool.accept">;
  const mismatch =
    accept.groupHex !== bytesToHex(payment.body.toGroup)
      ? "it is not in the group the payment names"
      : bytesToHex(body.pool) !== members.poolHex
        ? "it names another pool than the payment"
        : bytesToHex(body.fromGroup) !== payment.groupHex
          ? "it names another payer's group than the payment's"
          : bytesToHex(body.payee) !== bytesToHex(payment.body.payee)
            ? "its payee is not the payment's payee"
            : null;
  if (mismatch) return refuse(`does not match the payment it accepts: ${mismatch}`);
  return sideStanding(groups, members, accept.groupHex, accept.entry);
}

/** Acceptances whose payment is missing, waiting, or not a valid payment. */
function judgeOrphanAccepts(outcome: PoolOutcome, groups: ReadonlyMap<string, GroupLedger>, accepts: Map<string, { entry: Entry; groupHex: string }[]>): void {
  const paid = new Set(outcome.exchanges.map((e) => e.id));
  for (const paymentId of [...accepts.keys()].sort()) {
    if (paid.has(paymentId)) continue;
    for (const accept of accepts.get(paymentId) ?? []) {
      const fromGroup = bytesToHex((accept.entry.record.body as Body<"pool.accept">).fromGroup);
      const found = named(groups, fromGroup, paymentId, "the payment");
      const verdict = "ok" in found ? found : refuse(`the payment ${paymentId} it accepts is a ${found.record.kind} record, not a pool.pay`);
      if (!verdict.ok) outcome.verdicts.set(accept.entry.id, verdict);
    }
  }
}

function legsOf(payerGroup: string, payeeGroup: string, poolHex: string, payer: string, payee: string, minutes: number): PoolLeg[] {
  const legs: PoolLeg[] = [];
  if (payerGroup !== poolHex) legs.push({ ledger: payerGroup, from: payer, to: poolAccountKey(poolHex), minutes });
  legs.push({ ledger: poolHex, from: payerGroup === poolHex ? payer : payerGroup, to: payeeGroup === poolHex ? payee : payeeGroup, minutes });
  if (payeeGroup !== poolHex) legs.push({ ledger: payeeGroup, from: poolAccountKey(poolHex), to: payee, minutes });
  return legs;
}

function addDelta(outcome: PoolOutcome, groupHex: string, account: string, minutes: number): void {
  let accounts = outcome.deltas.get(groupHex);
  if (!accounts) outcome.deltas.set(groupHex, (accounts = new Map()));
  const value = (accounts.get(account) ?? 0) + minutes;
  if (!Number.isSafeInteger(value)) throw new Error(`balance of ${groupHex}:${account} left the safe integer range`);
  accounts.set(account, value);
}

/**
 * Limits are soft, as a member's credit limit is (§7.4): the help was given.
 * In the pool's order (by payment id), an exchange after which the paying
 * group's balance in the pool is below minus its limit is flagged.
 */
function flagLimits(outcome: PoolOutcome): void {
  const running = new Map<string, number>();
  const limits = new Map<string, number>();
  const limitOf = (members: PoolMembers, groupHex: string): number => {
    const key = `${members.poolHex}:${groupHex}`;
    if (!limits.has(key)) limits.set(key, poolLimitOf(members, groupHex));
    return limits.get(key) as number;
  };
  for (const exchange of outcome.exchanges) {
    if (exchange.status !== "complete") continue;
    const members = outcome.pools.get(exchange.pool) as PoolMembers;
    const poolLeg = exchange.legs.find((l) => l.ledger === exchange.pool) as PoolLeg;
    const payerGroup = exchange.payer.split(":")[0] as string;
    const balance = (running.get(poolLeg.from) ?? 0) - exchange.minutes;
    running.set(poolLeg.from, balance);
    running.set(poolLeg.to, (running.get(poolLeg.to) ?? 0) + exchange.minutes);
    if (payerGroup === exchange.pool || members.merged) continue;
    const limit = limitOf(members, payerGroup);
    if (balance < -limit) exchange.overLimit = { group: payerGroup, balanceMinutes: balance, creditLimitMinutes: limit };
  }
}
