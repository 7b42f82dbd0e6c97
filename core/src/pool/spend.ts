// Before a device signs a pool.pay, it asks whether the payment would take
// its group past the pool's limit on the group's balance, as far as it knows
// (PROTOCOL §12.4). Like a member's credit limit (§7.4) the ledger never
// refuses such an exchange; this is what a device does before it signs.
import type { LedgerView } from "../ledger/view.ts";

export interface PoolSpendCheck {
  /** The group's balance in the pool now, in the view. */
  balanceMinutes: number;
  /** Minutes the group's members signed to pay across groups that wait for their payee. */
  promisedMinutes: number;
  creditLimitMinutes: number;
  afterMinutes: number;
  crosses: boolean;
  overByMinutes: number;
  /** The paying group's setting: refuse such a payment, or only warn. */
  policy: "refuse" | "warn";
  allowed: boolean;
}

/** Whether paying `spendMinutes` from group `groupHex` through pool `poolHex` would take the group past its pool limit. */
export function checkPoolSpend(view: LedgerView, poolHex: string, groupHex: string, spendMinutes: number): PoolSpendCheck {
  if (!Number.isSafeInteger(spendMinutes) || spendMinutes < 0) throw new Error("the minutes to spend must be a whole number from 0");
  const account = view.accounts[`${poolHex}:${groupHex}`];
  const balanceMinutes = account?.balanceMinutes ?? 0;
  const creditLimitMinutes = account?.creditLimitMinutes ?? view.groups[poolHex]?.settings.creditLimitMinutes ?? 0;
  let promisedMinutes = 0;
  for (const exchange of view.poolExchanges ?? []) {
    if (exchange.pool === poolHex && exchange.status === "waiting" && exchange.payer.startsWith(`${groupHex}:`)) promisedMinutes += exchange.minutes;
  }
  const afterMinutes = balanceMinutes - promisedMinutes - spendMinutes;
  const overByMinutes = spendMinutes === 0 ? 0 : Math.max(0, -creditLimitMinutes - afterMinutes);
  const policy = view.groups[groupHex]?.settings.overdraft ?? "refuse";
  const crosses = overByMinutes > 0;
  return { balanceMinutes, promisedMinutes, creditLimitMinutes, afterMinutes, crosses, overByMinutes, policy, allowed: !crosses || policy === "warn" };
}
