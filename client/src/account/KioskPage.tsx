// The sign-up desk: at an event, a shared tablet signs newcomers up one after
// another. Each gets a join request in the group and a printed card with their
// account: a code their phone's camera opens, and their recovery code. The
// tablet keeps nothing of theirs once the next person starts.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DeviceAuthor, hexToBytes, newSeed, recoveryCode, signerFromSeed } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { useGroup } from "../app/use-group.ts";
import { linkAddress } from "./link-code.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

interface Card {
  name: string;
  link: string;
  recovery: string;
}

export function KioskPage({ context, groupHex }: { context: AppContext; groupHex: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [card, setCard] = useState<Card | null>(null);
  const [count, setCount] = useState(0);
  const submit = useSubmit();

  const opened = useGroup(context, groupHex);
  const view = opened?.view;

  const groupName = view?.groups[groupHex]?.name;
  if (!groupName) return <p>{t("group.opening")}</p>;

  async function signUp() {
    const memberSeed = newSeed();
    const member = await signerFromSeed(memberSeed);
    // A device of the newcomer's own, used once for the request; their phone certifies its own later.
    const { author, record: certificate } = await DeviceAuthor.certified(member, await signerFromSeed(newSeed()), hexToBytes(groupHex));
    const request = await author.write("member.join", { name: name.trim(), memberKind: "person", note: t("kiosk.requestNote") }, { timeMs: Date.now() });
    await opened!.replica.write([certificate, request]);
    setCard({
      name: name.trim(),
      link: linkAddress(location.origin, { memberSeed, groups: [{ group: hexToBytes(groupHex), name: groupName! }] }),
      recovery: recoveryCode(memberSeed),
    });
    setName("");
    setCount((n) => n + 1);
  }

  if (card) {
    return (
      <article className="card" aria-labelledby="card-title">
        <h1 id="card-title">{t("kiosk.cardTitle", { group: groupName })}</h1>
        <p className="card-name">{card.name}</p>
        <div className="qr" role="img" aria-label={t("kiosk.cardQr")} data-link={card.link} dangerouslySetInnerHTML={{ __html: qrSvg(card.link, "M") }} />
        <p>{t("kiosk.cardScan")}</p>
        <p>
          {t("kiosk.cardRecovery")} <span className="recovery-code">{card.recovery}</span>
        </p>
        <p>{t("kiosk.cardKeep")}</p>
        <p className="no-print">
          <button onClick={() => window.print()}>{t("kiosk.print")}</button> <button onClick={() => setCard(null)}>{t("kiosk.next")}</button>
        </p>
      </article>
    );
  }

  return (
    <section aria-labelledby="kiosk">
      <h1 id="kiosk">{t("kiosk.title", { group: groupName })}</h1>
      <p>{t("kiosk.intro")}</p>
      <form onSubmit={submit.form(signUp)}>
        <label>
          {t("kiosk.name")}
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <BusyButton submit={submit} busyLabel={t("kiosk.signingUp")}>{t("kiosk.signUp")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
      {count > 0 ? <p role="status">{t("kiosk.count", { count })}</p> : null}
    </section>
  );
}
