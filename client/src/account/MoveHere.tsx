// A member who lost their phone and their recovery code: this (new) phone
// shows its account key for a coordinator, who moves the account to it after
// checking who the member is; then this phone joins the account's groups.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppContext } from "../app/app-context.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { keyCode } from "./key-code.ts";
import { takeAccount } from "./take-account.ts";

export function MoveHere({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const submit = useSubmit();
  const code = keyCode(context.device.member.publicKey);

  async function join(): Promise<void> {
    const found = await takeAccount(context, await context.device.memberSeed(), null, t("account.unnamedGroup"));
    if (found === 0) throw new Error(t("moveHere.notYet"));
    context.go("/"); // the account's groups, as after a recovery code
  }

  return (
    <section aria-labelledby="move-here" className="no-print">
      <h2 id="move-here">{t("moveHere.title")}</h2>
      <p>{t("moveHere.intro")}</p>
      <ol>
        <li>{t("moveHere.step1")}</li>
        <li>
          {t("moveHere.step2")}{" "}
          {shown ? (
            <>
              <code className="recovery-code" data-testid="phone-key">{code}</code>
              <div className="qr" role="img" aria-label={t("moveHere.qr")} dangerouslySetInnerHTML={{ __html: qrSvg(code) }} />
            </>
          ) : (
            <button type="button" onClick={() => setShown(true)}>{t("moveHere.show")}</button>
          )}
        </li>
        <li>{t("moveHere.step3")}</li>
      </ol>
      <form onSubmit={submit.form(join)}>
        <BusyButton submit={submit} busyLabel={t("moveHere.joining")}>{t("moveHere.join")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} failed={(reason) => (reason === t("moveHere.notYet") ? reason : t("account.failed", { reason }))} />
    </section>
  );
}
