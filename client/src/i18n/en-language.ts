// English strings of the language switch and of units that every page shows.
export const enLanguage = {
  language: {
    label: "Language",
  },
  units: {
    hours: "{{value}} h",
  },
} as const;
