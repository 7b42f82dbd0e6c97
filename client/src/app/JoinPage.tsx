import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { MEMBER_KINDS, bytesToHex, parseInvite, parseRecord, toBase64Url, type SignedRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Device } from "../device/device.ts";
import type { AppContext } from "./app-context.ts";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";

/** A group's name is at most this long (the core's limit on names); a longer one in a link is cut. */
const MAX_GROUP_NAME_CHARS = 80;

/** The group's name as the link gives it, for the title only: the invite's signature does not cover it. */
function nameFromLink(segment: string): string {
  try {
    return decodeURIComponent(segment).trim().slice(0, MAX_GROUP_NAME_CHARS);
  } catch {
    return ""; // a damaged name: the page says "a timebank" instead
  }
}

/** `groupName`: the link's last part, as written by the coordinator's phone (may be empty). */
export function JoinPage({ context, invite, groupName }: { context: AppContext; invite: string; groupName: string }) {
  const parsed = parseInvite(invite);
  const named = nameFromLink(groupName);
  const [name, setName] = useState("");
  const [memberKind, setMemberKind] = useState<(typeof MEMBER_KINDS)[number]>("person");
  const [note, setNote] = useState("");
  const submit = useSubmit();
  const { t } = useTranslation();
  const noteId = useId();
  if (!parsed) return <p role="alert">{t("join.damaged")}</p>;
  const groupHex = bytesToHex(parsed.group);
  // This device already has a chain in the group: a second certificate and
  // join would be two records at one seq (equivocation) and freeze it.
  if (context.groups.some((g) => g.groupHex === groupHex)) {
    return (
      <p>
        {t("join.already")} <a href={`#/g/${groupHex}`}>{t("join.open")}</a>.
      </p>
    );
  }

  async function join() {
    const { device, sync } = context;
    const replica = await sync.replica(groupHex);
    const certificate = await replica.certify(device.member, device.device);
    // Asking again after a failed attempt sends the same request, not a second one; the relay judges it alone.
    const request = ownJoinRequest(replica, device) ?? (await replica.sign(device.device, "member.join", { name: name.trim(), memberKind, ...(note.trim() ? { note: note.trim() } : {}) }, { timeMs: Date.now(), standalone: true }));
    const response = await fetch("/join", {
      method: "POST",
      body: JSON.stringify({ invite, records: [certificate, request].map((r) => toBase64Url(r.envelope)) }),
    }).catch(() => null);
    if (!response || response.status !== 202) {
      const reason = response ? ((await response.json().catch(() => ({}))) as { error?: string }).error : t("join.noConnection");
      throw new Error(reason ?? t("join.unknown"));
    }
    await device.remember({ groupHex, name: named || t("join.pendingName") });
    await context.refreshGroups();
    await sync.outbox.sent([certificate.id, request.id]); // the relay took them with the request
    context.go(`/g/${groupHex}`);
  }

  return (
    <section aria-labelledby="join">
      <h1 id="join">{named ? t("shell.joinNamed", { group: named }) : t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      <form onSubmit={submit.form(join)}>
        <fieldset>
          <legend>{t("join.joiningAs")}</legend>
          {MEMBER_KINDS.map((kind) => (
            <label key={kind}>
              <input type="radio" name="member-kind" checked={memberKind === kind} onChange={() => setMemberKind(kind)} /> {t(`join.kinds.${kind}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t(memberKind === "person" ? "join.yourName" : "join.nameOf")}
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label htmlFor={noteId}>{t("join.note")}</label>
        <textarea id={noteId} maxLength={1000} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <BusyButton submit={submit} busyLabel={t("join.asking")}>{t("join.ask")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} failed={(reason) => t("join.failed", { reason })} />
    </section>
  );
}

function ownJoinRequest(replica: GroupReplica, device: Device): SignedRecord | null {
  const id = replica.ledger.chainRecord(replica.groupHex, bytesToHex(device.device.publicKey), 1);
  const parsed = id === null ? null : parseRecord(replica.ledger.envelopeOf(id) ?? new Uint8Array());
  return parsed?.ok && parsed.record.kind === "member.join" ? parsed.record : null;
}
