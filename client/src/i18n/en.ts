// English, the reference language. Other languages copy these keys.
export const en = {
  app: {
    starting: "Opening Tally…",
    failed: "Tally could not start on this device: {{reason}}",
    online: "Synced with the relay",
    offline: "Offline — changes are kept and sent later",
    connecting: "Connecting…",
  },
  home: {
    yourGroups: "Your groups",
    none: "You are not in a group yet. Start one, or open an invite link from your coordinator.",
    start: "Start a group",
    groupName: "Group name",
    yourName: "Your name",
    limit: "How far a member may go below zero (hours)",
    startButton: "Start the group",
  },
  join: {
    damaged: "This invite link is damaged. Ask your coordinator for a new one.",
    already: "You are already in this group.",
    open: "Open it",
    title: "Join a timebank",
    intro: "Tell the group who you are. A coordinator will check and approve your request.",
    yourName: "Your name",
    ask: "Ask to join",
    failed: "Your request could not be sent: {{reason}}. Try again when you have a connection.",
    noConnection: "no connection to the relay",
    unknown: "unknown reason",
    pendingName: "A group you asked to join",
  },
} as const;

export type Messages = typeof en;
