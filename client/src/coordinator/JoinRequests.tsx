// Join requests: approve after a reference check (with notes kept in the
// signed approval), or decline with a reason.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type LedgerView } from "@tally/core";
import type { Write } from "./write.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

type Request = LedgerView["joinRequests"][number];

export function JoinRequests({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const { t } = useTranslation();
  const requests = view.joinRequests.filter((j) => j.group === groupHex);
  // A decided request leaves the list: what was decided is said here.
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <>
      <h3>{t("coordinate.join.title")}</h3>
      {requests.length === 0 ? (
        <p>{t("coordinate.join.none")}</p>
      ) : (
        <ul className="cards">
          {requests.map((j) => (
            <JoinRequest key={j.id} request={j} write={write} onDecided={setDecided} />
          ))}
        </ul>
      )}
      {decided ? <p role="status">{decided}</p> : null}
    </>
  );
}

function JoinRequest({ request, write, onDecided }: { request: Request; write: Write; onDecided: (said: string) => void }) {
  const [notes, setNotes] = useState("");
  const [checked, setChecked] = useState(false);
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const { t } = useTranslation();
  const name = request.name;
  const join = hexToBytes(request.id);

  async function approve() {
    await write("member.approve", { join, ...(notes.trim() ? { note: notes.trim() } : {}), referencesChecked: checked }, [request.id]);
    onDecided(t("coordinate.join.approved", { name }));
  }
  async function decline() {
    await write("member.decline", { join, reason: reason.trim() }, [request.id]);
    onDecided(t("coordinate.join.declined", { name }));
  }

  return (
    <li>
      <strong>{name}</strong>
      {request.memberKind !== "person" ? ` (${t(`join.kinds.${request.memberKind}`)})` : null}
      {request.note ? <p>{t("coordinate.join.theyWrote", { note: request.note })}</p> : null}
      <form onSubmit={submit.form(approve, "approve")}>
        <label>
          {t("coordinate.join.notes", { name })}
          <input maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> {t("coordinate.join.checked", { name })}
        </label>
        <BusyButton submit={submit} what="approve" busyLabel={t("coordinate.join.approving")}>{t("coordinate.join.approve")}</BusyButton>
      </form>
      <form onSubmit={submit.form(decline, "decline")}>
        <label>
          {t("coordinate.join.reason", { name })}
          <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <BusyButton submit={submit} what="decline" className="secondary" busyLabel={t("coordinate.join.declining")}>{t("coordinate.join.decline")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
    </li>
  );
}
