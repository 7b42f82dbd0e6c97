// An invite poster for a noticeboard, a café window or an event table: the
// group's name, a large QR code of an invite link valid for 90 days, the link
// as text for those who type it, and how to join in plain words. Printed on
// A4; the app's header and the buttons are not printed.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { qrSvg } from "../qr/qr-svg.ts";
import { useGroup } from "../app/use-group.ts";
import { bytesToHex } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { POSTER_LIFETIME_MS, makeInviteLink } from "./invite-link.ts";
import { dateText } from "../i18n/format.ts";
import "./poster.css";

export function PosterPage({ context, groupHex }: { context: AppContext; groupHex: string }) {
  const [invite, setInvite] = useState<{ link: string; expiresMs: number } | null>(null);
  const { t } = useTranslation();

  const view = useGroup(context, groupHex)?.view;

  const mine = view?.accounts[`${groupHex}:${bytesToHex(context.device.member.publicKey)}`];
  // The relay accepts an invite signed by a current coordinator's device only.
  const coordinator = mine?.status === "active" && mine.role === "coordinator";
  const groupName = view?.groups[groupHex]?.name ?? "";

  useEffect(() => {
    if (!coordinator) return;
    let current = true;
    void makeInviteLink(context.device, groupHex, POSTER_LIFETIME_MS, groupName).then((made) => current && setInvite(made));
    return () => {
      current = false;
    };
  }, [coordinator, groupHex, groupName, context.device]);

  if (!view) return <p>{t("coordinate.poster.opening")}</p>;
  if (!coordinator) return <p role="alert">{t("coordinate.poster.onlyCoordinators")}</p>;
  if (!invite) return <p>{t("coordinate.poster.opening")}</p>;
  return (
    <article className="poster">
      <h1>{t("coordinate.poster.join", { group: view.groups[groupHex]?.name ?? "" })}</h1>
      <p className="tagline">{t("coordinate.poster.tagline")}</p>
      <div className="poster-qr" role="img" aria-label={t("coordinate.poster.qr")} dangerouslySetInnerHTML={{ __html: qrSvg(invite.link) }} />
      <h2>{t("coordinate.poster.steps")}</h2>
      <ol>
        <li>{t("coordinate.poster.step1")}</li>
        <li>{t("coordinate.poster.step2")}</li>
        <li>{t("coordinate.poster.step3")}</li>
      </ol>
      <p className="poster-link">
        {t("coordinate.poster.linkLabel")}: <a href={invite.link}>{invite.link}</a>
      </p>
      <p>{t("coordinate.poster.until", { date: dateText(invite.expiresMs) })}</p>
      <p className="no-print poster-buttons">
        <button type="button" onClick={() => window.print()}>{t("coordinate.poster.print")}</button>
        <a href={`#/g/${groupHex}/coordinate`}>{t("coordinate.poster.back")}</a>
      </p>
    </article>
  );
}
