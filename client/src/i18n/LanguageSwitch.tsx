// The language switch in the header of every page. Each language is listed by
// its own name, so someone who cannot read the current one still finds theirs.
import { useTranslation } from "react-i18next";
import { LANGUAGES, isLanguage } from "./languages.ts";
import { storeLanguage } from "./stored-language.ts";
import { switchLanguage } from "./i18n.ts";
import "./language-switch.css";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t("language.label")}</span>
      <select
        value={i18n.resolvedLanguage}
        onChange={(event) => {
          const code = event.target.value;
          if (!isLanguage(code)) return;
          storeLanguage(code);
          void switchLanguage(code);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
