// Offers and requests of members across the town, found by words, category
// and group. On someone's offer in another group, "I'd like this" opens the
// payment (PoolPay); a request is answered by getting in touch, as the one
// helped is the one who pays. Listings of this member's own group are
// answered on the group's own Offers & requests tab.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView, ListingView } from "@tally/core";
import { Choice } from "../app/Choice.tsx";
import { categoryChoices, categoryName } from "../app/categories.ts";
import { dayNumber } from "../app/days.ts";
import type { SpendCheck } from "../app/SpendLimit.tsx";
import type { Write } from "../coordinator/write.ts";
import { tabPath } from "../shell/tabs.ts";
import { PoolPay } from "./PoolPay.tsx";
import { townGroups, townListings } from "./town-listings.ts";

interface Props {
  view: LedgerView;
  pool: string;
  groupHex: string;
  me: string;
  /** This member's group is in the pool now (or is the pool): they can pay across it. */
  canPay: boolean;
  overspend: SpendCheck;
  write: Write;
}

export function TownListings({ view, pool, groupHex, me, canPay, overspend, write }: Props) {
  const { t } = useTranslation();
  const [words, setWords] = useState("");
  const [category, setCategory] = useState("");
  const [group, setGroup] = useState("");
  const [paying, setPaying] = useState<string | null>(null);
  const groupName = (g: string) => view.groups[g]?.name || t("town.anotherGroup");
  const posterName = (l: ListingView) => view.accounts[l.account]?.name || t("town.aMemberOf", { group: groupName(l.group) });
  const textOf = (l: ListingView) => `${l.title} ${l.description ?? ""} ${l.category} ${categoryName(t, l.category)} ${posterName(l)} ${groupName(l.group)}`;
  const shown = townListings(view, pool, dayNumber(Date.now()), { words, category, group }, textOf);
  const groups = townGroups(view, pool);

  return (
    <section aria-labelledby={`town-listings-${pool}`}>
      <h3 id={`town-listings-${pool}`}>{t("town.listings.title")}</h3>
      <div className="filters" role="search">
        <label>
          {t("town.listings.search")}
          <input type="search" value={words} onChange={(e) => setWords(e.target.value)} />
        </label>
        <label>
          {t("listings.showCategory")}
          <Choice value={category} onChange={setCategory} options={categoryChoices(t)} first={["", t("listings.allCategories")]} />
        </label>
        <label>
          {t("town.listings.group")}
          <Choice value={group} onChange={setGroup} options={groups.map((g) => [g, groupName(g)] as const)} first={["", t("town.listings.allGroups")]} />
        </label>
      </div>
      {shown.length === 0 ? <p role="status">{t("town.listings.none")}</p> : null}
      <ul className="listings">
        {shown.map((l) => (
          <li key={l.id}>
            <strong>{t(l.type === "request" ? "listings.wanted" : "listings.offered")}</strong> <span className="listing-title">{l.title}</span>{" "}
            <span>({categoryName(t, l.category)}, {t("town.listings.who", { name: posterName(l), group: groupName(l.group) })})</span>
            {l.description ? <p>{l.description}</p> : null}
            {l.group === groupHex ? (
              <p><a href={tabPath(groupHex, "listings")}>{t("town.listings.ownGroup")}</a></p>
            ) : l.type === "request" ? (
              <p>{t("town.listings.request", { name: posterName(l) })}</p>
            ) : !canPay ? null : paying === l.id ? (
              <PoolPay view={view} pool={pool} groupHex={groupHex} me={me} listing={l} overspend={overspend} write={write} onClose={() => setPaying(null)} />
            ) : (
              <button type="button" className="small" aria-label={t("exchanges.answer.wantThisOne", { title: l.title })} onClick={() => setPaying(l.id)}>
                {t("exchanges.answer.wantThis")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
