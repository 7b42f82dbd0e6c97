// Every string people read goes through i18next. English is the reference;
// every other language has the same keys (test/client/translations.test.ts). The
// page's lang and dir follow the language, so right-to-left languages lay out
// correctly (the CSS uses logical properties, never left/right).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { LANGUAGES, startingLanguage, type LanguageCode } from "./languages.ts";
import { storedLanguage } from "./stored-language.ts";
import "./bidi.css";

// Only English is in the first download; another language's strings are a
// chunk of their own, fetched when chosen (and precached for offline use).
const CATALOGUES: Record<Exclude<LanguageCode, "en">, () => Promise<object>> = {
  ur: async () => (await import("./ur.ts")).ur,
  pl: async () => (await import("./pl.ts")).pl,
};

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: "en",
  supportedLngs: LANGUAGES.map((language) => language.code),
  fallbackLng: "en",
  interpolation: {
    // React escapes HTML. This "escape" only isolates each value in a
    // right-to-left page (first-strong isolate), so a name in Latin letters
    // keeps its place in the sentence and "−0:30" does not become "0:30−".
    escapeValue: true,
    escape: (value: string) => (i18next.dir() === "rtl" ? `\u2068${value}\u2069` : value),
  },
  initAsync: false,
});

/** Loads a language's strings once, then switches to it. */
export async function switchLanguage(code: LanguageCode): Promise<void> {
  if (code !== "en" && !i18next.hasResourceBundle(code, "translation")) {
    i18next.addResourceBundle(code, "translation", await CATALOGUES[code]());
  }
  await i18next.changeLanguage(code);
}

/** The language this device starts in, loaded before the first render so nothing shows in English first. */
export const languageReady = switchLanguage(startingLanguage(storedLanguage(), navigator.languages ?? [navigator.language]));

function applyLanguage(): void {
  document.documentElement.lang = i18next.language;
  document.documentElement.dir = i18next.dir(i18next.language);
  document.title = i18next.t("page.title");
}
applyLanguage();
i18next.on("languageChanged", applyLanguage);

export { i18next };
