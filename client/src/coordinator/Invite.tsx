// Inviting: a link for one person (14 days), or a poster for a noticeboard.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Device } from "../device/device.ts";
import { INVITE_LINK_LIFETIME_MS, makeInviteLink } from "./invite-link.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function Invite({ groupHex, device }: { groupHex: string; device: Device }) {
  const [invite, setInvite] = useState<string | null>(null);
  const submit = useSubmit();
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("coordinate.invite.title")}</h3>
      <BusyButton
        submit={submit}
        type="button"
        busyLabel={t("coordinate.invite.making")}
        onClick={() => void submit.run(async () => setInvite((await makeInviteLink(device, groupHex, INVITE_LINK_LIFETIME_MS)).link))}
      >
        {t("coordinate.invite.make")}
      </BusyButton>
      <SubmitOutcome submit={submit} failed={(reason) => reason} />
      {invite ? (
        <p>
          <label>
            {t("coordinate.invite.link")}
            <input readOnly value={invite} onFocus={(e) => e.target.select()} />
          </label>
        </p>
      ) : null}
      <p>
        <a href={`#/poster/${groupHex}`}>{t("coordinate.invite.poster")}</a>
      </p>
    </>
  );
}
