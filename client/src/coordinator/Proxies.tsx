// Members without a smartphone: a coordinator opens an account for them,
// records their exchanges (in the group page's form) and prints statements.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { Write } from "./write.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

export function Proxies({ view, groupHex, write }: { view: LedgerView; groupHex: string; write: Write }) {
  const [name, setName] = useState("");
  const submit = useSubmit();
  const { t } = useTranslation();
  const proxies = Object.entries(view.accounts).filter(([, a]) => a.group === groupHex && a.type === "proxy" && a.status === "active");
  return (
    <>
      <h3>{t("coordinate.proxy.title")}</h3>
      <p>{t("coordinate.proxy.intro")}</p>
      <form
        onSubmit={submit.form(async () => {
          await write("member.proxy", { name: name.trim(), memberKind: "person", note: "Account kept by a coordinator" });
          setName("");
          return t("coordinate.proxy.added", { name: name.trim() });
        })}
      >
        <label>
          {t("coordinate.proxy.name")}
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <BusyButton submit={submit} busyLabel={t("coordinate.proxy.adding")}>{t("coordinate.proxy.add")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
      {proxies.length > 0 ? (
        <ul>
          {proxies.map(([id, a]) => (
            <li key={id}>
              <a href={`#/statement/${id}`}>{t("coordinate.proxy.statementFor", { name: a.name })}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
