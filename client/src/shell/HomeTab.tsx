// A group's home: what needs this member now (exchanges to confirm, join
// requests for a coordinator), what waits for others, what does not count.
import { useTranslation } from "react-i18next";
import { NotCounting } from "../app/NotCounting.tsx";
import { ActivityList } from "../activity/ActivityList.tsx";
import { Answered, ToAnswer } from "./Answers.tsx";
import { tabPath } from "./tabs.ts";
import { Suspense } from "react";
import { PoolAccepts } from "../town/lazy.ts";
import type { GroupSession } from "./session.ts";

export function HomeTab({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const joinRequests = session.coordinator ? session.joinRequestCount : 0;
  const nothing = session.waitingForMe.length === 0 && session.poolWaiting.length === 0 && joinRequests === 0;
  return (
    <>
      {nothing ? <p className="all-done">{t("shell.nothingNeedsYou")}</p> : null}
      <ToAnswer session={session} />
      {/* Mounted whenever the group is in a pool, so "Accepted" stays said once nothing waits. */}
      {session.pools.length > 0 ? (
        <Suspense fallback={null}>
          <PoolAccepts view={session.view} waiting={session.poolWaiting} write={session.write} />
        </Suspense>
      ) : null}
      {joinRequests > 0 ? (
        <section aria-labelledby="join-requests-waiting">
          <h2 id="join-requests-waiting">{t("coordinate.join.title")}</h2>
          <p>
            <a className="button-link" href={tabPath(session.groupHex, "coordinate")}>{t("shell.joinRequests", { count: joinRequests })}</a>
          </p>
        </section>
      ) : null}
      <Answered session={session} />
      <ActivityList groupHex={session.groupHex} groupName={session.view.groups[session.groupHex]?.name ?? ""} replica={session.replica} view={session.view} me={session.me} device={session.context.device.device} />
      <NotCounting view={session.view} replica={session.replica} />
    </>
  );
}
