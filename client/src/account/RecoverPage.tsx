// A lost phone: the recovery code brings the account back on this device.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { seedFromRecoveryCode } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { takeAccount } from "./take-account.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function RecoverPage({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const submit = useSubmit();

  // These are said as they are: a mistyped code needs no "could not be set up".
  const plain = new Set([t("account.notACode"), t("account.noGroups")]);

  async function recover() {
    const seed = seedFromRecoveryCode(text);
    if (!seed) throw new Error(t("account.notACode"));
    const found = await takeAccount(context, seed, null, t("account.unnamedGroup"));
    if (found === 0) throw new Error(t("account.noGroups"));
    context.go("/");
  }

  return (
    <section aria-labelledby="recover">
      <h1 id="recover">{t("account.recoverTitle")}</h1>
      <p>{t("account.recoverIntro")}</p>
      <form onSubmit={submit.form(recover)}>
        <label>
          {t("account.recoveryCode")}
          <input required autoComplete="off" autoCapitalize="characters" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <BusyButton submit={submit} busyLabel={t("account.recovering")}>{t("account.recoverButton")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} failed={(reason) => (plain.has(reason) ? reason : t("account.failed", { reason }))} />
      <p><a href="#/account">{t("moveHere.noCode")}</a></p>
    </section>
  );
}
