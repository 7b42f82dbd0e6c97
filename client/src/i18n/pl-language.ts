// Polish strings of the language switch, the kinds of help (categories) and the units that many pages show, and the page's title.
export const plLanguage = {
  page: {
    title: "Tally — lokalny bank czasu",
  },
  language: {
    label: "Język",
  },
  categories: {
    gardening: "Ogrodnictwo",
    litterPicking: "Zbieranie śmieci",
    lifts: "Podwózki",
    shopping: "Zakupy",
    repairs: "Naprawy",
    cooking: "Gotowanie",
    itHelp: "Pomoc z komputerem",
    befriending: "Dotrzymywanie towarzystwa",
    other: "Inne",
  },
  units: {
    hours: "{{value}} godz.",
  },
};
