// This member's own pages: their statement, social CV, profile and account.
import { useTranslation } from "react-i18next";
import type { GroupSession } from "./session.ts";

export function MeTab({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const { me } = session;
  return (
    <section aria-labelledby="me">
      <h2 id="me">{t("shell.me.title", { name: session.mine.name })}</h2>
      <ul className="link-list">
        <li><a href={`#/statement/${me}`}>{t("group.myHistory")}</a></li>
        <li><a href={`#/cv/${me}`}>{t("cv.mine")}</a></li>
        <li><a href={`#/profile/${me}`}>{t("shell.me.profile")}</a></li>
        <li><a href="#/account">{t("shell.me.account")}</a></li>
      </ul>
    </section>
  );
}
