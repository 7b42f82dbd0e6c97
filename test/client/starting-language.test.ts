// Which language a device starts in: the choice kept on the device, else the
// browser's preferred languages in order, else English.
import { describe, expect, it } from "vitest";
import { startingLanguage } from "../../client/src/i18n/languages.ts";

describe("starting language", () => {
  it("keeps the person's own choice over the browser's", () => {
    expect(startingLanguage("ur", ["pl-PL", "en-GB"])).toBe("ur");
    expect(startingLanguage("pl", [])).toBe("pl");
  });

  it("follows the browser's first language that Tally has, by its primary tag", () => {
    expect(startingLanguage(null, ["ur-PK"])).toBe("ur");
    expect(startingLanguage(null, ["de-DE", "PL", "en"])).toBe("pl");
    expect(startingLanguage(null, ["en-GB", "ur"])).toBe("en");
  });

  it("ignores a stored value that is not a language of the switch, and falls back to English", () => {
    expect(startingLanguage("xx", ["pl"])).toBe("pl");
    expect(startingLanguage("", [])).toBe("en");
    expect(startingLanguage(null, ["de", "fr-FR"])).toBe("en");
  });
});
