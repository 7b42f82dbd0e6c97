// Giving credits to a member or to the group's pot.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";

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
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="group">{t("give.pot")}</option>
            {members.map(([id, name]) => (
              <option key={id} value={id}>{name}</option>
            ))}
          </select>
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
