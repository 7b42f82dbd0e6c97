// Join requests: approve after a reference check (with notes kept in the
// signed approval), or decline with a reason.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type LedgerView } from "@tally/core";
import type { Write } from "./write.ts";

type Request = LedgerView["joinRequests"][number];

export function JoinRequests({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const { t } = useTranslation();
  const requests = view.joinRequests.filter((j) => j.group === groupHex);
  return (
    <>
      <h3>{t("coordinate.join.title")}</h3>
      {requests.length === 0 ? (
        <p>{t("coordinate.join.none")}</p>
      ) : (
        <ul className="cards">
          {requests.map((j) => (
            <JoinRequest key={j.id} request={j} write={write} />
          ))}
        </ul>
      )}
    </>
  );
}

function JoinRequest({ request, write }: { request: Request; write: Write }) {
  const [notes, setNotes] = useState("");
  const [checked, setChecked] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const name = request.name;

  function decide(kind: "member.approve" | "member.decline") {
    setBusy(true);
    const join = hexToBytes(request.id);
    const written =
      kind === "member.approve"
        ? write("member.approve", { join, ...(notes.trim() ? { note: notes.trim() } : {}), referencesChecked: checked }, [request.id])
        : write("member.decline", { join, reason: reason.trim() }, [request.id]);
    void written.finally(() => setBusy(false));
  }

  return (
    <li>
      <strong>{name}</strong>
      {request.memberKind !== "person" ? ` (${t(`join.kinds.${request.memberKind}`)})` : null}
      {request.note ? <p>{t("coordinate.join.theyWrote", { note: request.note })}</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide("member.approve");
        }}
      >
        <label>
          {t("coordinate.join.notes", { name })}
          <input maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> {t("coordinate.join.checked", { name })}
        </label>
        <button type="submit" disabled={busy}>{t("coordinate.join.approve")}</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide("member.decline");
        }}
      >
        <label>
          {t("coordinate.join.reason", { name })}
          <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="secondary" disabled={busy}>{t("coordinate.join.decline")}</button>
      </form>
    </li>
  );
}
