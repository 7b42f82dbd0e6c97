// The group's members with their standing and balances, and the group's
// records to take away. The table scrolls within itself on a narrow screen.
import { useTranslation } from "react-i18next";
import { hours } from "../app/hours.ts";
import { DownloadRecords } from "../app/DownloadRecords.tsx";
import type { GroupSession } from "./session.ts";

export function MembersTab({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const { members, replica, view, groupHex } = session;
  return (
    <>
      <section aria-labelledby="members">
        <h2 id="members">{t("group.members")}</h2>
        <div className="table-scroll">
          <table className="members-table">
            <thead>
              <tr><th scope="col">{t("group.name")}</th><th scope="col">{t("group.role")}</th><th scope="col">{t("group.balance")}</th><th scope="col">{t("coordinate.limitColumn")}</th></tr>
            </thead>
            <tbody>
              {members.map(([id, a]) => (
                <tr key={id}>
                  <td><a href={`#/profile/${id}`}>{a.name}</a></td>
                  <td>{t(a.status === "active" ? `coordinate.members.role.${a.role}` : `coordinate.members.status.${a.status}`)}</td>
                  <td>{hours(a.balanceMinutes)}{a.overdrawn ? t("group.overLimitShort") : ""}</td>
                  <td>{a.creditLimitMinutes === null ? "" : hours(-a.creditLimitMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <DownloadRecords replica={replica} groupName={view.groups[groupHex]?.name ?? ""} />
    </>
  );
}
