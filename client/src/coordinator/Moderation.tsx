// Moderation: close any member's open offer, request or activity, with a
// reason kept in the signed record. (The ledger lets a listing's author or a
// coordinator close it.)
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type LedgerView } from "@tally/core";
import type { Write } from "./write.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function Moderation({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const [chosen, setChosen] = useState("");
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const { t } = useTranslation();
  const open = view.listings.filter((l) => l.group === groupHex && l.open);
  if (open.length === 0) return <p>{t("coordinate.moderate.empty")}</p>;

  return (
    <form
      onSubmit={submit.form(async () => {
        await write("listing.close", { listing: hexToBytes(chosen), reason: reason.trim() }, [chosen]);
        setChosen("");
        setReason("");
        return t("coordinate.done");
      })}
    >
      <label>
        {t("coordinate.moderate.choose")}
        <select required value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("coordinate.moderate.none")}</option>
          {open.map((l) => (
            <option key={l.id} value={l.id}>
              {t("coordinate.moderate.by", {
                type: t(`coordinate.moderate.${l.type === "request" ? "request" : l.type === "activity" ? "activity" : "offer"}`),
                title: l.title,
                name: view.accounts[l.account]?.name ?? "",
              })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("coordinate.moderate.reason")}
        <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <BusyButton submit={submit} busyLabel={t("coordinate.moderate.closing")}>{t("coordinate.moderate.close")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
