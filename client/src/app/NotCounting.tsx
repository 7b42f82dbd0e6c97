// Records that do not count, and records waiting for others to arrive, each
// with its reason, for every member to see: never silently hidden.
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { recordText } from "./record-text.ts";

export function NotCounting({ view, replica }: { view: LedgerView; replica: GroupReplica }) {
  const { t } = useTranslation();
  if (view.invalid.length === 0 && view.pending.length === 0) return null;
  const described = (r: { id: string; reason: string }) => {
    const text = recordText(replica, r.id);
    return text ? `“${text}”: ${r.reason}` : r.reason;
  };
  return (
    <section aria-labelledby="not-counting">
      <h2 id="not-counting">{t("group.notCounting")}</h2>
      <p>{t("group.notCountingIntro")}</p>
      <ul>
        {view.invalid.map((r) => (
          <li key={r.id}>{described(r)}</li>
        ))}
        {view.pending.map((r) => (
          <li key={r.id}>{t("group.waitingForRecords", { what: described(r) })}</li>
        ))}
      </ul>
    </section>
  );
}
