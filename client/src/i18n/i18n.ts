// Every string people read goes through i18next. English is the reference;
// every other language has the same keys (i18n/translations.test.ts). The
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
  interpolation: { escapeValue: false }, // React escapes
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
