// The activity of a group for this member: what needs them and what happened
// to what they recorded, newest first, the unread marked, with the choice of
// notifications on this phone. While the page is hidden, a new thing to do
// is also shown as a system notification (through the service worker).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView, Signer } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { hours } from "../app/hours.ts";
import { ActionButton } from "../app/SubmitControls.tsx";
import type { ActivityItem } from "./activity.ts";
import { saveNotificationText } from "./activity-store.ts";
import { PushOptIn } from "./PushOptIn.tsx";
import { useActivity } from "./use-activity.ts";
import "./activity.css";

const SHOWN_AT_FIRST = 8;

interface Props {
  groupHex: string;
  groupName: string;
  replica: GroupReplica;
  view: LedgerView;
  me: string;
  device: Signer;
}

export function ActivityList({ groupHex, groupName, replica, view, me, device }: Props) {
  const { t, i18n } = useTranslation();
  const { items, unread, markAllRead } = useActivity(groupHex, replica, view, me);
  const [all, setAll] = useState(false);
  useSystemNotifications(groupHex, groupName, items, unread);
  useEffect(() => {
    // The service worker shows a push in these words: the push itself names only the group.
    void saveNotificationText(groupHex, { title: groupName, body: t("activity.push.body", { group: groupName }) }).catch(() => {});
  }, [groupHex, groupName, t, i18n.language]);

  const shown = all ? items : items.slice(0, SHOWN_AT_FIRST);
  return (
    <section aria-labelledby="activity" className="activity">
      <h2 id="activity">
        {t("activity.title")}
        {unread.size > 0 ? (
          <>
            {" "}
            <span className="unread-count">{t("activity.unread", { count: unread.size })}</span>
          </>
        ) : null}
      </h2>
      {/* Articles of a feed, not list items: an activity names the same people as the lists below it. */}
      {items.length === 0 ? (
        <p>{t("activity.none")}</p>
      ) : (
        <div role="feed" aria-labelledby="activity">
          {shown.map((item) => (
            <article key={item.id} className={unread.has(item.id) ? "unread" : undefined}>
              {unread.has(item.id) ? <strong className="new">{t("activity.new")} </strong> : null}
              {describe(item, t)}
              {item.timeMs > 0 ? <span className="when"> · {new Date(item.timeMs).toLocaleDateString(i18n.language, { day: "numeric", month: "short" })}</span> : null}
            </article>
          ))}
        </div>
      )}
      {items.length > shown.length ? (
        <button type="button" onClick={() => setAll(true)}>
          {t("activity.showAll", { count: items.length })}
        </button>
      ) : null}
      {unread.size > 0 ? <ActionButton label={t("activity.markAllRead")} busyLabel={t("activity.marking")} action={markAllRead} /> : null}
      <PushOptIn device={device} />
    </section>
  );
}

type Translate = ReturnType<typeof useTranslation>["t"];

export function describe(item: ActivityItem, t: Translate): string {
  const amount = hours(Math.abs(item.minutes ?? 0));
  const what = item.description ? ` ${t("activity.what", { description: item.description })}` : "";
  if (item.kind === "approved") return item.minutes ? t("activity.approvedBonus", { hours: amount }) : t("activity.approved");
  if (item.kind === "corrected") return `${t("activity.corrected", { who: item.who, hours: amount, reason: item.reason })}${what}`;
  return `${t(`activity.${item.kind}`, { who: item.who, hours: amount })}${what}`;
}

/** A new thing to do, arriving while this page is hidden, as a system notification. */
function useSystemNotifications(groupHex: string, groupName: string, items: ActivityItem[], unread: ReadonlySet<string>): void {
  const { t } = useTranslation();
  const told = useRef<Set<string> | null>(null);
  useEffect(() => {
    // What is there when the page opens is on screen: only what arrives later is told.
    if (told.current === null) {
      told.current = new Set(items.map((i) => i.id));
      return;
    }
    const fresh = items.filter((i) => i.action && unread.has(i.id) && !told.current?.has(i.id));
    for (const item of fresh) told.current.add(item.id);
    if (fresh.length === 0 || document.visibilityState !== "hidden" || !("Notification" in window) || Notification.permission !== "granted") return;
    void navigator.serviceWorker?.getRegistration().then((registration) =>
      registration?.showNotification(groupName, { body: t("activity.push.body", { group: groupName }), tag: groupHex, data: { url: `/#/g/${groupHex}` } }),
    );
  }, [items, unread, groupHex, groupName, t]);
}
