/**
 * The message catalogues and language negotiation. Each language is a folder (src/i18n/en/,
 * src/i18n/fr/) with one module per area (booth, trustee, admin, mail…) composed by its index.ts.
 * Adding a language is one new folder typed by `Messages` plus its line in `CATALOGUES`; the type
 * checker lists every missing message. Pure and isomorphic: the booth, the server and the CLI can all
 * use it.
 */
import { en, type Messages } from './en/index.js';
import { fr } from './fr/index.js';

export type { Messages } from './en/index.js';

export const CATALOGUES = { en, fr } as const satisfies Record<string, Messages>;

export type Language = keyof typeof CATALOGUES;

export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: string): value is Language {
  return Object.hasOwn(CATALOGUES, value);
}

export function messagesFor(language: Language): Messages {
  return CATALOGUES[language];
}

/**
 * The first supported language among the user's preferences, in order (BCP 47 tags such as
 * `navigator.languages` gives, e.g. "fr-CA"); only the primary subtag is compared.
 */
export function negotiateLanguage(
  preferences: readonly string[],
  fallback: Language = DEFAULT_LANGUAGE,
): Language {
  for (const tag of preferences) {
    const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
    if (isLanguage(primary)) return primary;
  }
  return fallback;
}
