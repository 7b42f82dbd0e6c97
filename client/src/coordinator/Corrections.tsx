// Corrections: a coordinator reverses an exchange that moved credit (a
// mistake, a duplicate, a dispute settled) with a reason. Nothing is deleted:
// the exchange stays in the ledger, marked corrected, and its hours go back.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type ExchangeView, type LedgerView } from "@tally/core";
import { hours } from "../app/hours.ts";
import { dateText } from "../i18n/format.ts";
import type { Write } from "./write.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

/** Translation keys of movement kinds that can be reversed here. */
const KIND_KEYS: Partial<Record<ExchangeView["kind"], string>> = {
  "exchange.propose": "exchange",
  "exchange.event": "activity",
  donation: "gift",
  grant: "fromGroup",
};

interface Props {
  view: LedgerView;
  groupHex: string;
  write: Write;
  /** The words written in a record (description, note, reason). */
  textOf: (recordId: string) => string;
}

export function Corrections({ view, groupHex, write, textOf }: Props) {
  const [chosen, setChosen] = useState("");
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const { t } = useTranslation();
  const ours = view.exchanges.filter((e) => e.group === groupHex && KIND_KEYS[e.kind] !== undefined).sort((a, b) => b.timeMs - a.timeMs);
  // Joining bonuses are left out: their source is named by the approval, which the view does not give.
  const reversible = ours.filter((e) => e.status === "complete" || e.status === "partial");
  const corrected = ours.filter((e) => e.status === "corrected");

  function line(e: ExchangeView): string {
    const name = (id: string) => (id.endsWith(":group") ? t("coordinate.correct.theGroup") : (view.accounts[id]?.name ?? t("coordinate.correct.aMember")));
    const from = e.deltas.filter((d) => d.minutes < 0).map((d) => name(d.account));
    const to = e.deltas.filter((d) => d.minutes > 0).map((d) => name(d.account));
    const minutes = e.deltas.filter((d) => d.minutes > 0).reduce((sum, d) => sum + d.minutes, 0);
    return t("coordinate.correct.line", {
      from: from.join(", "),
      to: to.join(", "),
      hours: hours(minutes),
      what: textOf(e.id) || t(`coordinate.correct.kinds.${KIND_KEYS[e.kind]}`),
      date: dateText(e.timeMs),
    });
  }

  return (
    <>
      <p>{t("coordinate.correct.intro")}</p>
      {reversible.length === 0 ? (
        <p>{t("coordinate.correct.empty")}</p>
      ) : (
        <form
          onSubmit={submit.form(async () => {
            await write("correction", { target: hexToBytes(chosen), reason: reason.trim() }, [chosen]);
            setChosen("");
            setReason("");
            return t("coordinate.done");
          })}
        >
          <label>
            {t("coordinate.correct.choose")}
            <select required value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t("coordinate.correct.none")}</option>
              {reversible.map((e) => (
                <option key={e.id} value={e.id}>{line(e)}</option>
              ))}
            </select>
          </label>
          <label>
            {t("coordinate.correct.reason")}
            <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <BusyButton submit={submit} busyLabel={t("coordinate.correct.reversing")}>{t("coordinate.correct.reverse")}</BusyButton>
        </form>
      )}
      <SubmitOutcome submit={submit} />
      {corrected.length > 0 ? (
        <>
          <h4>{t("coordinate.correct.corrected")}</h4>
          <ul>
            {corrected.map((e) => (
              <li key={e.id}>{t("coordinate.correct.correctedLine", { line: line(e), reason: e.correctedBy.map(textOf).filter(Boolean).join("; ") })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
