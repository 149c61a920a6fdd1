/** An election's lifecycle: what must come before a step (voters, credentials, decryptions). */
import type { ErrorMessages } from './entry.js';

export const lifecycleErrors = {
  SCR_NOT_DECRYPTED: {
    kind: 'invalid',
    en: 'The result cannot be published yet: not every trustee needed has decrypted the tally.',
    fr: "Le résultat ne peut pas encore être publié : tous les garants nécessaires n'ont pas encore déchiffré le dépouillement.",
  },
  SCR_NO_VOTERS: {
    kind: 'invalid',
    en: 'Import the voter list first.',
    fr: "Importez d'abord la liste des votants.",
  },
  SCR_INVALID_CREDENTIALS: {
    kind: 'invalid',
    en: 'The public credentials have errors; nothing was recorded.',
    fr: "Les codes de vote publics contiennent des erreurs ; rien n'a été enregistré.",
  },
} as const satisfies Record<string, ErrorMessages>;
