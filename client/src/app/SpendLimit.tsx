// Credit limits before signing (PROTOCOL §7.4): a spend that would take the
// paying account past its limit is said before it is made, and refused unless
// the group chose to warn only. The ledger itself never refuses: two offline
// phones may each spend, and the account is then flagged.
import type { TFunction } from "i18next";
import { checkSpend, type LedgerView } from "@tally/core";
import { hours } from "./hours.ts";

export interface Overspend {
  /** What the person reads before they go on, and the reason when refused. */
  message: string;
  /** The group only warns: the spend may be signed all the same. */
  allowed: boolean;
}

/** Whether spending `minutes` from an account this device signs for crosses its limit; null when it does not. */
export type SpendCheck = (accountId: string, minutes: number) => Overspend | null;

/** `me`: this member's account id, spoken of as "you"; any other account by its name. */
export function spendChecker(view: LedgerView, me: string, t: TFunction): SpendCheck {
  return (accountId, minutes) => {
    if (!Number.isSafeInteger(minutes) || minutes <= 0) return null;
    const check = checkSpend(view, accountId, minutes);
    if (!check.crosses) return null;
    const words = {
      name: view.accounts[accountId]?.name ?? "",
      after: hours(check.afterMinutes),
      limit: hours(-(check.creditLimitMinutes ?? 0)),
      over: hours(check.overByMinutes),
    };
    const who = accountId === me ? "mine" : "theirs";
    const then = t(check.allowed ? "limit.warnOnly" : "limit.refused");
    return { message: `${t(`limit.${who}`, words)} ${then}`, allowed: check.allowed };
  };
}

/** Before signing: throws the reason when the group refuses this spend. */
export function refuseOverspend(over: Overspend | null): void {
  if (over && !over.allowed) throw new Error(over.message);
}

/** Said beside the control before it is pressed. */
export function SpendWarning({ over }: { over: Overspend | null }) {
  return over ? <p className="warning" role="status">{over.message}</p> : null;
}
