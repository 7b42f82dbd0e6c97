// Every string people read goes through i18next. English is the reference;
// every other language has the same keys (test/client/translations.test.ts). The
// page's lang and dir follow the language, so right-to-left languages lay out
// correctly (the CSS uses logical properties, never left/right).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { pl } from "./pl.ts";
import { ur } from "./ur.ts";
import { LANGUAGES, startingLanguage } from "./languages.ts";
import { storedLanguage } from "./stored-language.ts";
import "./bidi.css";

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ur: { translation: ur }, pl: { translation: pl } },
  lng: startingLanguage(storedLanguage(), navigator.languages ?? [navigator.language]),
  supportedLngs: LANGUAGES.map((language) => language.code),
  fallbackLng: "en",
  interpolation: {
    // React escapes HTML. This "escape" only isolates each value in a
    // right-to-left page (first-strong isolate), so a name in Latin letters
    // keeps its place in the sentence and "−0:30" does not become "0:30−".
    escapeValue: true,
    escape: (value: string) => (i18next.dir() === "rtl" ? `\u2068${value}\u2069` : value),
  },
  initAsync: false, // every language is bundled: the first render is already in the right one
});

function applyLanguage(): void {
  document.documentElement.lang = i18next.language;
  document.documentElement.dir = i18next.dir(i18next.language);
  document.title = i18next.t("page.title");
}
applyLanguage();
i18next.on("languageChanged", applyLanguage);

export { i18next };
