/**
 * The page's language: one choice per browser, remembered under one key by every page (a voter who
 * chose French in the booth gets French on the election page and the admin pages too), else
 * negotiated from the browser's languages.
 */
import { isLanguage, type Language, negotiateLanguage } from '../../i18n/index.js';

const LANGUAGE_KEY = 'scrutin.language';

/** The remembered choice, if any (none when storage is disabled). */
export function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return value !== null && isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: fall back to the browser's languages
  }
}

export function initialLanguage(): Language {
  return (
    storedLanguage() ??
    negotiateLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language])
  );
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered across visits; nothing else depends on it
  }
}
