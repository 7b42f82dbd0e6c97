// Polish strings of the language switch and of units that every page shows.
export const plLanguage = {
  language: {
    label: "Język",
  },
  units: {
    hours: "{{value}} godz.",
  },
};
