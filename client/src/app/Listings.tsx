// Offers and requests: post one, see the group's open ones.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";

export const CATEGORIES = ["Gardening", "Litter picking", "Lifts", "Shopping", "Repairs", "Cooking", "IT help", "Befriending", "Other"];

export function Listings({ view, onPost }: { view: LedgerView; onPost: (type: "offer" | "request", title: string, category: string) => Promise<void> }) {
  const [type, setType] = useState<"offer" | "request">("offer");
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState(CATEGORIES[0] as string);
  const { t } = useTranslation();
  const open = view.listings.filter((l) => l.open);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await onPost(type, title.trim(), category);
    setTitle("");
  }

  return (
    <section aria-labelledby="listings">
      <h2 id="listings">{t("listings.title")}</h2>
      {open.length === 0 ? <p>{t("listings.none")}</p> : null}
      <ul>
        {open.map((l) => (
          <li key={l.id}>
            <strong>{l.type === "request" ? t("listings.wanted") : t("listings.offered")}</strong> {l.title} <span>({l.category}, {view.accounts[l.account]?.name ?? t("listings.aMember")})</span>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t("listings.post")}</legend>
          <label>
            <input type="radio" name="listing-type" checked={type === "offer"} onChange={() => setType("offer")} /> {t("listings.offer")}
          </label>
          <label>
            <input type="radio" name="listing-type" checked={type === "request"} onChange={() => setType("request")} /> {t("listings.need")}
          </label>
        </fieldset>
        <label>
          {t("listings.what")}
          <input required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t("listings.category")}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t("listings.submit")}</button>
      </form>
    </section>
  );
}
