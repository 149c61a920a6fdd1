/** Consultations (congress): boxes, paper boxes, consolidated results. */
import type { ErrorMessages } from './entry.js';

export const congressErrors = {
  SCR_INVALID_CONSULTATION: {
    kind: 'invalid',
    en: 'The consultation is invalid.',
    fr: 'La consultation est invalide.',
  },
  SCR_INVALID_PAPER_BOX: {
    kind: 'invalid',
    en: 'The totals of the paper box are invalid; nothing was recorded.',
    fr: "Les totaux de l'urne papier sont invalides ; rien n'a été enregistré.",
  },
  SCR_CONSULTATION_NOT_PUBLISHED: {
    kind: 'conflict',
    en: 'The consolidated result is not published yet.',
    fr: "Le résultat consolidé n'est pas encore publié.",
  },
} as const satisfies Record<string, ErrorMessages>;
