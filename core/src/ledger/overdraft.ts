// Before a device signs a spend (an exchange as payer, a confirmation as payer,
// a gift), it asks whether the spend would take the account past its credit
// limit as far as the device knows (PROTOCOL §7.4). The ledger itself never
// refuses an overspend: two offline phones may each spend, and the account is
// then flagged. This check is what a device does before it signs.
import type { LedgerView } from "./view.ts";

export interface SpendCheck {
  /** The account's balance now, in the view. */
  balanceMinutes: number;
  /** Minutes the account has already agreed to pay that have not moved yet (its own signed proposals waiting for a payee). */
  promisedMinutes: number;
  /** The account's credit limit, or null when it has none (the group account). */
  creditLimitMinutes: number | null;
  /** Balance after the spend and everything promised. */
  afterMinutes: number;
  /** True when the spend would take the account below minus its limit. */
  crosses: boolean;
  /** How far below minus the limit the spend would take the account (0 when it does not cross). */
  overByMinutes: number;
  /** The group's setting: refuse such a spend, or only warn. */
  policy: "refuse" | "warn";
  /** True when the device may sign: the spend does not cross, or the group only warns. */
  allowed: boolean;
}

/** Whether spending `spendMinutes` from `accountId` would cross its credit limit, and by how much. */
export function checkSpend(view: LedgerView, accountId: string, spendMinutes: number): SpendCheck {
  if (!Number.isSafeInteger(spendMinutes) || spendMinutes < 0) throw new Error("the minutes to spend must be a whole number from 0");
  const account = view.accounts[accountId];
  const groupHex = accountId.split(":")[0] as string;
  const policy = view.groups[groupHex]?.settings.overdraft ?? "refuse";
  const balanceMinutes = account?.balanceMinutes ?? 0;
  const isGroup = accountId === `${groupHex}:group`;
  const creditLimitMinutes = isGroup ? null : account ? account.creditLimitMinutes : (view.groups[groupHex]?.settings.creditLimitMinutes ?? 0);
  const promisedMinutes = promisedBy(view, accountId);
  const afterMinutes = balanceMinutes - promisedMinutes - spendMinutes;
  const overByMinutes = creditLimitMinutes === null || spendMinutes === 0 ? 0 : Math.max(0, -creditLimitMinutes - afterMinutes);
  const crosses = overByMinutes > 0;
  return { balanceMinutes, promisedMinutes, creditLimitMinutes, afterMinutes, crosses, overByMinutes, policy, allowed: !crosses || policy === "warn" };
}

/** The minutes a confirmation of `exchangeId` by `accountId` could move out of that account: the legs waiting for it as payer, else 0. */
export function confirmationSpendMinutes(view: LedgerView, exchangeId: string, accountId: string): number {
  const exchange = view.exchanges.find((e) => e.id === exchangeId);
  if (!exchange || exchange.payer !== accountId || exchange.status === "corrected") return 0;
  return exchange.legs.filter((leg) => !leg.moved && leg.waitingFor === accountId).reduce((sum, leg) => sum + leg.minutes, 0);
}

/** Legs the account signed as payer that wait only for their payee: they will move without the payer doing anything more. */
function promisedBy(view: LedgerView, accountId: string): number {
  let total = 0;
  for (const exchange of view.exchanges) {
    if (exchange.payer !== accountId || (exchange.status !== "waiting" && exchange.status !== "partial")) continue;
    for (const leg of exchange.legs) if (!leg.moved && leg.waitingFor !== accountId) total += leg.minutes;
  }
  // A payment to someone in another group (PROTOCOL §12.4) waits only for its payee too.
  for (const exchange of view.poolExchanges ?? []) if (exchange.payer === accountId && exchange.status === "waiting") total += exchange.minutes;
  return total;
}
