// The app's shell: this device, its connection, and a page per address.
//   #/            your groups; start one
//   #/g/<group>/<tab>  a group, one tab at a time (home, listings, record, members, me, coordinate); #/g/<group> is home
//   #/join/<invite>/<group name>  ask to join a group (the name is optional: older links have none)
//   #/statement/<account>  a printable statement
//   #/dashboard/<group>  the group's numbers and CSV
//   #/account     your recovery code and a code for your other phone
//   #/link/<code>  take an account onto this device
//   #/recover     restore an account from its recovery code
//   #/kiosk/<group>  a sign-up desk for events
//   #/poster/<group>  a printable A4 invite poster with a QR code
//   #/profile/<account>  a member's profile (editable by them, or by a coordinator for a proxy)
//   #/cv/<account>  a member's printable social CV
//   #/town/<pool>  a town coordinator's dashboard of a pool
//   #/pool/<pool>/<pool name>  a pool link: ask for one of your groups to join
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_FOUNDING_GROUPS } from "@tally/core";
import type { RelayStatus } from "@tally/documents";
import { thisDevice } from "../device/device.ts";
import { startSync } from "../device/sync.ts";
import { AppContextReact, type AppContext } from "./app-context.ts";
import { parseTab } from "../shell/tabs.ts";
import { GroupPage } from "./GroupPage.tsx";
import { HomePage } from "./HomePage.tsx";
import { JoinPage } from "./JoinPage.tsx";
import { StatementPage } from "./StatementPage.tsx";
import { DashboardPage } from "./DashboardPage.tsx";
import { AccountPage } from "../account/AccountPage.tsx";
import { KioskPage } from "../account/KioskPage.tsx";
import { LinkPage } from "../account/LinkPage.tsx";
import { RecoverPage } from "../account/RecoverPage.tsx";
import { RecoveryReminder } from "../account/RecoveryReminder.tsx";
import { PosterPage } from "../coordinator/PosterPage.tsx";
import { ProfilePage } from "../profile/ProfilePage.tsx";
import { CvPage } from "../profile/CvPage.tsx";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { PoolLinkPage, TownDashboardPage } from "../town/lazy.ts";

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return hash.replace(/^#/, "") || "/";
}

export function App() {
  const [context, setContext] = useState<AppContext | null>(null);
  const [status, setStatus] = useState<RelayStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(0);
  const path = useHash();
  const { t } = useTranslation();

  useEffect(() => {
    (async () => {
      const device = await thisDevice();
      let groups = await device.groups();
      const sync = await startSync(device, () => groups.flatMap((g) => g.founding ?? []).slice(0, 2 * MAX_FOUNDING_GROUPS));
      sync.adapter.onStatus(setStatus);
      setWaiting(sync.outbox.count);
      sync.outbox.onCount(setWaiting);
      const refreshGroups = async () => {
        groups = await device.groups();
        setContext((c) => (c ? { ...c, groups } : c));
      };
      setContext({ device, sync, groups, refreshGroups, go: (to) => (location.hash = to) });
    })().catch((e: unknown) => setError((e as Error).message));
  }, []);

  if (error) return <main><p role="alert">{t("app.failed", { reason: error })}</p></main>;
  if (!context) return <main><p>{t("app.starting")}</p></main>;
  const [, page, arg, more] = path.split("/");
  return (
    <AppContextReact.Provider value={context}>
      <header>
        <a href="#/" className="brand">Tally</a>
        <a href="#/account">{t("account.link")}</a>
        <LanguageSwitch />
        <span className={`status ${status}`} role="status" aria-live="polite">
          {t(`app.${status}`)}
          {waiting > 0 ? ` · ${t("app.waiting", { count: waiting })}` : ""}
        </span>
      </header>
      <main>
        {page !== "account" && page !== "kiosk" ? <RecoveryReminder context={context} /> : null}
        {page === "g" && arg ? (
          <GroupPage context={context} groupHex={arg} tab={parseTab(more)} />
        ) : page === "join" && arg ? (
          <JoinPage context={context} invite={arg} groupName={more ?? ""} />
        ) : page === "dashboard" && arg ? (
          <DashboardPage context={context} groupHex={arg} />
        ) : page === "account" ? (
          <AccountPage context={context} />
        ) : page === "link" && arg ? (
          <LinkPage context={context} code={arg} />
        ) : page === "recover" ? (
          <RecoverPage context={context} />
        ) : page === "kiosk" && arg ? (
          <KioskPage context={context} groupHex={arg} />
        ) : page === "poster" && arg ? (
          <PosterPage context={context} groupHex={arg} />
        ) : page === "statement" && arg ? (
          <StatementPage context={context} accountId={arg} />
        ) : page === "profile" && arg ? (
          <ProfilePage key={arg} context={context} accountId={arg} />
        ) : page === "cv" && arg ? (
          <CvPage key={arg} context={context} accountId={arg} />
        ) : page === "town" && arg ? (
          <Suspense fallback={<p>{t("town.loading")}</p>}>
            <TownDashboardPage context={context} poolHex={arg} />
          </Suspense>
        ) : page === "pool" && arg ? (
          <Suspense fallback={<p>{t("town.loading")}</p>}>
            <PoolLinkPage context={context} poolHex={arg} nameSegment={more} />
          </Suspense>
        ) : (
          <HomePage context={context} />
        )}
      </main>
    </AppContextReact.Provider>
  );
}
