// Paying someone in another group of the pool, from one of their offers: the
// payer signs a pool.pay (hours, what was done, the offer's category and id)
// in their own group. Before signing, the device checks the payer's own
// credit limit (which counts payments still waiting for their payee) and the
// group's limit in the pool (checkPoolSpend), as the group's overdraft
// setting says: refused, or said and allowed. The payee's acceptance
// completes it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { checkPoolSpend, hexToBytes, type Body, type LedgerView, type ListingView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { accountBytes } from "../app/account-bytes.ts";
import { accountName } from "../app/exchange-words.ts";
import { HowLongAndWhat } from "../app/HowLongAndWhat.tsx";
import { hours, minutesFromHours } from "../app/hours.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type Overspend, type SpendCheck } from "../app/SpendLimit.tsx";

export function payBody(pool: string, me: string, listing: ListingView, minutes: number, description: string): Body<"pool.pay"> {
  return {
    pool: hexToBytes(pool),
    payer: accountBytes(me),
    toGroup: hexToBytes(listing.group),
    payee: accountBytes(listing.account),
    minutes,
    description,
    category: listing.category,
    listing: hexToBytes(listing.id),
  };
}

interface Props {
  view: LedgerView;
  pool: string;
  groupHex: string;
  me: string;
  listing: ListingView;
  overspend: SpendCheck;
  write: Write;
  onClose: () => void;
}

export function PoolPay({ view, pool, groupHex, me, listing, overspend, write, onClose }: Props) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState("1");
  const [description, setDescription] = useState(listing.title);
  const submit = useSubmit();
  const words = { name: accountName(view, listing.account, t), group: view.groups[listing.group]?.name || t("town.anotherGroup") };
  const minutes = minutesFromHours(amount);
  const mine = overspend(me, minutes);
  const ours = poolOverspend(view, pool, groupHex, minutes, t);

  async function pay(): Promise<string> {
    if (!Number.isSafeInteger(minutes) || minutes <= 0) throw new Error(t("town.pay.noHours"));
    refuseOverspend(mine);
    refuseOverspend(ours);
    await write("pool.pay", payBody(pool, me, listing, minutes, description.trim()));
    return t("town.pay.sent", words);
  }

  return (
    <div className="answer-listing" role="group" aria-label={t("town.pay.label", { title: listing.title })}>
      <p>{t("town.pay.intro", words)}</p>
      <form onSubmit={submit.form(pay)}>
        <p className="exchange-sentence">{t("town.pay.sentence", words)}</p>
        <HowLongAndWhat amount={amount} onAmount={setAmount} description={description} onDescription={setDescription} />
        <SpendWarning over={mine} />
        <SpendWarning over={ours} />
        <div className="exchange-actions">
          <BusyButton submit={submit} busyLabel={t("town.pay.paying")}>{t("town.pay.submit")}</BusyButton>
          <button type="button" className="small" disabled={submit.busy} onClick={onClose}>{t("exchanges.answer.close")}</button>
        </div>
      </form>
      <SubmitOutcome submit={submit} />
    </div>
  );
}

/** The group's limit in the pool (none when the group is the pool: its own members have no group account there). */
function poolOverspend(view: LedgerView, pool: string, groupHex: string, minutes: number, t: (key: string, options?: Record<string, string>) => string): Overspend | null {
  if (groupHex === pool || !Number.isSafeInteger(minutes) || minutes <= 0) return null;
  const check = checkPoolSpend(view, pool, groupHex, minutes);
  if (!check.crosses) return null;
  const words = { group: view.groups[groupHex]?.name ?? "", after: hours(check.afterMinutes), limit: hours(-check.creditLimitMinutes) };
  return { message: `${t("town.pay.overPoolLimit", words)} ${t(check.allowed ? "limit.warnOnly" : "limit.refused")}`, allowed: check.allowed };
}
