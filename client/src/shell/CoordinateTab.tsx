// A coordinator's tools; for anyone else, what the tab is and who has it.
import { useTranslation } from "react-i18next";
import { CoordinatorTools } from "../coordinator/CoordinatorTools.tsx";
import { RecoverMember } from "../coordinator/RecoverMember.tsx";
import type { GroupSession } from "./session.ts";

export function CoordinateTab({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  if (!session.coordinator) return <p role="status">{t("shell.onlyCoordinators")}</p>;
  const { view, groupHex, replica, write, context, me } = session;
  return (
    <>
      <CoordinatorTools view={view} groupHex={groupHex} replica={replica} write={write} device={context.device} me={me} />
      <RecoverMember view={view} groupHex={groupHex} replica={replica} write={write} me={me} />
    </>
  );
}
