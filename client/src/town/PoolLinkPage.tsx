// A pool link opened (#/pool/<pool id>/<pool name>): for each of this
// device's groups it coordinates, a button to ask for that group to join.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "../app/app-context.ts";
import { useGroup } from "../app/use-group.ts";
import { writeRecord } from "../app/write-record.ts";
import { ownAccount } from "../account/own-account.ts";
import { JoinPool, whyNotJoin } from "./JoinPool.tsx";
import { poolNameFrom } from "./pool-link.ts";
import "./town.css";
import type { KnownGroup } from "../device/device.ts";

/** `nameSegment`: the link's last part, the pool's name as the link carries it. */
export default function PoolLinkPage({ context, poolHex, nameSegment }: { context: AppContext; poolHex: string; nameSegment: string | undefined }) {
  const { t } = useTranslation();
  const poolName = poolNameFrom(nameSegment);
  if (!/^[0-9a-f]{32}$/.test(poolHex)) return <p role="alert">{t("town.join.notALink")}</p>;
  return (
    <>
      <h1>{poolName ? t("town.link.title", { pool: poolName }) : t("town.link.titleUnnamed")}</h1>
      <p>{t("town.link.intro")}</p>
      {context.groups.length === 0 ? <p>{t("town.link.noGroups")}</p> : null}
      <ul className="pool-link-groups">
        {context.groups.map((g) => (
          <GroupAsk key={g.groupHex} context={context} group={g} poolHex={poolHex} poolName={poolName} />
        ))}
      </ul>
    </>
  );
}

function GroupAsk({ context, group, poolHex, poolName }: { context: AppContext; group: KnownGroup; poolHex: string; poolName: string }) {
  const opened = useGroup(context, group.groupHex);
  if (!opened) return <li>{group.name}</li>;
  return <GroupAskOpened context={context} group={group} poolHex={poolHex} poolName={poolName} view={opened.view} replica={opened.replica} />;
}

function GroupAskOpened({ context, group, poolHex, poolName, view, replica }: { context: AppContext; group: KnownGroup; poolHex: string; poolName: string; view: LedgerView; replica: GroupReplica }) {
  const { t } = useTranslation();
  const name = view.groups[group.groupHex]?.name || group.name;
  const me = view.accounts[ownAccount(replica, group.groupHex, context.device.member.publicKey)];
  const coordinator = me?.role === "coordinator" && me.status === "active";
  const joined = replica.joinedPools();
  const why = whyNotJoin(view, group.groupHex, joined, poolHex, t);
  // Decided when the group's records are open: once asked, the form stays to say so.
  const [offered] = useState(why === null);
  return (
    <li>
      <h2>{name}</h2>
      {!coordinator ? (
        <p>{t("town.link.onlyCoordinators")}</p>
      ) : !offered ? (
        <p>{why}</p>
      ) : (
        <JoinPool view={view} groupHex={group.groupHex} joined={joined} fixedPool={poolHex} poolName={poolName} write={(kind, body, deps = []) => writeRecord(replica, context.device, kind, body, deps)} />
      )}
    </li>
  );
}
