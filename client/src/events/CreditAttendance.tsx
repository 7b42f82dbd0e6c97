// After a work party, the coordinator credits everyone who came in one step:
// one exchange.event that names the activity, paid from the group's pot or
// from an organisation's account. Those who said they would come are ticked;
// each person's hours can differ from the hours for everyone.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_LEGS, MAX_LEG_MINUTES, hexToBytes, type LedgerView, type ListingView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { accountBytes } from "../app/account-bytes.ts";
import { Choice } from "../app/Choice.tsx";
import { HoursInput } from "../app/HoursInput.tsx";
import { hours, minutesFromHours } from "../app/hours.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

const POT = "group";

interface Props {
  view: LedgerView;
  groupHex: string;
  event: ListingView;
  write: Write;
}

export function CreditAttendance({ view, groupHex, event, write }: Props) {
  const { t } = useTranslation();
  const [payer, setPayer] = useState(POT);
  const [each, setEach] = useState("2");
  const [came, setCame] = useState<Set<string>>(() => new Set(event.attending ?? []));
  const [own, setOwn] = useState<Record<string, string>>({});
  const submit = useSubmit();

  const active = Object.entries(view.accounts).filter(([, a]) => a.group === groupHex && a.type !== "group" && a.status === "active");
  const organisations = active.filter(([, a]) => a.memberKind === "organisation").map(([id, a]) => [id, a.name] as [string, string]);
  const people = active.filter(([id]) => id !== payer).sort(([, a], [, b]) => a.name.localeCompare(b.name));
  const minutesOf = (id: string) => minutesFromHours(own[id]?.trim() ? (own[id] as string) : each);
  const chosen = people.filter(([id]) => came.has(id));
  const total = chosen.reduce((sum, [id]) => sum + minutesOf(id), 0);

  function toggle(id: string, on: boolean) {
    setCame((now) => {
      const next = new Set(now);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function credit(): Promise<string> {
    if (chosen.length === 0) throw new Error(t("events.credit.nobody"));
    if (chosen.length > MAX_LEGS) throw new Error(t("events.credit.tooMany", { max: MAX_LEGS }));
    const legs = chosen.map(([id]) => ({ account: accountBytes(id), minutes: minutesOf(id) }));
    if (legs.some((l) => !(l.minutes >= 1 && l.minutes <= MAX_LEG_MINUTES))) throw new Error(t("events.credit.badHours"));
    if (total > MAX_LEG_MINUTES) throw new Error(t("events.credit.tooMuch", { max: hours(MAX_LEG_MINUTES) }));
    await write(
      "exchange.event",
      {
        payers: [{ account: payer === POT ? new Uint8Array() : accountBytes(payer), minutes: total }],
        payees: legs,
        description: event.title,
        category: event.category,
        listing: hexToBytes(event.id),
      },
      [event.id],
    );
    return t("events.credit.done", { count: chosen.length, total: hours(total) });
  }

  return (
    <form onSubmit={submit.form(credit)} className="credit-attendance">
      <label>
        {t("events.credit.payFrom")}
        <Choice value={payer} onChange={setPayer} options={organisations} first={[POT, t("give.pot")]} />
      </label>
      <label>
        {t("events.credit.each")}
        <HoursInput value={each} onChange={setEach} />
      </label>
      <fieldset>
        <legend>{t("events.credit.who")}</legend>
        <ul className="attendance">
          {people.map(([id, a]) => (
            <li key={id}>
              <label>
                <input type="checkbox" checked={came.has(id)} onChange={(e) => toggle(id, e.target.checked)} /> {a.name}
                {event.attending?.includes(id) ? <span className="hint"> {t("events.saidYes")}</span> : null}
              </label>
              {came.has(id) ? (
                <label className="own-hours">
                  {t("events.credit.hoursFor", { name: a.name })}
                  <input type="number" min={0.25} max={1000} step={0.25} placeholder={each} value={own[id] ?? ""} onChange={(e) => setOwn({ ...own, [id]: e.target.value })} />
                </label>
              ) : null}
            </li>
          ))}
        </ul>
      </fieldset>
      <p>{t("events.credit.summary", { count: chosen.length, total: hours(total), from: payer === POT ? t("give.pot") : view.accounts[payer]?.name })}</p>
      <BusyButton submit={submit} busyLabel={t("events.credit.crediting")}>{t("events.credit.submit")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
