// Answering someone's listing: "I can help" on a request, "I'd like this" on
// an offer. It shows how to reach the poster (what their profile gives) and
// an exchange already filled in: the poster on the other side, the right way
// round, the listing's words and category, named in the record (`listing`).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type Body, type LedgerView, type ListingView } from "@tally/core";
import { accountBytes } from "./account-bytes.ts";
import { HowLongAndWhat } from "./HowLongAndWhat.tsx";
import { minutesFromHours } from "./hours.ts";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type SpendCheck } from "./SpendLimit.tsx";
import "./exchanges.css";

export interface Answering {
  /** The group counts an exchange on the payer's record alone. */
  payerIsEnough: boolean;
  overspend: SpendCheck;
  propose: (body: Body<"exchange.propose">, deps: string[]) => Promise<void>;
}

/** Whether a listing can be answered with an exchange: someone else's offer or request. */
export function answerable(listing: ListingView, me: string): boolean {
  return listing.account !== me && (listing.type === "offer" || listing.type === "request");
}

/** The exchange a listing's answer proposes: on a request this member helps the poster (the poster pays), on an offer the poster helps this member. */
export function answerBody(listing: ListingView, me: string, minutes: number, description: string): Body<"exchange.propose"> {
  const iHelp = listing.type === "request";
  const [payer, payee] = iHelp ? [listing.account, me] : [me, listing.account];
  return {
    payer: accountBytes(payer),
    payees: [{ account: accountBytes(payee), minutes }],
    description,
    category: listing.category,
    listing: hexToBytes(listing.id),
  };
}

export function AnswerListing({ listing, view, me, answering, onClose }: { listing: ListingView; view: LedgerView; me: string; answering: Answering; onClose: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState("1");
  const [description, setDescription] = useState(listing.title);
  const submit = useSubmit();
  const poster = view.accounts[listing.account];
  const name = poster?.name || t("exchanges.aMember");
  const contact = poster?.profile?.contact ?? "";
  const iHelp = listing.type === "request";
  const minutes = minutesFromHours(amount);
  // Only a spend this device signs is checked: on a request the poster pays, and their phone checks as they confirm.
  const over = iHelp ? null : answering.overspend(me, minutes);

  async function record(): Promise<string> {
    refuseOverspend(over);
    await answering.propose(answerBody(listing, me, minutes, description.trim()), [listing.id]);
    return t(!iHelp && answering.payerIsEnough ? "record.counts" : "record.sent");
  }

  return (
    <div className="answer-listing" role="group" aria-label={t(iHelp ? "exchanges.answer.canHelpWith" : "exchanges.answer.wantThisOne", { title: listing.title })}>
      <p>{contact ? t("exchanges.answer.contact", { name, contact }) : t("exchanges.answer.noContact", { name })}</p>
      <p>
        <a href={`#/profile/${listing.account}`}>{t("exchanges.answer.profile", { name })}</a>
      </p>
      <p>{t(answering.payerIsEnough && !iHelp ? "exchanges.answer.introPayerAlone" : "exchanges.answer.intro", { name })}</p>
      <form onSubmit={submit.form(record)}>
        <p className="exchange-sentence">{t(iHelp ? "exchanges.answer.youHelpThem" : "exchanges.answer.theyHelpYou", { name })}</p>
        <HowLongAndWhat amount={amount} onAmount={setAmount} description={description} onDescription={setDescription} />
        <SpendWarning over={over} />
        <div className="exchange-actions">
          <BusyButton submit={submit} busyLabel={t("record.recording")}>{t("exchanges.answer.submit")}</BusyButton>
          <button type="button" className="small" disabled={submit.busy} onClick={onClose}>{t("exchanges.answer.close")}</button>
        </div>
      </form>
      <SubmitOutcome submit={submit} />
    </div>
  );
}
