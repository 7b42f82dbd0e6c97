// Offers and requests: find the group's open ones by words or category, post
// one for a while, close your own.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView, ListingView } from "@tally/core";
import { dayNumber, dayText } from "./days.ts";
import { Choice } from "./Choice.tsx";
import { CATEGORIES, categoryChoices, categoryName } from "./categories.ts";
import { useSubmit } from "./use-submit.ts";
import { ActionButton, BusyButton, SubmitOutcome } from "./SubmitControls.tsx";
import { AnswerListing, answerable, type Answering } from "./AnswerListing.tsx";

const LIFETIMES_DAYS = [7, 30, 90, 0] as const; // 0: until closed

type ListingType = "offer" | "request" | "activity";
const KIND_KEYS: Record<string, string> = { offer: "listings.offered", request: "listings.wanted", activity: "listings.event" };

export interface NewListing {
  type: ListingType;
  title: string;
  description: string;
  category: string;
  expiresDay?: number;
}

interface Props {
  view: LedgerView;
  /** The group whose listings these are: a group in a pool also holds the town's, which its Town tab lists. */
  groupHex: string;
  /** This member's account id: their own listings can be closed. */
  me: string;
  onPost: (listing: NewListing) => Promise<void>;
  onClose: (listing: ListingView) => Promise<void>;
  /** How this member answers someone else's offer or request with an exchange. */
  answering?: Answering;
}

export function Listings({ view, groupHex, me, onPost, onClose, answering }: Props) {
  const { t } = useTranslation();
  /** The listing being answered, if any. */
  const [answeringId, setAnsweringId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [shownCategory, setShownCategory] = useState("");
  const today = dayNumber(Date.now());
  // A dated activity (a work party) is listed with the group's events, where members say they will come.
  const open = view.listings.filter((l) => l.group === groupHex && l.open && l.startsDay === undefined && (l.expiresDay === undefined || l.expiresDay >= today));
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = open.filter(
    (l) =>
      (shownCategory === "" || l.category === shownCategory) &&
      words.every((w) => `${l.title} ${l.description ?? ""} ${l.category} ${categoryName(t, l.category)} ${view.accounts[l.account]?.name ?? ""}`.toLowerCase().includes(w)),
  );

  return (
    <section aria-labelledby="listings">
      <h2 id="listings">{t("listings.title")}</h2>
      {open.length === 0 ? (
        <p>{t("listings.none")}</p>
      ) : (
        <div className="filters" role="search">
          <label>
            {t("listings.search")}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <label>
            {t("listings.showCategory")}
            <Choice value={shownCategory} onChange={setShownCategory} options={categoryChoices(t)} first={["", t("listings.allCategories")]} />
          </label>
        </div>
      )}
      {open.length > 0 && shown.length === 0 ? <p role="status">{t("listings.noMatch")}</p> : null}
      <ul className="listings">
        {shown.map((l) => (
          <li key={l.id}>
            <strong>{t(KIND_KEYS[l.type] ?? "listings.offered")}</strong> <span className="listing-title">{l.title}</span>{" "}
            <span>
              ({categoryName(t, l.category)}, {view.accounts[l.account]?.name ?? t("listings.aMember")}
              {l.expiresDay !== undefined ? `, ${t("listings.until", { day: dayText(l.expiresDay) })}` : ""})
            </span>
            {l.description ? <p>{l.description}</p> : null}
            {l.account === me ? (
              <ActionButton className="small" action={() => onClose(l)} label={t("listings.close", { title: l.title })} busyLabel={t("listings.closing")} />
            ) : null}
            {answering && answerable(l, me) ? (
              answeringId === l.id ? (
                <AnswerListing listing={l} view={view} me={me} answering={answering} onClose={() => setAnsweringId(null)} />
              ) : (
                <button
                  type="button"
                  className="small"
                  aria-label={t(l.type === "request" ? "exchanges.answer.canHelpWith" : "exchanges.answer.wantThisOne", { title: l.title })}
                  onClick={() => setAnsweringId(l.id)}
                >
                  {t(l.type === "request" ? "exchanges.answer.canHelp" : "exchanges.answer.wantThis")}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      <PostListing onPost={onPost} />
    </section>
  );
}

function PostListing({ onPost }: { onPost: (listing: NewListing) => Promise<void> }) {
  const { t } = useTranslation();
  const [type, setType] = useState<ListingType>("offer");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState(CATEGORIES[0] as string);
  const [lifetimeDays, setLifetimeDays] = useState<number>(30);
  const descriptionId = useId();
  const submit = useSubmit();

  async function post(): Promise<string> {
    const expiresDay = lifetimeDays > 0 ? dayNumber(Date.now()) + lifetimeDays : undefined;
    const posted = { title, description };
    await onPost({ type, title: title.trim(), description: description.trim(), category, ...(expiresDay ? { expiresDay } : {}) });
    // Cleared only if unchanged: what the person typed while it was being kept is theirs.
    setTitle((now) => (now === posted.title ? "" : now));
    setDescription((now) => (now === posted.description ? "" : now));
    return t("listings.posted");
  }

  return (
    <form onSubmit={submit.form(post)}>
      <fieldset>
        <legend>{t("listings.post")}</legend>
        <label>
          <input type="radio" name="listing-type" checked={type === "offer"} onChange={() => setType("offer")} /> {t("listings.offer")}
        </label>
        <label>
          <input type="radio" name="listing-type" checked={type === "request"} onChange={() => setType("request")} /> {t("listings.need")}
        </label>
        <label>
          <input type="radio" name="listing-type" checked={type === "activity"} onChange={() => setType("activity")} /> {t("listings.anEvent")}
        </label>
      </fieldset>
      <label>
        {t("listings.what")}
        <input required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label htmlFor={descriptionId}>{t("listings.details")}</label>
      <textarea id={descriptionId} maxLength={1000} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      <label>
        {t("listings.category")}
        <Choice value={category} onChange={setCategory} options={categoryChoices(t)} />
      </label>
      <label>
        {t("listings.lifetime")}
        <select value={lifetimeDays} onChange={(e) => setLifetimeDays(Number(e.target.value))}>
          {LIFETIMES_DAYS.map((days) => (
            <option key={days} value={days}>{days === 0 ? t("listings.untilClosed") : t("listings.forDays", { count: days })}</option>
          ))}
        </select>
      </label>
      <BusyButton submit={submit} busyLabel={t("listings.posting")}>{t("listings.submit")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
