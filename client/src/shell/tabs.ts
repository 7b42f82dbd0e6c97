// A group's tabs, each a route of its own (#/g/<group>/<tab>), so back,
// reload and a link sent to someone open the same tab.
export const TABS = ["home", "listings", "town", "record", "members", "me", "coordinate"] as const;
export type Tab = (typeof TABS)[number];

/** The tab a route names; a missing or unknown one is home, so #/g/<group> stays the group's home. */
export function parseTab(segment: string | undefined): Tab {
  return TABS.find((tab) => tab === segment) ?? "home";
}

export function tabPath(groupHex: string, tab: Tab): string {
  return `#/g/${groupHex}/${tab}`;
}
