// A member's view of a group: the group's name and their balance, the tabs,
// and the open tab. GroupPage stays mounted across tabs, so what a tab began
// (a face-to-face code, "Confirmed") is still there on coming back.
import { Suspense, useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GroupHeading } from "./GroupHeading.tsx";
import { TabBar } from "./TabBar.tsx";
import { HomeTab } from "./HomeTab.tsx";
import { ListingsTab } from "./ListingsTab.tsx";
import { RecordTab } from "./RecordTab.tsx";
import { MembersTab } from "./MembersTab.tsx";
import { MeTab } from "./MeTab.tsx";
import { CoordinateTab } from "./CoordinateTab.tsx";
import type { GroupSession } from "./session.ts";
import type { Tab } from "./tabs.ts";
import { TownTab } from "../town/lazy.ts";
import "./shell.css";

const CONTENT: Record<Tab, (props: { session: GroupSession }) => ReactNode> = {
  home: HomeTab,
  listings: ListingsTab,
  town: TownTab,
  record: RecordTab,
  members: MembersTab,
  me: MeTab,
  coordinate: CoordinateTab,
};

export function GroupShell({ session, tab }: { session: GroupSession; tab: Tab }) {
  const Content = CONTENT[tab];
  const { t } = useTranslation();
  // A new tab opens at its top, as a new page would.
  useEffect(() => window.scrollTo(0, 0), [tab]);
  return (
    <div className="group-shell">
      <TabBar
        groupHex={session.groupHex}
        current={tab}
        coordinator={session.coordinator}
        town={session.pools.length > 0}
        counts={{ home: session.waitingForMe.length + session.poolWaiting.length, town: session.poolWaiting.length, coordinate: session.coordinator ? session.joinRequestCount : 0 }}
      />
      <div className="tab-content" data-tab={tab}>
        <GroupHeading name={session.view.groups[session.groupHex]?.name ?? ""} mine={session.mine} />
        <Suspense fallback={<p>{t("town.loading")}</p>}>
          <Content session={session} />
        </Suspense>
      </div>
    </div>
  );
}
