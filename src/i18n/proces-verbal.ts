/**
 * The procès-verbal's catalogue, apart from `Messages` because only the server renders the report:
 * the pages import `index.ts`, which does not reach these modules, so their bundles stay without
 * them. Typed like the rest: the French texts by the English ones.
 */
import { procesVerbal as en, type ProcesVerbalMessages } from './en/proces-verbal.js';
import { procesVerbal as fr } from './fr/proces-verbal.js';
import type { Language } from './index.js';

export type { ProcesVerbalMessages } from './en/proces-verbal.js';

export const PROCES_VERBAL_CATALOGUES: Record<Language, ProcesVerbalMessages> = { en, fr };

export function procesVerbalMessages(language: Language): ProcesVerbalMessages {
  return PROCES_VERBAL_CATALOGUES[language];
}
