// The coordinators' view of the relay's edit report: who deleted, overwrote
// or flooded the group's shared records, when, and what. The records
// themselves come back from every phone; this is so coordinators can act.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { LedgerView } from "@tally/core";
import type { DocumentEdit, EditReportRow } from "@tally/documents";
import type { Device } from "../device/device.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { fetchEditReport } from "./edit-report.ts";
import { dateTimeText } from "../i18n/format.ts";

const MB = 1024 * 1024;

export function DocumentEdits({ view, groupHex, device }: { view: LedgerView; groupHex: string; device: Device }) {
  const [rows, setRows] = useState<EditReportRow[] | null>(null);
  const submit = useSubmit();
  const { t } = useTranslation();
  return (
    <>
      <p>{t("edits.intro")}</p>
      <BusyButton submit={submit} type="button" busyLabel={t("edits.asking")} onClick={() => void submit.run(async () => setRows(await fetchEditReport(device, groupHex, view)))}>
        {t("edits.show")}
      </BusyButton>
      <SubmitOutcome submit={submit} failed={(reason) => t("edits.failed", { reason })} />
      {rows?.length === 0 ? <p role="status">{t("edits.none")}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="edit-report">
          {rows.map((row, i) => (
            <li key={`${row.atMs}-${row.edit.deviceHex}-${i}`}>
              <strong>{row.memberName}</strong> · <time dateTime={new Date(row.atMs).toISOString()}>{dateTimeText(row.atMs)}</time>
              <br />
              {editText(row.edit, t)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function editText(edit: DocumentEdit, t: TFunction): string {
  const parts = [
    edit.deletions > 0 ? t("edits.deleted", { count: edit.deletions }) : "",
    edit.rewrites > 0 ? t("edits.overwrote", { count: edit.rewrites }) : "",
    edit.reshapes > 0 ? t("edits.reshaped", { count: edit.reshapes }) : "",
    edit.floodBytes > 0 ? t("edits.flood", { mb: Math.round(edit.floodBytes / MB) }) : "",
  ].filter(Boolean);
  const place = edit.document === 0 ? t("edits.index") : t("edits.volume", { n: edit.document });
  return t(edit.refused ? "edits.tried" : "edits.did", { what: parts.join(", "), place });
}
