// The group's pot: the group account. It pays joining bonuses, work parties
// and thank-yous, and members may give to it; it goes below zero as it pays,
// which is how new time credits come into the group.
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import { hours } from "../app/hours.ts";

export function potOf(view: LedgerView, groupHex: string): number {
  return view.accounts[`${groupHex}:group`]?.balanceMinutes ?? 0;
}

export function Pot({ view, groupHex }: { view: LedgerView; groupHex: string }) {
  const { t } = useTranslation();
  const balance = potOf(view, groupHex);
  return (
    <div className="pot">
      <p>
        {t("pot.balance")} <strong data-testid="pot-balance">{hours(balance)}</strong>
      </p>
      <p className="hint">{balance < 0 ? t("pot.belowZero", { amount: hours(-balance) }) : t("pot.explain")}</p>
    </div>
  );
}
