// A lost phone: the recovery code brings the account back on this device.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { seedFromRecoveryCode } from "@tally/core";
import type { AppContext } from "../app/App.tsx";
import { takeAccount } from "./take-account.ts";

export function RecoverPage({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function recover(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const seed = seedFromRecoveryCode(text);
    if (!seed) return setProblem(t("account.notACode"));
    setBusy(true);
    try {
      const found = await takeAccount(context, seed, null, t("account.unnamedGroup"));
      if (found === 0) setProblem(t("account.noGroups"));
      else context.go("/");
    } catch (error) {
      setProblem(t("account.failed", { reason: (error as Error).message }));
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="recover">
      <h1 id="recover">{t("account.recoverTitle")}</h1>
      <p>{t("account.recoverIntro")}</p>
      <form onSubmit={(e) => void recover(e)}>
        <label>
          {t("account.recoveryCode")}
          <input required autoComplete="off" autoCapitalize="characters" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>{t("account.recoverButton")}</button>
      </form>
      {problem ? <p role="alert">{problem}</p> : null}
    </section>
  );
}
