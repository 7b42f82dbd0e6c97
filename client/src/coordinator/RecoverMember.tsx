// A member lost their phone and their recovery code: after checking who they
// are, a coordinator moves their account onto the key of their new phone
// (member.recover) and removes the old phones and their town chains
// (device.revoke from each one's next record), in one step. The account keeps its balance and history.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, hexToBytes, type LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Write } from "./write.ts";
import { accountBytes } from "../app/account-bytes.ts";
import { Choice } from "../app/Choice.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { keyFromCode } from "../account/key-code.ts";
import { nextSeqOf } from "../account/Devices.tsx";

interface Props {
  view: LedgerView;
  groupHex: string;
  replica: GroupReplica;
  write: Write;
  /** This coordinator's own account: recovered by another coordinator, not here. */
  me: string;
}

export function RecoverMember({ view, groupHex, replica, write, me }: Props) {
  const { t } = useTranslation();
  const [account, setAccount] = useState("");
  const [code, setCode] = useState("");
  const [checked, setChecked] = useState("");
  const stepsId = useId();
  const submit = useSubmit();
  const members = Object.entries(view.accounts)
    .filter(([id, a]) => a.group === groupHex && a.type !== "group" && id !== me && (a.status === "active" || a.status === "suspended"))
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([id, a]) => [id, a.name] as [string, string]);

  async function move(): Promise<string> {
    const key = keyFromCode(code);
    if (!key) throw new Error(t("recoverMember.badCode"));
    const keyHex = bytesToHex(key);
    const holder = replica.ledger.accountOfKey(groupHex, keyHex);
    if (holder === account) throw new Error(t("recoverMember.alreadyTheirs"));
    if (holder === null || view.accounts[holder]) throw new Error(t("recoverMember.keyInUse"));
    const name = view.accounts[account]?.name ?? "";
    // The old phones, found before the recovery: after it they no longer act for the account.
    const oldDevices = replica.ledger.devices(groupHex).filter((d) => d.account === account && d.revokedFrom === null);
    await write("member.recover", { account: accountBytes(account), member: key, note: checked.trim() });
    for (const d of oldDevices) {
      await write("device.revoke", { device: hexToBytes(d.device), fromSeq: nextSeqOf(replica, groupHex, d.device), reason: "Lost phone: account moved to a new key" });
    }
    setCode("");
    setChecked("");
    // Phones, not keys: a phone's town chain (PROTOCOL §12.9) is removed with it.
    const phones = oldDevices.filter((d) => !replica.ledger.signsOnlyTownKinds(groupHex, d.device));
    return t("recoverMember.done", { name, count: phones.length });
  }

  return (
    <section aria-labelledby="recover-member">
      <h3 id="recover-member">{t("recoverMember.title")}</h3>
      <p>{t("recoverMember.intro")}</p>
      <ol id={stepsId}>
        <li>{t("recoverMember.step1")}</li>
        <li>{t("recoverMember.step2")}</li>
        <li>{t("recoverMember.step3")}</li>
        <li>{t("recoverMember.step4")}</li>
      </ol>
      <form onSubmit={submit.form(move)} aria-describedby={stepsId}>
        <label>
          {t("recoverMember.whose")}
          <Choice required value={account} onChange={setAccount} options={members} first={["", t("recoverMember.choose")]} />
        </label>
        <label>
          {t("recoverMember.code")}
          <textarea required rows={3} autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label>
          {t("recoverMember.how")}
          <input required maxLength={1000} value={checked} onChange={(e) => setChecked(e.target.value)} />
        </label>
        <BusyButton submit={submit} busyLabel={t("recoverMember.moving")}>{t("recoverMember.submit")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} failed={(reason) => ([t("recoverMember.badCode"), t("recoverMember.alreadyTheirs"), t("recoverMember.keyInUse")].includes(reason) ? reason : t("submit.failed", { reason }))} />
    </section>
  );
}
