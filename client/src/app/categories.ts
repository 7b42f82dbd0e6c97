// The kinds of help a listing or an exchange may name. A record keeps the
// English name (it is data, the same on every device); people read it in
// their own language. A category written elsewhere shows as it was written.
const KEYS: Readonly<Record<string, string>> = {
  Gardening: "gardening",
  "Litter picking": "litterPicking",
  Lifts: "lifts",
  Shopping: "shopping",
  Repairs: "repairs",
  Cooking: "cooking",
  "IT help": "itHelp",
  Befriending: "befriending",
  Other: "other",
};

export const CATEGORIES = Object.keys(KEYS);

type Translate = (key: string) => string;

export function categoryName(t: Translate, category: string): string {
  const key = KEYS[category];
  return key ? t(`categories.${key}`) : category;
}

/** [value kept in the record, what people read] for a Choice. */
export function categoryChoices(t: Translate): [string, string][] {
  return CATEGORIES.map((category) => [category, categoryName(t, category)]);
}
