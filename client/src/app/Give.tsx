// Giving credits to a member or to the group's pot.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";
import { Choice } from "./Choice.tsx";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type Overspend } from "./SpendLimit.tsx";

interface Props {
  members: [string, string][];
  /** Whether giving this much would take this member past their limit. */
  overspend: (minutes: number) => Overspend | null;
  onGive: (to: string, minutes: number) => Promise<void>;
}

export function Give({ members, overspend, onGive }: Props) {
  const [to, setTo] = useState("group");
  const [amount, setAmount] = useState("1");
  const submit = useSubmit();
  const { t } = useTranslation();
  const over = overspend(minutesFromHours(amount));
  return (
    <section aria-labelledby="give">
      <h2 id="give">{t("give.title")}</h2>
      <form
        onSubmit={submit.form(async () => {
          refuseOverspend(over);
          await onGive(to, minutesFromHours(amount));
          return t("give.done");
        })}
      >
        <label>
          {t("give.to")}
          <Choice value={to} onChange={setTo} options={members} first={["group", t("give.pot")]} />
        </label>
        <label>
          {t("give.howMuch")}
          <HoursInput value={amount} onChange={setAmount} />
        </label>
        <SpendWarning over={over} />
        <BusyButton submit={submit} busyLabel={t("give.giving")}>{t("give.submit")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
    </section>
  );
}
