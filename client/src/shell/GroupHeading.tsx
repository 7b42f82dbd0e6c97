// The group's name and this member's balance, above every tab.
import { useTranslation } from "react-i18next";
import type { AccountView } from "@tally/core";
import { hours } from "../app/hours.ts";

export function GroupHeading({ name, mine }: { name: string; mine: AccountView }) {
  const { t } = useTranslation();
  return (
    <div className="group-heading">
      <h1>{name}</h1>
      <p className="balance">
        {t("group.yourBalance")} <strong>{hours(mine.balanceMinutes)}</strong>
        {mine.overdrawn ? <span className="flag">{t("group.overLimit")}</span> : null}
      </p>
    </div>
  );
}
