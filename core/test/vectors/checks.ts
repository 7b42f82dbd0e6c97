// What a vector's author states by hand about its expected ledger. The
// generator refuses to write a vector whose derived ledger breaks one of its
// checks, so the published expectations are reviewed, not only recorded.
import type { LedgerView } from "../../src/index.ts";

/** Null when the view agrees, else what differs. */
export type Check = (view: LedgerView) => string | null;

const verdictOf = (view: LedgerView, id: string): { status: string; reason?: string } => {
  const invalid = view.invalid.find((e) => e.id === id);
  if (invalid) return { status: "invalid", reason: invalid.reason };
  const pending = view.pending.find((e) => e.id === id);
  if (pending) return { status: "pending", reason: pending.reason };
  return { status: "valid" };
};

const matches = (text: string | undefined, expected: string | RegExp) =>
  text !== undefined && (typeof expected === "string" ? text === expected : expected.test(text));

export const valid = (...ids: string[]): Check => (view) => {
  for (const id of ids) {
    const verdict = verdictOf(view, id);
    if (verdict.status !== "valid") return `${id} should be valid, is ${verdict.status}: ${verdict.reason}`;
  }
  return null;
};

export const invalid = (id: string, reason: string | RegExp): Check => (view) => {
  const verdict = verdictOf(view, id);
  return verdict.status === "invalid" && matches(verdict.reason, reason) ? null : `${id} should be invalid (${reason}), is ${verdict.status}: ${verdict.reason}`;
};

export const pending = (id: string, reason: string | RegExp): Check => (view) => {
  const verdict = verdictOf(view, id);
  return verdict.status === "pending" && matches(verdict.reason, reason) ? null : `${id} should be pending (${reason}), is ${verdict.status}: ${verdict.reason}`;
};

export const balance = (account: string, minutes: number): Check => (view) => {
  const actual = view.accounts[account]?.balanceMinutes ?? 0;
  return actual === minutes ? null : `balance of ${account} should be ${minutes}, is ${actual}`;
};

export const account = (id: string, fields: Record<string, unknown>): Check => (view) => {
  const actual = view.accounts[id] as unknown as Record<string, unknown> | undefined;
  if (!actual) return `no account ${id}`;
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(actual[key]) !== JSON.stringify(value)) return `${id}.${key} should be ${JSON.stringify(value)}, is ${JSON.stringify(actual[key])}`;
  }
  return null;
};

export const noAccount = (id: string): Check => (view) => (view.accounts[id] ? `${id} should not be listed` : null);

export const totals = (expected: Partial<LedgerView["totals"]>): Check => (view) => {
  for (const [key, value] of Object.entries(expected)) {
    const actual = view.totals[key as keyof LedgerView["totals"]];
    if (actual !== value) return `totals.${key} should be ${value}, is ${actual}`;
  }
  return null;
};

export const setting = (groupHex: string, key: string, value: unknown): Check => (view) => {
  const actual = (view.groups[groupHex]?.settings as unknown as Record<string, unknown> | undefined)?.[key];
  return actual === value ? null : `setting ${key} should be ${JSON.stringify(value)}, is ${JSON.stringify(actual)}`;
};

export const noGroup = (groupHex: string): Check => (view) => (view.groups[groupHex] ? `group ${groupHex} should have no genesis` : null);

export const equivocations = (count: number): Check => (view) =>
  view.equivocations.length === count ? null : `equivocations should be ${count}, are ${view.equivocations.length}`;

export const flagged = (accountId: string, yes = true): Check => (view) =>
  view.flags.some((f) => f.account === accountId) === yes ? null : `${accountId} should ${yes ? "" : "not "}be flagged overdrawn`;

export const exchange = (id: string, status: string): Check => (view) => {
  const found = view.exchanges.find((e) => e.id === id);
  return found?.status === status ? null : `exchange ${id} should be ${status}, is ${found?.status}`;
};

export const listing = (id: string, fields: Record<string, unknown>): Check => (view) => {
  const found = view.listings.find((l) => l.id === id) as unknown as Record<string, unknown> | undefined;
  if (!found) return `no listing ${id}`;
  for (const [key, value] of Object.entries(fields)) if (JSON.stringify(found[key]) !== JSON.stringify(value)) return `listing.${key} should be ${JSON.stringify(value)}, is ${JSON.stringify(found[key])}`;
  return null;
};

export const joinRequests = (ids: string[]): Check => (view) => {
  const actual = view.joinRequests.map((j) => j.id).sort();
  return JSON.stringify(actual) === JSON.stringify([...ids].sort()) ? null : `join requests should be ${ids}, are ${actual}`;
};

/** Every check; the first failure, or null. */
export function firstFailure(view: LedgerView, checks: readonly Check[]): string | null {
  for (const check of checks) {
    const failure = check(view);
    if (failure) return failure;
  }
  return null;
}
