import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, hexToBytes, type Body, type RecordKind } from "@tally/core";
import type { AppContext } from "./App.tsx";
import { accountBytes } from "./account-bytes.ts";
import { hours } from "./hours.ts";
import { Listings } from "./Listings.tsx";
import { RecordExchange } from "./RecordExchange.tsx";
import { Give } from "./Give.tsx";
import { NotCounting } from "./NotCounting.tsx";
import { Standing, TOLD_BY_RELAY } from "./Standing.tsx";
import { useGroup } from "./use-group.ts";
import { writeRecord } from "./write-record.ts";
import { useRelayStanding } from "../account/use-relay-standing.ts";
import { FaceToFace } from "../face-to-face/FaceToFace.tsx";
import { encodeCode } from "../face-to-face/code.ts";
import { CoordinatorTools } from "../coordinator/CoordinatorTools.tsx";
import { FrozenDevice } from "../account/FrozenDevice.tsx";
import { frozenAt } from "../account/new-device-key.ts";
import { Confirmations } from "./Confirmations.tsx";
import { ExchangeAnswers } from "./ExchangeAnswers.tsx";
import { DownloadRecords } from "./DownloadRecords.tsx";
import { spendChecker } from "./SpendLimit.tsx";
import { Events } from "../events/Events.tsx";
import { RecoverMember } from "../coordinator/RecoverMember.tsx";
import { ownAccount } from "../account/own-account.ts";
import { ActivityList } from "../activity/ActivityList.tsx";

// The relay is asked how this member stands: often while waiting to join, now and then once in.
const WAITING_CHECK_EVERY_MS = 15_000;
const MEMBER_CHECK_EVERY_MS = 5 * 60_000;

export function GroupPage({ context, groupHex }: { context: AppContext; groupHex: string }) {
  const opened = useGroup(context, groupHex);
  /** The face-to-face code this phone shows now, if any. */
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
  const coordinator = mine.role === "coordinator";

  const overspend = spendChecker(view, me, t);
  const write = <K extends RecordKind>(kind: K, body: Body<K>, deps: string[] = []) => writeRecord(replica, context.device, kind, body, deps);

  /** A code of this device's latest records (the new one last, with the two before it). */
  function showOwnRecords() {
    setCode(encodeCode(replica.ownRecent(context.device.device.publicKey, 3)));
  }

  // A declined request leaves an account with a standing but no name: not a member.
  const members = Object.entries(view.accounts).filter(([, a]) => a.type !== "group" && a.status !== "none" && a.status !== "declined");
  const others: [string, string][] = members.filter(([id, a]) => id !== me && a.status === "active").map(([id, a]) => [id, a.name]);
  const proxies: [string, string][] = members.filter(([, a]) => a.type === "proxy" && a.status === "active").map(([id, a]) => [id, a.name]);

  const heading = (
    <>
      <h1>{group.name}</h1>
      <p className="balance">
        {t("group.yourBalance")} <strong>{hours(mine.balanceMinutes)}</strong>
        {mine.overdrawn ? <span className="flag">{t("group.overLimit")}</span> : null}
      </p>
    </>
  );
  // Nothing this device signs would count: the way on is a new key, not a form that records in vain.
  const frozenSeq = frozenAt(view, groupHex, bytesToHex(context.device.device.publicKey));
  if (frozenSeq !== null) {
    return (
      <>
        {heading}
        <FrozenDevice context={context} seq={frozenSeq} />
        <NotCounting view={view} replica={replica} />
      </>
    );
  }

  return (
    <>
      {heading}
      <p className="links">
        <a href={`#/statement/${me}`}>{t("group.myHistory")}</a> <a href={`#/cv/${me}`}>{t("cv.mine")}</a>
      </p>
      <ActivityList groupHex={groupHex} groupName={group.name} replica={replica} view={view} me={me} device={context.device.device} />
      <Confirmations view={view} replica={replica} me={me} proxies={coordinator ? proxies.map(([id]) => id) : []} write={write} overspend={overspend} onConfirmed={() => (code !== null ? showOwnRecords() : undefined)} />
      <ExchangeAnswers view={view} replica={replica} me={me} write={write} overspend={overspend} />
      <NotCounting view={view} replica={replica} />
      <RecordExchange
        payerIsEnough={group.settings.confirmation === "payer"}
        members={others}
        proxies={coordinator ? proxies : []}
        overspend={(payer, minutes) => overspend(payer ?? me, minutes)}
        onRecord={(chosen, minutes, description, category, theyHelped, forProxy) => {
          // A coordinator's signature stands for a proxy member's.
          const mine = accountBytes(forProxy || me);
          // One payer, one or more payees (a work party: everyone who helped gets the same hours).
          const payees = theyHelped ? chosen.map((id) => ({ account: accountBytes(id), minutes })) : [{ account: mine, minutes }];
          return write("exchange.propose", { payer: theyHelped ? mine : accountBytes(chosen[0]!), payees, description, ...(category ? { category } : {}) });
        }}
      />
      <Give members={others} overspend={(minutes) => overspend(me, minutes)} onGive={(to, minutes) => write("donation", { to: to === "group" ? new Uint8Array() : accountBytes(to), minutes })} />
      <FaceToFace
        members={others}
        code={code}
        overspend={(minutes) => overspend(me, minutes)}
        onPay={async (payee, minutes, description) => {
          await write("exchange.propose", { payer: accountBytes(me), payees: [{ account: accountBytes(payee), minutes }], description });
          showOwnRecords();
        }}
        onRead={async (envelopes) => {
          await replica.receive(envelopes);
          setCode("");
        }}
      />
      <Listings
        view={view}
        me={me}
        onPost={({ description, ...listing }) => write("listing.create", { ...listing, ...(description ? { description } : {}) })}
        onClose={(listing) => write("listing.close", { listing: hexToBytes(listing.id) }, [listing.id])}
        answering={{ payerIsEnough: group.settings.confirmation === "payer", overspend, propose: (body, deps) => write("exchange.propose", body, deps) }}
      />
      <Events view={view} groupHex={groupHex} me={me} coordinator={coordinator} write={write} />
      <section aria-labelledby="members">
        <h2 id="members">{t("group.members")}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t("group.name")}</th><th scope="col">{t("group.role")}</th><th scope="col">{t("group.balance")}</th><th scope="col">{t("coordinate.limitColumn")}</th></tr>
          </thead>
          <tbody>
            {members.map(([id, a]) => (
              <tr key={id}>
                <td><a href={`#/profile/${id}`}>{a.name}</a></td>
                <td>{t(a.status === "active" ? `coordinate.members.role.${a.role}` : `coordinate.members.status.${a.status}`)}</td>
                <td>{hours(a.balanceMinutes)}{a.overdrawn ? t("group.overLimitShort") : ""}</td>
                <td>{a.creditLimitMinutes === null ? "" : hours(-a.creditLimitMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <DownloadRecords replica={replica} groupName={group.name} />
      {coordinator ? <RecoverMember view={view} groupHex={groupHex} replica={replica} write={write} me={me} /> : null}
      {coordinator ? <CoordinatorTools view={view} groupHex={groupHex} replica={replica} write={write} device={context.device} me={me} /> : null}
    </>
  );
}
