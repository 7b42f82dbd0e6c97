// Recording an exchange: who gave the help (this member, or the other side),
// to or from whom (a whole work party when others helped too), how long, what
// and what kind of help. The other side confirms it, unless the group counts
// the payer's record alone.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { categoryChoices } from "./categories.ts";
import { Choice } from "./Choice.tsx";
import { HowLongAndWhat } from "./HowLongAndWhat.tsx";
import { minutesFromHours } from "./hours.ts";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type Overspend } from "./SpendLimit.tsx";

export function RecordExchange({
  payerIsEnough,
  members,
  proxies,
  overspend,
  onRecord,
}: {
  /** The group counts an exchange on the payer's record alone. */
  payerIsEnough: boolean;
  members: [string, string][];
  /** Proxy members a coordinator records for: [account id, name]. */
  proxies: [string, string][];
  /** Whether the payer this device signs for (a proxy member, or null for this member) would go past their limit. */
  overspend: (payer: string | null, minutes: number) => Overspend | null;
  /** chosen: the other member, then (when they helped) everyone else who helped too. */
  onRecord: (chosen: string[], minutes: number, description: string, category: string, theyHelped: boolean, forProxy: string | null) => Promise<void>;
}) {
  const [forProxy, setForProxy] = useState("");
  const { t } = useTranslation();
  const [theyHelped, setTheyHelped] = useState(true);
  const [other, setOther] = useState("");
  const [amount, setAmount] = useState("1");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("");
  const [alsoHelped, setAlsoHelped] = useState<string[]>([]);
  const submit = useSubmit();

  const chosen = theyHelped ? [other, ...alsoHelped.filter((id) => id !== other && id !== forProxy)] : [other];
  const minutes = minutesFromHours(amount);
  // Only a spend this device signs is checked: when the other side pays, their device checks as they confirm.
  const over = theyHelped ? overspend(forProxy || null, minutes * chosen.length) : null;

  // One account on both sides is no exchange (the ledger would refuse it): said before anything is signed.
  const bothSides = forProxy !== "" && other === forProxy ? t("exchanges.record.sameAccount", { name: proxies.find(([id]) => id === forProxy)?.[1] ?? "" }) : null;

  async function record(): Promise<string> {
    if (bothSides) throw new Error(bothSides);
    refuseOverspend(over);
    const recorded = description;
    await onRecord(chosen, minutes, description.trim(), category, theyHelped, forProxy || null);
    // Cleared only if unchanged: what the person typed while it was being kept is theirs.
    setDescription((now) => (now === recorded ? "" : now));
    setAlsoHelped([]);
    return t(theyHelped && payerIsEnough ? "record.counts" : "record.sent");
  }

  if (members.length === 0) return null;
  return (
    <section aria-labelledby="record">
      <h2 id="record">{t("record.title")}</h2>
      <form onSubmit={submit.form(record)}>
        {proxies.length > 0 ? (
          <label>
            {t("record.recordingFor")}
            <Choice value={forProxy} onChange={setForProxy} options={proxies} first={["", t("record.myself")]} />
          </label>
        ) : null}
        <fieldset>
          <legend>{t("record.whoGave")}</legend>
          <label>
            <input type="radio" name="direction" checked={theyHelped} onChange={() => setTheyHelped(true)} /> {forProxy ? t("record.someoneHelpedThem") : t("record.someoneHelpedMe")}
          </label>
          <label>
            <input type="radio" name="direction" checked={!theyHelped} onChange={() => setTheyHelped(false)} /> {forProxy ? t("record.theyHelped") : t("record.iHelped")}
          </label>
        </fieldset>
        <label>
          {t(forProxy ? (theyHelped ? "record.whoHelpedThem" : "record.whoTheyHelped") : theyHelped ? "record.whoHelpedYou" : "record.whoYouHelped")}
          <Choice required value={other} onChange={setOther} options={members} first={["", t("record.choose")]} />
        </label>
        {theyHelped && members.length > 1 ? (
          <fieldset>
            <legend>{t("record.alsoHelped")}</legend>
            {members
              .filter(([id]) => id !== other && id !== forProxy)
              .map(([id, name]) => (
                <label key={id}>
                  <input
                    type="checkbox"
                    checked={alsoHelped.includes(id)}
                    onChange={(e) => setAlsoHelped((ids) => (e.target.checked ? [...ids, id] : ids.filter((x) => x !== id)))}
                  />{" "}
                  {name}
                </label>
              ))}
          </fieldset>
        ) : null}
        <HowLongAndWhat amount={amount} onAmount={setAmount} description={description} onDescription={setDescription} />
        <label>
          {t("record.category")}
          <Choice value={category} onChange={setCategory} options={categoryChoices(t)} first={["", t("record.noCategory")]} />
        </label>
        {bothSides ? <p className="warning" role="status">{bothSides}</p> : <SpendWarning over={over} />}
        <BusyButton submit={submit} busyLabel={t("record.recording")}>{t("record.submit")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
    </section>
  );
}
