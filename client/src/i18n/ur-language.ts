// Urdu strings of the language switch and of units that every page shows.
export const urLanguage = {
  language: {
    label: "زبان",
  },
  units: {
    hours: "{{value}} گھنٹے",
  },
};
