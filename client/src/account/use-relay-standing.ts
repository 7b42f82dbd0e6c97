// How this member key stands in a group, as the relay knows it. The relay
// serves a group's records only to its members, so a declined or removed
// member's device would never hear of it from the records: it asks the relay
// when the page opens, when the network comes back, and now and then.
import { useEffect, useState } from "react";
import type { AppContext } from "../app/App.tsx";
import { lookUpMember } from "./member-lookup.ts";

export function useRelayStanding(context: AppContext, groupHex: string, checkEveryMs: number): string | null {
  const [standing, setStanding] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const check = () => {
      void lookUpMember(context.device.member)
        .then((found) => !stopped && setStanding(found.standing[groupHex] ?? null))
        .catch(() => {}); // offline: the page shows what the records say
    };
    check();
    const timer = setInterval(check, checkEveryMs);
    window.addEventListener("online", check);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("online", check);
    };
  }, [context.device, groupHex, checkEveryMs]);
  return standing;
}
