// The group's offers and requests.
import { hexToBytes } from "@tally/core";
import { Listings } from "../app/Listings.tsx";
import type { GroupSession } from "./session.ts";

export function ListingsTab({ session }: { session: GroupSession }) {
  const { view, me, write, groupHex, overspend } = session;
  return (
    <Listings
      view={view}
      me={me}
      onPost={({ description, ...listing }) => write("listing.create", { ...listing, ...(description ? { description } : {}) })}
      onClose={(listing) => write("listing.close", { listing: hexToBytes(listing.id) }, [listing.id])}
      answering={{ payerIsEnough: view.groups[groupHex]?.settings.confirmation === "payer", overspend, propose: (body, deps) => write("exchange.propose", body, deps) }}
    />
  );
}
