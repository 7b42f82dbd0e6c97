// Waiting to join, or no longer a member. The relay serves a group's records
// only to its members, so a declined or removed member's device would never
// hear of it: now and then it asks the relay how its member key stands.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppContext } from "./App.tsx";
import { lookUpMember } from "../account/member-lookup.ts";

const CHECK_EVERY_MS = 15_000;
const TOLD_BY_RELAY = new Set(["declined", "removed"]);

export function WaitingToJoin({ context, groupHex, title, status }: { context: AppContext; groupHex: string; title: string; status: string | null }) {
  const { t } = useTranslation();
  const [standing, setStanding] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const check = () => {
      void lookUpMember(context.device.member)
        .then((found) => !stopped && setStanding(found.standing[groupHex] ?? null))
        .catch(() => {}); // offline: the page says what it knows
    };
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    window.addEventListener("online", check);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("online", check);
    };
  }, [context.device, groupHex]);

  const known = standing && TOLD_BY_RELAY.has(standing) ? standing : status;
  return (
    <section>
      <h1>{title}</h1>
      <p role="status">{known && known !== "none" && known !== "active" ? t(`coordinate.standing.${known}`) : t("group.waitingText")}</p>
    </section>
  );
}
