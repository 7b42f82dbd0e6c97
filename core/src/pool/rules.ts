// The rules of the pool and merge kinds inside the group that holds the
// record (PROTOCOL §12.2). They check only what the group itself can see:
// the author's standing and the accounts of this group. Whether the other
// side of an exchange, the pool's admission or the other half of a merge
// exists is decided across groups, in pool/derive.ts.
import { bytesToHex } from "../encoding/bytes.ts";
import { latestBefore } from "../ledger/causal.ts";
import { accountKey, actsFor, activeAccountProblem, invalid, VALID, type Context, type Verdict } from "../ledger/rule-context.ts";
import type { Body } from "../record/kinds.ts";

type PoolKind = "pool.join" | "pool.leave" | "pool.admit" | "pool.limit" | "pool.pay" | "pool.accept" | "group.merge" | "account.link";

/** A field naming another group must not name this one. */
function otherGroupProblem(ctx: Context, group: Uint8Array, label: string): string | null {
  return bytesToHex(group) === ctx.record.groupHex ? `${label} must be another group, not this one` : null;
}

function standingBefore(ctx: Context, pool: Uint8Array): "join" | "leave" | null {
  return latestBefore(ctx.ledger.state.poolStanding.get(bytesToHex(pool)), ctx.at)?.value ?? null;
}

const poolJoin = (ctx: Context, body: Body<"pool.join">): Verdict => {
  const problem = otherGroupProblem(ctx, body.pool, "the pool");
  if (problem) return invalid(problem);
  if (standingBefore(ctx, body.pool) === "join") return invalid("the group has already asked to join this pool");
  ctx.ledger.state.addPoolStanding(bytesToHex(body.pool), ctx.at, "join");
  return VALID;
};

const poolLeave = (ctx: Context, body: Body<"pool.leave">): Verdict => {
  if (standingBefore(ctx, body.pool) !== "join") return invalid("the group is not in this pool (no pool.join of it precedes this record)");
  ctx.ledger.state.addPoolStanding(bytesToHex(body.pool), ctx.at, "leave");
  return VALID;
};

const poolAdmit = (ctx: Context, body: Body<"pool.admit">): Verdict => {
  const problem = otherGroupProblem(ctx, body.group, "the admitted group");
  return problem ? invalid(problem) : VALID;
};

const poolLimit = (ctx: Context, body: Body<"pool.limit">): Verdict => {
  const problem = otherGroupProblem(ctx, body.group, "the group");
  return problem ? invalid(problem) : VALID;
};

/** One side of a cross-group exchange: the other group named, and an active account of this group the author signs for. */
function crossGroupSide(ctx: Context, otherGroup: Uint8Array, otherWhat: string, account: string, role: "payer" | "payee"): Verdict {
  const problem =
    otherGroupProblem(ctx, otherGroup, otherWhat) ??
    activeAccountProblem(ctx, account, `the ${role}`) ??
    (actsFor(ctx, account) ? null : `the author does not sign for the ${role}`);
  return problem ? invalid(problem) : VALID;
}

const poolPay = (ctx: Context, body: Body<"pool.pay">): Verdict =>
  crossGroupSide(ctx, body.toGroup, "the payee's group (use exchange.propose within a group)", accountKey(body.payer), "payer");

const poolAccept = (ctx: Context, body: Body<"pool.accept">): Verdict =>
  crossGroupSide(ctx, body.fromGroup, "the payer's group", accountKey(body.payee), "payee");

const groupMerge = (ctx: Context, body: Body<"group.merge">): Verdict => {
  const problem = otherGroupProblem(ctx, body.group, "the group to merge with");
  return problem ? invalid(problem) : VALID;
};

/** Only the person themselves links their accounts: the author's own account, never a proxy. */
const accountLink = (ctx: Context, body: Body<"account.link">): Verdict => {
  const problem = otherGroupProblem(ctx, body.group, "the linked account's group");
  return problem ? invalid(problem) : VALID;
};

export const POOL_KINDS: ReadonlySet<string> = new Set<PoolKind>(["pool.join", "pool.leave", "pool.admit", "pool.limit", "pool.pay", "pool.accept", "group.merge", "account.link"]);

export const POOL_RULES: { [K in PoolKind]: (ctx: Context, body: Body<K>) => Verdict } = {
  "pool.join": poolJoin,
  "pool.leave": poolLeave,
  "pool.admit": poolAdmit,
  "pool.limit": poolLimit,
  "pool.pay": poolPay,
  "pool.accept": poolAccept,
  "group.merge": groupMerge,
  "account.link": accountLink,
};
