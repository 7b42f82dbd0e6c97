// Urdu strings of the language switch, the kinds of help (categories) and the units that many pages show, and the page's title.
export const urLanguage = {
  page: {
    title: "Tally — کمیونٹی ٹائم بینک",
  },
  language: {
    label: "زبان",
  },
  categories: {
    gardening: "باغبانی",
    litterPicking: "کوڑا چننا",
    lifts: "سواری دینا",
    shopping: "خریداری",
    repairs: "مرمت",
    cooking: "کھانا پکانا",
    itHelp: "کمپیوٹر میں مدد",
    befriending: "تنہا افراد سے میل جول",
    other: "دیگر",
  },
  units: {
    hours: "{{value}} گھنٹے",
  },
};
