// The group's work parties and events, then its offers and requests.
import { hexToBytes } from "@tally/core";
import { Listings } from "../app/Listings.tsx";
import { Events } from "../events/Events.tsx";
import type { GroupSession } from "./session.ts";

export function ListingsTab({ session }: { session: GroupSession }) {
  const { view, me, write, groupHex, overspend, coordinator } = session;
  return (
    <>
      <Events view={view} groupHex={groupHex} me={me} coordinator={coordinator} write={write} />
      <Listings
        view={view}
        groupHex={groupHex}
        me={me}
        onPost={({ description, ...listing }) => write("listing.create", { ...listing, ...(description ? { description } : {}) })}
        onClose={(listing) => write("listing.close", { listing: hexToBytes(listing.id) }, [listing.id])}
        answering={{ payerIsEnough: view.groups[groupHex]?.settings.confirmation === "payer", overspend, propose: (body, deps) => write("exchange.propose", body, deps) }}
      />
    </>
  );
}
