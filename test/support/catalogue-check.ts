// What is wrong with one language's strings, compared with English: keys
// missing or left over, plural forms the language needs, and interpolation
// variables ({{name}}) that differ. Each problem names its key, so a string
// added to English without a translation fails with the key in the message.
import type { Catalogue } from "../../client/src/i18n/catalogue.ts";

const PLURAL_FORM = /^(.*)_(zero|one|two|few|many|other)$/;
const VARIABLE = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;

export function flatten(tree: Catalogue, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

export function variables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1] ?? ""))].sort();
}

/** Plural keys (`waiting_one`, `waiting_other`) by their base (`waiting`). */
function pluralBases(flat: Map<string, string>): Set<string> {
  const bases = new Set<string>();
  for (const key of flat.keys()) {
    const base = PLURAL_FORM.exec(key)?.[1];
    if (base !== undefined) bases.add(base);
  }
  return bases;
}

/** English's own rules: a count is always said through plural forms, each with "one" and "other". */
export function englishProblems(en: Catalogue): string[] {
  const flat = flatten(en);
  const problems: string[] = [];
  for (const [key, text] of flat) {
    if (variables(text).includes("count") && !PLURAL_FORM.test(key)) problems.push(`${key}: says {{count}} without plural forms (${key}_one, ${key}_other)`);
  }
  for (const base of pluralBases(flat)) {
    for (const form of ["one", "other"]) if (!flat.has(`${base}_${form}`)) problems.push(`${base}_${form}: missing plural form`);
  }
  return problems;
}

export function translationProblems(en: Catalogue, translation: Catalogue, language: string): string[] {
  const reference = flatten(en);
  const translated = flatten(translation);
  const bases = pluralBases(reference);
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Map<string, string>(); // key → the English text it translates
  for (const [key, text] of reference) {
    const base = PLURAL_FORM.exec(key)?.[1];
    if (base === undefined || !bases.has(base)) expected.set(key, text);
  }
  for (const base of bases) {
    const other = reference.get(`${base}_other`) ?? "";
    for (const form of forms) expected.set(`${base}_${form}`, other);
  }
  const problems: string[] = [];
  for (const [key, english] of expected) {
    const text = translated.get(key);
    if (text === undefined) problems.push(`${key}: not translated into ${language} (English: "${english}")`);
    else if (text.trim() === "") problems.push(`${key}: empty in ${language}`);
    else if (variables(text).join() !== variables(english).join()) {
      problems.push(`${key}: ${language} has {{${variables(text).join("}}, {{")}}} where English has {{${variables(english).join("}}, {{")}}}`);
    }
  }
  for (const key of translated.keys()) if (!expected.has(key)) problems.push(`${key}: in ${language} but not in English (left over, or a plural form ${language} does not use)`);
  return problems;
}
