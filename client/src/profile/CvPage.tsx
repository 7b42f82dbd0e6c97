// "My social CV": the hours of help a member gave and received, by category
// and by organisation, with their balance and history, made to be printed
// and shown to an employer or a funder.
import { useTranslation } from "react-i18next";
import type { ExchangeView } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { hours } from "../app/hours.ts";
import { dateText } from "../i18n/format.ts";
import { categoryName } from "../app/categories.ts";
import { socialCv, type CvRow } from "./social-cv.ts";
import { knownGroupOf, useGroup } from "../app/use-group.ts";
import "./profile.css";

/** Translation keys of movement kinds (record kinds contain dots, which i18next reads as nesting). */
const KIND_KEYS: Record<ExchangeView["kind"], string> = {
  "exchange.propose": "exchange",
  "exchange.event": "activity",
  donation: "gift",
  grant: "fromGroup",
  "member.approve": "bonus",
};

export function CvPage({ context, accountId }: { context: AppContext; accountId: string }) {
  const groupHex = knownGroupOf(context, accountId);
  const group = useGroup(context, groupHex);
  const { t } = useTranslation();
  if (groupHex === null) return <p role="alert">{t("cv.notFound")}</p>;
  if (!group) return <p>{t("cv.opening")}</p>;
  const { view } = group;
  const account = view.accounts[accountId];
  if (!account || account.type === "group") return <p role="alert">{t("cv.notFound")}</p>;
  const cv = socialCv(view, accountId);
  const groupName = view.groups[groupHex]?.name ?? "";
  const nameOf = (id: string) => (view.accounts[id]?.type === "group" ? groupName : (view.accounts[id]?.name ?? t("cv.aMember")));
  const date = (timeMs: number) => (timeMs > 0 ? dateText(timeMs) : "—");

  return (
    <article className="cv">
      <h1>{t("cv.title", { name: account.name })}</h1>
      <p>{t("cv.memberOf", { group: groupName })}</p>
      {account.profile?.skills ? (
        <p>
          <strong>{t("cv.skills")}</strong> {account.profile.skills}
        </p>
      ) : null}
      <dl className="figures">
        <div>
          <dt>{t("cv.given")}</dt>
          <dd>{hours(cv.givenMinutes)}</dd>
        </div>
        <div>
          <dt>{t("cv.received")}</dt>
          <dd>{hours(cv.receivedMinutes)}</dd>
        </div>
        <div>
          <dt>{t("cv.balance")}</dt>
          <dd>{hours(account.balanceMinutes)}</dd>
        </div>
      </dl>
      {cv.byCategory.length === 0 ? <p>{t("cv.noHelp")}</p> : null}
      <HoursTable id="cv-category" title={t("cv.byCategory")} column={t("cv.category")} rows={cv.byCategory} name={(key) => (key === null ? t("cv.other") : categoryName(t, key))} />
      <HoursTable id="cv-organisation" title={t("cv.byOrganisation")} column={t("cv.organisation")} rows={cv.byOrganisation} name={(key) => (key === null ? t("cv.individuals") : nameOf(key))} />
      <section aria-labelledby="cv-history">
        <h2 id="cv-history">{t("cv.history")}</h2>
        {cv.history.length === 0 ? (
          <p>{t("cv.noHistory")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("cv.date")}</th>
                <th scope="col">{t("cv.what")}</th>
                <th scope="col">{t("cv.with")}</th>
                <th scope="col" className="num">{t("cv.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {cv.history.map((m) => (
                <tr key={m.id}>
                  <td>{date(m.timeMs)}</td>
                  <td>{m.description ?? t(`cv.kinds.${KIND_KEYS[m.kind]}`)}</td>
                  <td>{m.counterparties.map(nameOf).join(", ") || t("cv.theGroup")}</td>
                  <td className="num">{hours(m.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="cv-source">{t("cv.source", { group: groupName, date: date(Date.now()) })}</p>
      <p className="no-print cv-actions">
        <button onClick={() => window.print()}>{t("cv.print")}</button> <a href={`#/profile/${accountId}`}>{t("cv.profile", { name: account.name })}</a>
      </p>
    </article>
  );
}

function HoursTable({ id, title, column, rows, name }: { id: string; title: string; column: string; rows: CvRow<string | null>[]; name: (key: string | null) => string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col" className="num">{t("cv.givenShort")}</th>
            <th scope="col" className="num">{t("cv.receivedShort")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? ""}>
              <th scope="row">{name(row.key)}</th>
              <td className="num">{hours(row.givenMinutes)}</td>
              <td className="num">{hours(row.receivedMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
