// Giving credits to a member or to the group's pot.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";
import { Choice } from "./Choice.tsx";

export function Give({ members, onGive }: { members: [string, string][]; onGive: (to: string, minutes: number) => Promise<void> }) {
  const [to, setTo] = useState("group");
  const [amount, setAmount] = useState("1");
  const [given, setGiven] = useState(false);
  const { t } = useTranslation();
  return (
    <section aria-labelledby="give">
      <h2 id="give">{t("give.title")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onGive(to, minutesFromHours(amount)).then(() => setGiven(true));
        }}
      >
        <label>
          {t("give.to")}
          <Choice value={to} onChange={setTo} options={members} first={["group", t("give.pot")]} />
        </label>
        <label>
          {t("give.howMuch")}
          <HoursInput value={amount} onChange={setAmount} />
        </label>
        <button type="submit">{t("give.submit")}</button>
      </form>
      {given ? <p role="status">{t("give.done")}</p> : null}
    </section>
  );
}
