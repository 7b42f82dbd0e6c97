// The group's offers and requests.
import { hexToBytes } from "@tally/core";
import { Listings } from "../app/Listings.tsx";
import type { GroupSession } from "./session.ts";

export function ListingsTab({ session }: { session: GroupSession }) {
  const { view, me, write } = session;
  return (
    <Listings
      view={view}
      me={me}
      onPost={({ description, ...listing }) => write("listing.create", { ...listing, ...(description ? { description } : {}) })}
      onClose={(listing) => write("listing.close", { listing: hexToBytes(listing.id) }, [listing.id])}
    />
  );
}
