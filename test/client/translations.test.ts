// Every string of English exists in Urdu and Polish, with the same
// interpolation variables and every plural form each language needs
// (Intl.PluralRules: Urdu one/other, Polish one/few/many/other). A string
// added to English later without a translation fails here with its key.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../client/src/i18n/en.ts";
import { pl } from "../../client/src/i18n/pl.ts";
import { ur } from "../../client/src/i18n/ur.ts";
import { LANGUAGES } from "../../client/src/i18n/languages.ts";
import { englishProblems, flatten, translationProblems } from "../support/catalogue-check.ts";
import { CLIENT_SRC, clientLines } from "../support/client-sources.ts";

const I18N = resolve(CLIENT_SRC, "i18n");

describe("translations", () => {
  it("English says every count through plural forms", () => {
    expect(englishProblems(en)).toEqual([]);
  });

  it.each([
    ["ur", ur],
    ["pl", pl],
  ])("%s has every English key, its plural forms and the same {{variables}}", (language, translation) => {
    expect(translationProblems(en, translation, language)).toEqual([]);
  });

  it("the check names a missing key, a missing plural form, a changed variable and a left-over key", () => {
    const broken = structuredClone(pl);
    const app: Record<string, string> = broken.app;
    delete app.waiting_few;
    app.failed = "Nie udało się: {{powod}}";
    app.stale = "stary";
    delete (broken.coordinate.join as Record<string, string>).approve;
    const problems = translationProblems(en, broken, "pl");
    expect(problems.map((problem) => problem.split(":")[0]).sort()).toEqual(["app.failed", "app.stale", "app.waiting_few", "coordinate.join.approve"]);
    expect(problems).toContain('coordinate.join.approve: not translated into pl (English: "Approve")');
  });

  it("every language of the switch has its strings, and every en-<part>.ts has a ur-<part>.ts and a pl-<part>.ts", () => {
    expect(LANGUAGES.map((language) => language.code)).toEqual(["en", "ur", "pl"]);
    const files = readdirSync(I18N);
    const parts = files.filter((file) => /^en-.+\.ts$/.test(file)).map((file) => file.slice(3));
    const missing = parts.flatMap((part) => ["ur", "pl"].map((code) => `${code}-${part}`)).filter((file) => !files.includes(file));
    expect(missing).toEqual([]);
    expect(flatten(ur).size).toBeGreaterThan(300);
  });

  it("dates and numbers in the client are written in the page's language, never the browser's default", () => {
    const unlocalised = /\.toLocale(?:Date|Time)?String\(\s*(?:\)|undefined)|new Intl\.\w+\(\s*(?:\)|undefined)/;
    for (const code of ["new Date(t).toLocaleDateString()", "n.toLocaleString(undefined, {})", "new Intl.NumberFormat()"]) expect(unlocalised.test(code), code).toBe(true);
    expect(unlocalised.test("new Date(t).toLocaleDateString(locale(), { dateStyle: \"medium\" })")).toBe(false);
    expect(clientLines(/\.tsx?$/, unlocalised)).toEqual([]);
  });
});
