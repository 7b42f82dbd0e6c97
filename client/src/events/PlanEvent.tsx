// A coordinator plans a work party: what, when, where. It is an activity
// listing everyone sees, and members say whether they will come.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Write } from "../coordinator/write.ts";
import { categoryChoices } from "../app/categories.ts";
import { Choice } from "../app/Choice.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { dayFromDateInput, minuteFromTimeInput } from "./event-time.ts";

export function PlanEvent({ write }: { write: Write }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [date, setDate] = useState("");
  const [time, setTime] = useState("10:00");
  const [place, setPlace] = useState("");
  const [details, setDetails] = useState("");
  const [category, setCategory] = useState("Litter picking");
  const detailsId = useId();
  const submit = useSubmit();

  async function plan(): Promise<string> {
    const startsDay = dayFromDateInput(date);
    const startsMinute = minuteFromTimeInput(time);
    if (startsDay === null) throw new Error(t("events.badDate"));
    if (startsMinute === null) throw new Error(t("events.badTime"));
    const sent = { title, place, details };
    await write("listing.create", {
      type: "activity",
      title: title.trim(),
      category,
      startsDay,
      startsMinute,
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(details.trim() ? { description: details.trim() } : {}),
    });
    setTitle((now) => (now === sent.title ? "" : now));
    setPlace((now) => (now === sent.place ? "" : now));
    setDetails((now) => (now === sent.details ? "" : now));
    return t("events.planned", { title: sent.title.trim() });
  }

  return (
    <form onSubmit={submit.form(plan)} className="plan-event">
      <h3>{t("events.plan")}</h3>
      <label>
        {t("events.what")}
        <input required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t("events.date")}
        <input required type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        {t("events.time")}
        <input required type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </label>
      <label>
        {t("events.place")}
        <input required maxLength={80} value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <label htmlFor={detailsId}>{t("events.details")}</label>
      <textarea id={detailsId} maxLength={1000} rows={2} value={details} onChange={(e) => setDetails(e.target.value)} />
      <label>
        {t("events.category")}
        <Choice value={category} onChange={setCategory} options={categoryChoices(t)} />
      </label>
      <BusyButton submit={submit} busyLabel={t("events.planning")}>{t("events.planSubmit")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
