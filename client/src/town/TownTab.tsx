// The town tab: the pools this group is in (or is), each with the payments
// waiting for this member, the pool's groups, the offers and requests of
// members across the town, and this member's exchanges across groups. A
// group in no pool yet is told how to join one (its coordinators ask on the
// Coordinate tab). Loaded as a chunk of its own when first opened.
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { GroupSession } from "../shell/session.ts";
import { tabPath } from "../shell/tabs.ts";
import { accountName, dateText } from "../app/exchange-words.ts";
import { hours } from "../app/hours.ts";
import { PoolAccepts } from "./PoolAccepts.tsx";
import { PoolGroups } from "./PoolGroups.tsx";
import { TownListings } from "./TownListings.tsx";
import { poolExchangesOf, type GroupPool } from "./pools-of.ts";
import "./town.css";

export default function TownTab({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const { view, pools } = session;
  return (
    <>
      <h2>{t("town.title")}</h2>
      <PoolAccepts view={view} waiting={session.poolWaiting} write={session.write} />
      {pools.length === 0 ? (
        <p>
          {t("town.noPool")} {session.coordinator ? <a href={tabPath(session.groupHex, "coordinate")}>{t("town.askOnCoordinate")}</a> : null}
        </p>
      ) : null}
      {pools.map((p) => (
        <Pool key={p.pool} session={session} pool={p} />
      ))}
    </>
  );
}

function Pool({ session, pool }: { session: GroupSession; pool: GroupPool }) {
  const { t } = useTranslation();
  const { view, groupHex, me } = session;
  const isPool = pool.status === "pool";
  if (!view.pools?.[pool.pool]) {
    // Asked, and the pool's records have not reached this phone yet: nothing else to show of it.
    return (
      <section aria-labelledby={`pool-${pool.pool}`} className="town-pool">
        <h2 id={`pool-${pool.pool}`}>{pool.name || t("town.aPool")}</h2>
        <p>{t("town.standing.asked", { group: view.groups[groupHex]?.name ?? "" })}</p>
        <p role="status">{t("town.notYet")}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={`pool-${pool.pool}`} className="town-pool">
      <h2 id={`pool-${pool.pool}`}>{pool.name || t("town.aPool")}</h2>
      <p>{t(`town.standing.${pool.status}`, { group: view.groups[groupHex]?.name ?? "" })}</p>
      {isPool && session.coordinator ? (
        <p><a href={`#/town/${pool.pool}`}>{t("town.dashboard.link")}</a></p>
      ) : null}
      <PoolGroups view={view} pool={pool.pool} admin={isPool && session.coordinator} write={session.write} />
      <TownListings view={view} pool={pool.pool} groupHex={groupHex} me={me} canPay={isPool || pool.status === "member"} overspend={session.overspend} write={session.write} />
      <MyPoolExchanges view={view} pool={pool.pool} me={me} />
    </section>
  );
}

function MyPoolExchanges({ view, pool, me }: { view: LedgerView; pool: string; me: string }) {
  const { t, i18n } = useTranslation();
  const mine = poolExchangesOf(view, me).filter((e) => e.pool === pool);
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby={`my-pool-exchanges-${pool}`}>
      <h3 id={`my-pool-exchanges-${pool}`}>{t("town.mine.title")}</h3>
      <ul className="cards">
        {mine.map((e) => {
          const paid = e.payer === me;
          const other = paid ? e.payee : e.payer;
          const words = { name: accountName(view, other, t), group: view.groups[other.split(":")[0] as string]?.name || t("town.anotherGroup"), hours: hours(e.minutes) };
          return (
            <li key={e.id} data-status={e.status}>
              <p>{t(paid ? "town.mine.paid" : "town.mine.earned", words)}</p>
              <p>“{e.description}” · {dateText(e.timeMs, i18n.language)}</p>
              <p className="pool-status">{t(`town.exchange.${e.status}`, words)}{e.reason ? ` (${e.reason})` : ""}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
