// A thank-you from the group's pot: a coordinator's grant of credits to a
// member (someone who led the pick, lent the van), with the reason said.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { accountBytes } from "../app/account-bytes.ts";
import { Choice } from "../app/Choice.tsx";
import { HoursInput } from "../app/HoursInput.tsx";
import { minutesFromHours } from "../app/hours.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function ThankYou({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const { t } = useTranslation();
  const [to, setTo] = useState("");
  const [amount, setAmount] = useState("1");
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const members = Object.entries(view.accounts)
    .filter(([, a]) => a.group === groupHex && a.type !== "group" && a.status === "active")
    .map(([id, a]) => [id, a.name] as [string, string]);

  async function thank(): Promise<string> {
    const name = view.accounts[to]?.name ?? "";
    const sent = reason;
    await write("grant", { to: accountBytes(to), minutes: minutesFromHours(amount), reason: reason.trim() });
    setReason((now) => (now === sent ? "" : now));
    return t("events.thanks.done", { name });
  }

  return (
    <form onSubmit={submit.form(thank)} className="thank-you">
      <h3>{t("events.thanks.title")}</h3>
      <label>
        {t("events.thanks.to")}
        <Choice required value={to} onChange={setTo} options={members} first={["", t("events.thanks.choose")]} />
      </label>
      <label>
        {t("events.thanks.hours")}
        <HoursInput value={amount} onChange={setAmount} />
      </label>
      <label>
        {t("events.thanks.reason")}
        <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <BusyButton submit={submit} busyLabel={t("events.thanks.giving")}>{t("events.thanks.submit")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
