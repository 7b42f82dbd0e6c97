// A link code opened on a phone: take the account on this device.
import { useTranslation } from "react-i18next";
import { bytesToHex } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { parseLinkCode } from "./link-code.ts";
import { takeAccount } from "./take-account.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function LinkPage({ context, code }: { context: AppContext; code: string }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const parsed = parseLinkCode(code);
  if (!parsed) return <p role="alert">{t("account.linkDamaged")}</p>;

  async function take() {
    await takeAccount(context, parsed!.memberSeed, parsed!.groups, t("account.unnamedGroup"));
    const [only] = parsed!.groups;
    context.go(parsed!.groups.length === 1 && only ? `/g/${bytesToHex(only.group)}` : "/");
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
      <BusyButton submit={submit} type="button" busyLabel={t("account.taking")} onClick={() => void submit.run(take)}>
        {t("account.takeButton")}
      </BusyButton>
      <SubmitOutcome submit={submit} failed={(reason) => t("account.failed", { reason })} />
    </section>
  );
}
