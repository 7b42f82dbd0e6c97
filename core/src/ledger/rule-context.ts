// What every rule of a record kind is given, and the small answers rules
// share: a verdict, the account key of a body's account, whether the author
// signs for an account, whether an account is active at the record's point.
import { bytesToHex } from "../encoding/bytes.ts";
import type { SignedRecord } from "../record/record.ts";
import type { CausalPoint } from "./causal.ts";
import type { Entry, GroupLedger } from "./group-ledger.ts";

export interface Verdict {
  status: "valid" | "invalid" | "frozen";
  reason: string | null;
}

export const VALID: Verdict = { status: "valid", reason: null };
export const invalid = (reason: string): Verdict => ({ status: "invalid", reason });

/** Account key inside a group: member or proxy hex, or "group". */
export function accountKey(account: Uint8Array): string {
  return account.length === 0 ? "group" : bytesToHex(account);
}

export interface Context {
  ledger: GroupLedger;
  entry: Entry;
  record: SignedRecord;
  at: CausalPoint;
  author: string;
  isCoordinator: boolean;
}

export function activeAccountProblem(ctx: Context, account: string, label: string): string | null {
  if (account === "group") return `${label} cannot be the group account`;
  const status = ctx.ledger.state.statusAt(account, ctx.at);
  return status === "active" ? null : `${label} is not an active member (${status})`;
}

/** The author signs for an account when it is theirs, or when they are a coordinator and it is a proxy. */
export function actsFor(ctx: Context, account: string): boolean {
  return account === ctx.author || (ctx.isCoordinator && ctx.ledger.state.accounts.get(account)?.proxy === true);
}
