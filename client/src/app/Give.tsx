// Giving credits to a member or to the group's pot.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";
import { Choice } from "./Choice.tsx";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";

export function Give({ members, onGive }: { members: [string, string][]; onGive: (to: string, minutes: number) => Promise<void> }) {
  const [to, setTo] = useState("group");
  const [amount, setAmount] = useState("1");
  const submit = useSubmit();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="give">
      <h2 id="give">{t("give.title")}</h2>
      <form
        onSubmit={submit.form(async () => {
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
        <BusyButton submit={submit} busyLabel={t("give.giving")}>{t("give.submit")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
    </section>
  );
}
