// A link code opened on a phone: take the account on this device.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex } from "@tally/core";
import type { AppContext } from "../app/App.tsx";
import { parseLinkCode } from "./link-code.ts";
import { takeAccount } from "./take-account.ts";

export function LinkPage({ context, code }: { context: AppContext; code: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseLinkCode(code);
  if (!parsed) return <p role="alert">{t("account.linkDamaged")}</p>;

  async function take() {
    setBusy(true);
    setProblem(null);
    try {
      await takeAccount(context, parsed!.memberSeed, parsed!.groups, t("account.unnamedGroup"));
      const [only] = parsed!.groups;
      context.go(parsed!.groups.length === 1 && only ? `/g/${bytesToHex(only.group)}` : "/");
    } catch (error) {
      setProblem(t("account.failed", { reason: (error as Error).message }));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="take">
      <h1 id="take">{t("account.takeTitle")}</h1>
      <p>{t("account.takeIntro")}</p>
      <ul>
        {parsed.groups.map((g, i) => (
          <li key={i}>{g.name}</li>
        ))}
      </ul>
      <button onClick={() => void take()} disabled={busy}>{t("account.takeButton")}</button>
      {problem ? <p role="alert">{problem}</p> : null}
    </section>
  );
}
