// English strings of a group's tabs, the join page's title and sharing an
// invite (kept apart from en.ts so the files change independently).
export const enShell = {
  shell: {
    nav: "Group",
    tabs: { home: "Home", listings: "Offers & requests", record: "Record", members: "Members", me: "Me", coordinate: "Coordinate" },
    waiting_one: "{{tab}}, {{count}} waiting",
    waiting_other: "{{tab}}, {{count}} waiting",
    nothingNeedsYou: "Nothing needs you now.",
    joinRequests_one: "{{count}} person asks to join",
    joinRequests_other: "{{count}} people ask to join",
    onlyCoordinators: "This tab is for the group's coordinators.",
    me: {
      title: "You: {{name}}",
      profile: "My profile",
      account: "My account: recovery code and other phones",
    },
    joinNamed: "Join {{group}}",
    invite: {
      copy: "Copy the link",
      share: "Share the link",
      copied: "Copied. Paste it into a message to the person you invite.",
      shared: "Shared.",
      notCopied: "This browser would not copy it: select the link and copy it by hand.",
      shareTitle: "Join {{group}} on Tally",
      shareText: "You are invited to join {{group}}, a timebank: one hour of help earns one time credit.",
    },
  },
};
