// An invite link shown with Copy and Share, and what became of it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { copyText, shareLink, type Shared } from "./share-link.ts";

/** `words`: the share sheet's title and text, when the link is not an invite to the group (a pool link). */
export function ShareLink({ link, label, groupName, words }: { link: string; label: string; groupName: string; words?: { title: string; text: string } }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Shared | null>(null);
  const said = outcome === "copied" ? t("shell.invite.copied") : outcome === "shared" ? t("shell.invite.shared") : outcome === "failed" ? t("shell.invite.notCopied") : null;
  return (
    <div className="share-link">
      <label>
        {label}
        <input readOnly value={link} onFocus={(e) => e.target.select()} />
      </label>
      <p className="share-buttons">
        <button type="button" className="secondary" onClick={() => void copyText(link).then((ok) => setOutcome(ok ? "copied" : "failed"))}>
          {t("shell.invite.copy")}
        </button>
        <button
          type="button"
          onClick={() => void shareLink({ ...(words ?? { title: t("shell.invite.shareTitle", { group: groupName }), text: t("shell.invite.shareText", { group: groupName }) }), url: link }).then(setOutcome)}
        >
          {t("shell.invite.share")}
        </button>
      </p>
      {said ? <p role={outcome === "failed" ? "alert" : "status"}>{said}</p> : null}
    </div>
  );
}
