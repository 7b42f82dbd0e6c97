// One work party: what, when, where, who is coming; "I'll come" / "I can't
// come" for everyone; for a coordinator, crediting attendance once it is over.
import { useTranslation } from "react-i18next";
import { hexToBytes, type ExchangeView, type LedgerView, type ListingView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { Disclosure } from "../coordinator/Disclosure.tsx";
import { hours } from "../app/hours.ts";
import { ActionButton } from "../app/SubmitControls.tsx";
import { CreditAttendance } from "./CreditAttendance.tsx";
import { longDayText, minuteText } from "./event-time.ts";

interface Props {
  view: LedgerView;
  groupHex: string;
  event: ListingView;
  me: string;
  coordinator: boolean;
  write: Write;
}

/** The event that paid this activity's attendance, unless a correction reversed it. */
export function creditOf(view: LedgerView, listingId: string): ExchangeView | null {
  return view.exchanges.find((e) => e.kind === "exchange.event" && e.listing === listingId && e.status !== "corrected") ?? null;
}

export function EventCard({ view, groupHex, event, me, coordinator, write }: Props) {
  const { t } = useTranslation();
  const coming = event.attending ?? [];
  const name = (id: string) => view.accounts[id]?.name ?? t("listings.aMember");
  const credit = creditOf(view, event.id);
  const iCome = coming.includes(me);
  const answer = (yes: boolean) => write("listing.attend", { listing: hexToBytes(event.id), coming: yes }, [event.id]);

  return (
    <li className="event" aria-labelledby={`event-${event.id}`}>
      <h3 id={`event-${event.id}`}>{event.title}</h3>
      <p className="when-where">
        {event.startsDay !== undefined ? longDayText(event.startsDay) : null}
        {event.startsMinute !== undefined ? `, ${minuteText(event.startsMinute)}` : null}
        {event.place ? ` · ${event.place}` : null}
      </p>
      {event.description ? <p>{event.description}</p> : null}
      <p>{coming.length === 0 ? t("events.nobodyYet") : t("events.coming", { count: coming.length, names: coming.map(name).join(", ") })}</p>
      {credit ? (
        <p role="status" className="credited">
          {t("events.credited", { people: credit.deltas.filter((d) => d.minutes > 0).map((d) => `${name(d.account)} ${hours(d.minutes)}`).join(", ") })}
        </p>
      ) : (
        <p className="answer">
          {iCome ? (
            <>
              <strong>{t("events.youAreComing")}</strong>{" "}
              <ActionButton className="small" action={() => answer(false)} label={t("events.cannotCome")} busyLabel={t("events.answering")} />
            </>
          ) : (
            <ActionButton action={() => answer(true)} label={t("events.willCome", { title: event.title })} busyLabel={t("events.answering")} />
          )}
        </p>
      )}
      {coordinator || event.account === me ? (
        <ActionButton
          className="small"
          action={() => write("listing.close", { listing: hexToBytes(event.id), reason: credit ? "Attendance credited" : "Taken off the list" }, [event.id])}
          label={t("events.close", { title: event.title })}
          busyLabel={t("events.closing")}
        />
      ) : null}
      {coordinator && !credit ? (
        <Disclosure title={t("events.credit.title", { title: event.title })}>
          <CreditAttendance view={view} groupHex={groupHex} event={event} write={write} />
        </Disclosure>
      ) : null}
    </li>
  );
}
