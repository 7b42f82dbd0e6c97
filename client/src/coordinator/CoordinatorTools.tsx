// What a coordinator does for the group, under the group page: join
// requests, members' roles, standing and limits, moderation, corrections,
// members without a smartphone, invites. Each tool writes signed records; the
// ledger's rules decide, so the tools offer only what those rules allow.
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Device } from "../device/device.ts";
import { Corrections } from "./Corrections.tsx";
import { Disclosure } from "./Disclosure.tsx";
import { DocumentEdits } from "./DocumentEdits.tsx";
import { GroupSettings } from "./GroupSettings.tsx";
import { Invite } from "./Invite.tsx";
import { JoinRequests } from "./JoinRequests.tsx";
import { MemberAdmin } from "./MemberAdmin.tsx";
import { Moderation } from "./Moderation.tsx";
import { Proxies } from "./Proxies.tsx";
import { recordText } from "../app/record-text.ts";
import type { Write } from "./write.ts";
import { TownTool } from "../town/lazy.ts";
import "./coordinator.css";

interface Props {
  view: LedgerView;
  groupHex: string;
  replica: GroupReplica;
  write: Write;
  device: Device;
  /** This device's account id. */
  me: string;
}

export function CoordinatorTools({ view, groupHex, replica, write, device, me }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="coordinate" className="coordinator">
      <h2 id="coordinate">{t("coordinate.title")}</h2>
      <p>
        <a href={`#/dashboard/${groupHex}`}>{t("coordinate.numbers")}</a>
      </p>
      <p>
        <a href={`#/kiosk/${groupHex}`}>{t("kiosk.link")}</a>
      </p>
      <JoinRequests view={view} groupHex={groupHex} write={write} />
      <Disclosure title={t("coordinate.members.title")}>
        <MemberAdmin view={view} groupHex={groupHex} me={me} write={write} />
      </Disclosure>
      <Disclosure title={t("coordinate.moderate.title")}>
        <Moderation view={view} groupHex={groupHex} write={write} />
      </Disclosure>
      <Disclosure title={t("coordinate.correct.title")}>
        <Corrections view={view} groupHex={groupHex} write={write} textOf={(id) => recordText(replica, id)} />
      </Disclosure>
      <Disclosure title={t("coordinate.settings.title")}>
        <GroupSettings view={view} groupHex={groupHex} write={write} />
      </Disclosure>
      <Disclosure title={t("edits.title")}>
        <DocumentEdits view={view} groupHex={groupHex} device={device} />
      </Disclosure>
      <Disclosure title={t("town.tool.title")}>
        <Suspense fallback={<p>{t("town.loading")}</p>}>
          <TownTool view={view} groupHex={groupHex} joined={replica.joinedPools()} write={write} />
        </Suspense>
      </Disclosure>
      <Proxies view={view} groupHex={groupHex} write={write} />
      <Invite groupHex={groupHex} groupName={view.groups[groupHex]?.name ?? ""} device={device} />
    </section>
  );
}
