// A group, as this member stands in it: waiting, suspended or removed; a
// frozen phone; or a member, with the group's tabs (see ../shell/).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, type Body, type LedgerView, type PoolExchange, type RecordKind } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "./app-context.ts";
import { NotCounting } from "./NotCounting.tsx";
import { Standing, TOLD_BY_RELAY } from "./Standing.tsx";
import { useGroup } from "./use-group.ts";
import { writeRecord } from "./write-record.ts";
import { spendChecker } from "./SpendLimit.tsx";
import { waitingFor } from "./Confirmations.tsx";
import { useRelayStanding } from "../account/use-relay-standing.ts";
import { handOverCode } from "../face-to-face/hand-over.ts";
import { FrozenDevice } from "../account/FrozenDevice.tsx";
import { frozenAt } from "../account/new-device-key.ts";
import { ownAccount } from "../account/own-account.ts";
import { GroupHeading } from "../shell/GroupHeading.tsx";
import { GroupShell } from "../shell/GroupShell.tsx";
import type { GroupSession } from "../shell/session.ts";
import type { Tab } from "../shell/tabs.ts";
import { acceptedPayments, poolPaymentsWaitingFor, poolsOf } from "../town/pools-of.ts";

// The relay is asked how this member stands: often while waiting to join, now and then once in.
const WAITING_CHECK_EVERY_MS = 15_000;
const MEMBER_CHECK_EVERY_MS = 5 * 60_000;

export function GroupPage({ context, groupHex, tab }: { context: AppContext; groupHex: string; tab: Tab }) {
  const opened = useGroup(context, groupHex);
  const [code, setCode] = useState<string | null>(null);
  const { t } = useTranslation();
  const me = ownAccount(opened?.replica, groupHex, context.device.member.publicKey);
  const mine = opened?.view.accounts[me];
  const relayStanding = useRelayStanding(context, groupHex, mine?.status === "active" ? MEMBER_CHECK_EVERY_MS : WAITING_CHECK_EVERY_MS);

  const known = context.groups.find((g) => g.groupHex === groupHex);
  const groupName = opened?.view.groups[groupHex]?.name;
  useEffect(() => {
    // A group joined by invite or link is remembered before its name is known.
    if (known && groupName && known.name !== groupName) void context.device.remember({ ...known, name: groupName }).then(context.refreshGroups);
  }, [known, groupName, context]);

  if (!opened) return <p>{t("group.opening")}</p>;
  const { replica, view } = opened;
  const group = view.groups[groupHex];
  const title = group?.name ?? t("group.waitingTitle");
  // A decline or a removal never reaches this device in the records: the relay says so.
  if (relayStanding && TOLD_BY_RELAY.has(relayStanding)) return <Standing title={title} status={relayStanding} />;
  if (!group || !mine || mine.status !== "active") return <Standing title={title} status={mine?.status ?? null} reason={mine?.standingReason} />;

  // Nothing this device signs would count: the way on is a new key, not a form that records in vain.
  // Either of its chains: a new device key brings a new town key too.
  const frozenSeq = frozenAt(view, groupHex, bytesToHex(context.device.device.publicKey)) ?? frozenAt(view, groupHex, bytesToHex(context.device.town.publicKey));
  if (frozenSeq !== null) {
    return (
      <>
        <GroupHeading name={group.name} mine={mine} />
        <FrozenDevice context={context} seq={frozenSeq} />
        <NotCounting view={view} replica={replica} />
      </>
    );
  }

  // A declined request leaves an account with a standing but no name: not a member.
  const members = Object.entries(view.accounts).filter(([, a]) => a.group === groupHex && a.type !== "group" && a.status !== "none" && a.status !== "declined");
  const coordinator = mine.role === "coordinator";
  const proxies = coordinator ? members.filter(([, a]) => a.type === "proxy" && a.status === "active").map(([id]) => id) : [];
  const session: GroupSession = {
    context,
    groupHex,
    replica,
    view,
    me,
    mine,
    coordinator,
    members,
    others: members.filter(([id, a]) => id !== me && a.status === "active").map(([id, a]) => [id, a.name]),
    waitingForMe: [me, ...proxies].flatMap((account) => waitingFor(view, replica, account)),
    proxies,
    joinRequestCount: view.joinRequests.filter((j) => j.group === groupHex).length,
    pools: poolsOf(view, groupHex, replica.joinedPools()),
    poolWaiting: poolWaiting(view, replica, groupHex, [me, ...proxies]),
    write: <K extends RecordKind>(kind: K, body: Body<K>, deps: string[] = []) => writeRecord(replica, context.device, kind, body, deps),
    overspend: spendChecker(view, me, t),
    code,
    setCode,
    showOwnRecords: () => setCode(handOverCode(replica, context.device)),
  };
  return <GroupShell session={session} tab={tab} />;
}

/** Payments across groups waiting for these accounts; the group's own records are read only when there are some. */
function poolWaiting(view: LedgerView, replica: GroupReplica, groupHex: string, accounts: string[]): PoolExchange[] {
  const waiting = poolPaymentsWaitingFor(view, accounts);
  return waiting.length === 0 ? waiting : poolPaymentsWaitingFor(view, accounts, acceptedPayments(replica.ledger.recordsOf(groupHex)));
}
