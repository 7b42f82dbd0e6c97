// The browser test's finder of English left on a translated screen
// (test/support/untranslated.ts) finds it, and only it.
import { describe, expect, it } from "vitest";
import { pl } from "../../client/src/i18n/pl.ts";
import { ur } from "../../client/src/i18n/ur.ts";
import { untranslatedWords } from "../support/untranslated.ts";

describe("untranslated words", () => {
  it("finds English in Polish text, but not Polish, names typed, links or words both languages use", () => {
    expect(untranslatedWords("Twoje grupy\nYour groups", pl, true, [])).toEqual(["your", "groups"]);
    expect(untranslatedWords("Saldo: 1:30 godz. · limit · Tally · Polski · English", pl, true, [])).toEqual([]);
    expect(untranslatedWords("Zapisz: Weeding the garden (Ann) https://example.org/join/abc", pl, true, ["Weeding the garden", "Ann"])).toEqual([]);
  });

  it("finds any Latin word in Urdu text that Urdu's own strings do not use", () => {
    expect(untranslatedWords("آپ کے گروپ Settings", ur, false, [])).toEqual(["settings"]);
    expect(untranslatedWords("Tally · CSV · QR · tally verify · آپ کا بیلنس: 1:30 گھنٹے · Sam", ur, false, ["Sam"])).toEqual([]);
  });
});
