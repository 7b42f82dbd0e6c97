// Every string people read goes through i18next. English is complete; a new
// language is a copy of en.ts. The page's lang and dir follow the language,
// so right-to-left languages lay out correctly (the CSS uses no left/right).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: navigator.language?.split("-")[0] ?? "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React escapes
});

function applyDirection(): void {
  document.documentElement.lang = i18next.language;
  document.documentElement.dir = i18next.dir(i18next.language);
}
applyDirection();
i18next.on("languageChanged", applyDirection);

export { i18next };
