// Work parties and events paid by the group: the pot's balance, the group's
// coming events (members say whether they will come), and for coordinators,
// planning one, crediting attendance afterwards, and a thank-you from the pot.
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { EventCard } from "./EventCard.tsx";
import { PlanEvent } from "./PlanEvent.tsx";
import { Pot } from "./Pot.tsx";
import { ThankYou } from "./ThankYou.tsx";
import "./events.css";

interface Props {
  view: LedgerView;
  groupHex: string;
  /** This member's account id. */
  me: string;
  coordinator: boolean;
  write: Write;
}

/** Open dated activities (work parties), soonest first; an undated one stays among the offers and requests. */
function eventsOf(view: LedgerView, groupHex: string) {
  const when = (day?: number, minute?: number) => (day ?? 0) * 1440 + (minute ?? 0);
  return view.listings
    .filter((l) => l.group === groupHex && l.type === "activity" && l.open && l.startsDay !== undefined)
    .sort((a, b) => when(a.startsDay, a.startsMinute) - when(b.startsDay, b.startsMinute) || a.title.localeCompare(b.title));
}

export function Events({ view, groupHex, me, coordinator, write }: Props) {
  const { t } = useTranslation();
  const events = eventsOf(view, groupHex);
  return (
    <section aria-labelledby="events" className="events">
      <h2 id="events">{t("events.title")}</h2>
      <Pot view={view} groupHex={groupHex} />
      {events.length === 0 ? <p>{t("events.none")}</p> : null}
      <ul className="event-list">
        {events.map((event) => (
          <EventCard key={event.id} view={view} groupHex={groupHex} event={event} me={me} coordinator={coordinator} write={write} />
        ))}
      </ul>
      {coordinator ? (
        <>
          <PlanEvent write={write} />
          <ThankYou view={view} groupHex={groupHex} write={write} />
        </>
      ) : null}
    </section>
  );
}
