// English words left on a screen that should be in another language. A word
// the language's own strings use too ("limit", "Tally", "CSV") is not counted,
// nor what people typed (names, descriptions), nor the languages' own names.
// For a language not written in Latin letters, any Latin word counts.
import { en } from "../../client/src/i18n/en.ts";
import type { Catalogue } from "../../client/src/i18n/catalogue.ts";
import { LANGUAGES } from "../../client/src/i18n/languages.ts";
import { flatten } from "./catalogue-check.ts";

function wordsOf(text: string): string[] {
  return (text.replace(/\{\{[^}]*\}\}/g, " ").toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length > 1);
}

const ENGLISH_WORDS = new Set([...flatten(en).values()].flatMap(wordsOf));

export function untranslatedWords(text: string, catalogue: Catalogue, latinScript: boolean, typed: readonly string[]): string[] {
  const own = new Set([...flatten(catalogue).values()].flatMap(wordsOf));
  for (const { name } of LANGUAGES) for (const word of wordsOf(name)) own.add(word);
  let shown = text.replace(/https?:\/\/\S+/g, " ");
  for (const words of typed) shown = shown.split(words).join(" ");
  const foreign = (word: string) => (latinScript ? ENGLISH_WORDS.has(word) : /^[a-z]+$/.test(word));
  return [...new Set(wordsOf(shown).filter((word) => foreign(word) && !own.has(word)))];
}
