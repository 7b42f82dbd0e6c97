// Offers and requests: post one, see the group's open ones.
import { useState, type FormEvent } from "react";
import type { LedgerView } from "@tally/core";

export const CATEGORIES = ["Gardening", "Litter picking", "Lifts", "Shopping", "Repairs", "Cooking", "IT help", "Befriending", "Other"];

export function Listings({ view, onPost }: { view: LedgerView; onPost: (type: "offer" | "request", title: string, category: string) => Promise<void> }) {
  const [type, setType] = useState<"offer" | "request">("offer");
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState(CATEGORIES[0] as string);
  const open = view.listings.filter((l) => l.open);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await onPost(type, title.trim(), category);
    setTitle("");
  }

  return (
    <section aria-labelledby="listings">
      <h2 id="listings">Offers and requests</h2>
      {open.length === 0 ? <p>Nothing posted yet.</p> : null}
      <ul>
        {open.map((l) => (
          <li key={l.id}>
            <strong>{l.type === "request" ? "Wanted" : "Offered"}:</strong> {l.title} <span>({l.category}, {view.accounts[l.account]?.name ?? "a member"})</span>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Post</legend>
          <label>
            <input type="radio" name="listing-type" checked={type === "offer"} onChange={() => setType("offer")} /> I can offer
          </label>
          <label>
            <input type="radio" name="listing-type" checked={type === "request"} onChange={() => setType("request")} /> I need
          </label>
        </fieldset>
        <label>
          What
          <input required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <button type="submit">Post it</button>
      </form>
    </section>
  );
}
