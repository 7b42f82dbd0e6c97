// Inviting: a link for one person (14 days), or a poster for a noticeboard.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Device } from "../device/device.ts";
import { INVITE_LINK_LIFETIME_MS, makeInviteLink } from "./invite-link.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { ShareLink } from "../shell/ShareLink.tsx";

export function Invite({ groupHex, groupName, device }: { groupHex: string; groupName: string; device: Device }) {
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
        onClick={() => void submit.run(async () => setInvite((await makeInviteLink(device, groupHex, INVITE_LINK_LIFETIME_MS, groupName)).link))}
      >
        {t("coordinate.invite.make")}
      </BusyButton>
      <SubmitOutcome submit={submit} failed={(reason) => reason} />
      {invite ? <ShareLink link={invite} label={t("coordinate.invite.link")} groupName={groupName} /> : null}
      <p>
        <a href={`#/poster/${groupHex}`}>{t("coordinate.invite.poster")}</a>
      </p>
    </>
  );
}
