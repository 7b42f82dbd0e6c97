// English strings of the language switch, the kinds of help (categories) and the units that many pages show, and the page's title.
export const enLanguage = {
  page: {
    title: "Tally — community timebank",
  },
  language: {
    label: "Language",
  },
  categories: {
    gardening: "Gardening",
    litterPicking: "Litter picking",
    lifts: "Lifts",
    shopping: "Shopping",
    repairs: "Repairs",
    cooking: "Cooking",
    itHelp: "IT help",
    befriending: "Befriending",
    other: "Other",
  },
  units: {
    hours: "{{value}} h",
  },
} as const;
