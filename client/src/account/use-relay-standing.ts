// How this member key stands in a group, as the relay knows it. The relay
// serves a group's records only to its members, so a declined or removed
// member's device would never hear of it from the records: it asks the relay
// now and then, and when the network comes back. Answers are shared by every
// page that opens, so moving between pages asks nothing new.
import { useEffect, useState } from "react";
import type { AppContext } from "../app/app-context.ts";
import { lookUpMember } from "./member-lookup.ts";

const lastAnswer = new Map<string, { standing: string | null; askedMs: number }>();

export function useRelayStanding(context: AppContext, groupHex: string, checkEveryMs: number): string | null {
  const [standing, setStanding] = useState<string | null>(lastAnswer.get(groupHex)?.standing ?? null);
  useEffect(() => {
    let stopped = false;
    const check = () => {
      const askedMs = Date.now();
      void lookUpMember(context.device.member)
        .then((found) => {
          // One question answers for every group of this member key.
          for (const [group, answer] of Object.entries(found.standing)) lastAnswer.set(group, { standing: answer, askedMs });
          if (!(groupHex in found.standing)) lastAnswer.set(groupHex, { standing: null, askedMs });
          if (!stopped) setStanding(found.standing[groupHex] ?? null);
        })
        .catch(() => {}); // offline: the page shows what the records say
    };
    const sinceMs = Date.now() - (lastAnswer.get(groupHex)?.askedMs ?? 0);
    const first = setTimeout(check, Math.max(0, checkEveryMs - sinceMs));
    const timer = setInterval(check, checkEveryMs);
    window.addEventListener("online", check);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      window.removeEventListener("online", check);
    };
  }, [context.device, groupHex, checkEveryMs]);
  return standing;
}
