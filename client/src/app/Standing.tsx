// Waiting to join, suspended, or no longer a member: what this member's
// standing in the group means for them.
import { useTranslation } from "react-i18next";

/** Standings a device learns from the relay only: their records are no longer served to it. */
export const TOLD_BY_RELAY: ReadonlySet<string> = new Set(["declined", "removed"]);

export function Standing({ title, status, reason }: { title: string; status: string | null; reason?: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{title}</h1>
      <p role="status">{status && status !== "none" && status !== "active" ? t(`coordinate.standing.${status}`) : t("group.waitingText")}</p>
      {reason ? <p>{t("coordinate.standing.reason", { reason })}</p> : null}
    </section>
  );
}
