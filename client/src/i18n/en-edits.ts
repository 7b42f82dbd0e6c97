// English strings of the coordinators' report of edits to the shared documents.
export const enEdits = {
  edits: {
    title: "Changes to the shared records",
    intro:
      "Phones only ever add records. This lists anything else a member's phone did to the group's shared records: who, when and what. Every phone that holds a deleted or overwritten record puts it back. If someone keeps doing this, you can remove them under the members' tools.",
    show: "Show the report",
    asking: "Asking the relay…",
    none: "No one has changed the shared records in a way the app never does.",
    index: "the group's list of volumes",
    volume: "record volume {{n}}",
    deleted_one: "deleted {{count}} entry",
    deleted_other: "deleted {{count}} entries",
    overwrote_one: "overwrote {{count}} record with something else",
    overwrote_other: "overwrote {{count}} records with something else",
    reshaped_one: "replaced {{count}} of its maps",
    reshaped_other: "replaced {{count}} of its maps",
    flood: "sent {{mb}} MB within an hour",
    did: "{{what}} in {{place}}",
    tried: "tried to: {{what}} in {{place}} (the relay refused it)",
    failed: "The report could not be fetched: {{reason}}",
  },
};
