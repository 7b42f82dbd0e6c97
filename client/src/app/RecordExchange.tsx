// Recording an exchange: who gave the help (this member, or the other side),
// to or from whom (a whole work party when others helped too), how long, what
// and what kind of help. The other side confirms it, unless the group counts
// the payer's record alone.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORY_CHOICES } from "./Listings.tsx";
import { Choice } from "./Choice.tsx";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";

export function RecordExchange({
  payerIsEnough,
  members,
  proxies,
  onRecord,
}: {
  /** The group counts an exchange on the payer's record alone. */
  payerIsEnough: boolean;
  members: [string, string][];
  /** Proxy members a coordinator records for: [account id, name]. */
  proxies: [string, string][];
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
  const [sent, setSent] = useState<"counts" | "waits" | null>(null);
  const [alsoHelped, setAlsoHelped] = useState<string[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = theyHelped ? [other, ...alsoHelped.filter((id) => id !== other && id !== forProxy)] : [other];
    await onRecord(chosen, minutesFromHours(amount), description.trim(), category, theyHelped, forProxy || null);
    setSent(theyHelped && payerIsEnough ? "counts" : "waits");
    setDescription("");
    setAlsoHelped([]);
  }

  if (members.length === 0) return null;
  return (
    <section aria-labelledby="record">
      <h2 id="record">{t("record.title")}</h2>
      <form onSubmit={(e) => void submit(e)}>
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
        <label>
          {t("record.howLong")}
          <HoursInput value={amount} onChange={setAmount} />
        </label>
        <label>
          {t("record.what")}
          <input required maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label>
          {t("record.category")}
          <Choice value={category} onChange={setCategory} options={CATEGORY_CHOICES} first={["", t("record.noCategory")]} />
        </label>
        <button type="submit">{t("record.submit")}</button>
      </form>
      {sent ? <p role="status">{t(sent === "counts" ? "record.counts" : "record.sent")}</p> : null}
    </section>
  );
}
