// The group's tabs: a bar at the bottom of a phone's screen, a column at the
// side of a wide one (shell.css). A count on a tab says something there waits
// for this member; it is read out with the tab's name.
import { useTranslation } from "react-i18next";
import { TABS, tabPath, type Tab } from "./tabs.ts";

/** `town`: the group is in a town pool (or is one), so the Town tab is shown. */
export function TabBar({ groupHex, current, coordinator, town, counts }: { groupHex: string; current: Tab; coordinator: boolean; town: boolean; counts: Partial<Record<Tab, number>> }) {
  const { t } = useTranslation();
  // The town tab's words live with the town's strings (en-town.ts).
  const name = (tab: Tab) => t(tab === "town" ? "town.tab" : `shell.tabs.${tab}`);
  const shown = TABS.filter((tab) => (tab !== "coordinate" || coordinator) && (tab !== "town" || town || current === "town"));
  return (
    <nav className="tab-bar" aria-label={t("shell.nav")}>
      <ul>
        {shown.map((tab) => {
          const count = counts[tab] ?? 0;
          return (
            <li key={tab}>
              <a
                href={tabPath(groupHex, tab)}
                aria-current={tab === current ? "page" : undefined}
                aria-label={count > 0 ? t("shell.waiting", { tab: name(tab), count }) : undefined}
              >
                <span className="tab-name">{name(tab)}</span>
                {count > 0 ? <span className="badge">{count}</span> : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
