/**
 * The procès-verbal's section on seats (issue 17), apart from `Messages` as the procès-verbal's
 * catalogue is (proces-verbal.ts): only the server renders it. French typed by English.
 */
import { seatsProcesVerbal as en, type SeatsProcesVerbalMessages } from './en/seats-proces-verbal.js';
import { seatsProcesVerbal as fr } from './fr/seats-proces-verbal.js';
import type { Language } from './index.js';

export type { SeatsProcesVerbalMessages } from './en/seats-proces-verbal.js';

export const SEATS_PROCES_VERBAL_CATALOGUES: Record<Language, SeatsProcesVerbalMessages> = { en, fr };

export function seatsProcesVerbalMessages(language: Language): SeatsProcesVerbalMessages {
  return SEATS_PROCES_VERBAL_CATALOGUES[language];
}
