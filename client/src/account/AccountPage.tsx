// Your account: the recovery code, shown once, and a code to take the
// account to another phone.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, recoveryCode } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { linkAddress } from "./link-code.ts";
import { Devices } from "./Devices.tsx";
import { MoveHere } from "./MoveHere.tsx";

export function AccountPage({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(null);
  const [kept, setKept] = useState<boolean | null>(null);
  const [link, setLink] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const isKept = await context.device.recoveryKept();
      setKept(isKept);
      if (!isKept) setCode(recoveryCode(await context.device.memberSeed()));
    })();
  }, [context.device]);

  async function showLink() {
    const memberSeed = await context.device.memberSeed();
    setLink(linkAddress(location.origin, { memberSeed, groups: context.groups.map((g) => ({ group: hexToBytes(g.groupHex), name: g.name })) }));
  }

  async function keep() {
    await context.device.markRecoveryKept();
    setKept(true);
    setCode(null);
  }

  return (
    <>
      <h1>{t("account.title")}</h1>
      <section aria-labelledby="recovery">
        <h2 id="recovery">{t("account.recoveryTitle")}</h2>
        {kept === false && code ? (
          <>
            <p>{t("account.recoveryOnce")}</p>
            <p className="recovery-code" aria-label={t("account.recoveryCode")}>{code}</p>
            <p className="no-print">
              <button onClick={() => window.print()}>{t("account.print")}</button> <button onClick={() => void keep()}>{t("account.kept")}</button>
            </p>
          </>
        ) : kept ? (
          <p>{t("account.recoveryShown")}</p>
        ) : null}
      </section>
      <section aria-labelledby="link" className="no-print">
        <h2 id="link">{t("account.linkTitle")}</h2>
        <p>{t("account.linkIntro")}</p>
        {link ? (
          <>
            <p role="alert">{t("account.linkWarning")}</p>
            <div className="qr" role="img" aria-label={t("account.linkQr")} dangerouslySetInnerHTML={{ __html: qrSvg(link) }} />
            <label>
              {t("account.linkText")}
              <input readOnly value={link} onFocus={(e) => e.target.select()} />
            </label>
            <button onClick={() => setLink(null)}>{t("account.hideLink")}</button>
          </>
        ) : (
          <button onClick={() => void showLink()} disabled={context.groups.length === 0}>{t("account.showLink")}</button>
        )}
      </section>
      {context.groups.length > 0 ? <Devices context={context} /> : <MoveHere context={context} />}
    </>
  );
}
