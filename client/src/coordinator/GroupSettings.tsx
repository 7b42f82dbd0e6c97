// The group's settings: its name, how far a member may go below zero unless
// given their own limit, the joining bonus, and whether an exchange needs
// both sides' confirmation, and whether a phone refuses a spend past a credit
// limit or only warns. A change applies from its record on; what was decided
// before stays decided.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Body, LedgerView, Settings } from "@tally/core";
import type { Write } from "./write.ts";
import { HoursInput } from "../app/HoursInput.tsx";
import { minutesFromHours } from "../app/hours.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function GroupSettings({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const { t } = useTranslation();
  const current = view.groups[groupHex]?.settings;
  const [name, setName] = useState(current?.name ?? "");
  const [limitHours, setLimitHours] = useState(String((current?.creditLimitMinutes ?? 0) / 60));
  const [bonusHours, setBonusHours] = useState(String((current?.joiningBonusMinutes ?? 0) / 60));
  const [confirmation, setConfirmation] = useState(current?.confirmation ?? "both");
  const [overdraft, setOverdraft] = useState(current?.overdraft ?? "refuse");
  const submit = useSubmit();
  if (!current) return null;

  async function save(): Promise<string> {
    const wanted: Settings = {
      name: name.trim(),
      creditLimitMinutes: minutesFromHours(limitHours),
      joiningBonusMinutes: minutesFromHours(bonusHours),
      confirmation,
      overdraft,
    };
    // Only what changed: a settings record overrides just the fields it has.
    const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => current![key as keyof Settings] !== value));
    if (Object.keys(changed).length === 0) return t("coordinate.settings.unchanged");
    await write("group.settings", changed as Body<"group.settings">);
    return t("coordinate.settings.saved");
  }

  return (
    <form onSubmit={submit.form(save)}>
      <label>
        {t("coordinate.settings.name")}
        <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("coordinate.settings.limit")}
        <HoursInput value={limitHours} onChange={setLimitHours} minHours={0} maxHours={10000} />
      </label>
      <label>
        {t("coordinate.settings.bonus")}
        <HoursInput value={bonusHours} onChange={setBonusHours} minHours={0} />
      </label>
      <fieldset>
        <legend>{t("coordinate.settings.confirmation")}</legend>
        <label>
          <input type="radio" name="confirmation" checked={confirmation === "both"} onChange={() => setConfirmation("both")} /> {t("coordinate.settings.both")}
        </label>
        <label>
          <input type="radio" name="confirmation" checked={confirmation === "payer"} onChange={() => setConfirmation("payer")} /> {t("coordinate.settings.payer")}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t("coordinate.settings.overdraft")}</legend>
        <label>
          <input type="radio" name="overdraft" checked={overdraft === "refuse"} onChange={() => setOverdraft("refuse")} /> {t("coordinate.settings.refuse")}
        </label>
        <label>
          <input type="radio" name="overdraft" checked={overdraft === "warn"} onChange={() => setOverdraft("warn")} /> {t("coordinate.settings.warn")}
        </label>
      </fieldset>
      <BusyButton submit={submit} busyLabel={t("submit.saving")}>{t("coordinate.settings.save")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
