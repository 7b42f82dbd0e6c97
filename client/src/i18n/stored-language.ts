// The language chosen on this device, kept in localStorage. Storage may be
// refused (a private window, a full disk): the app then still works in the
// browser's language, so a failure here is not an error to show.
import { LANGUAGE_STORAGE_KEY, type LanguageCode } from "./languages.ts";

export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(code: LanguageCode): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Not kept: the choice lasts until the page is closed.
  }
}
