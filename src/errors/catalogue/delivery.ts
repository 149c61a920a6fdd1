/** Delivery of credentials and codes to voters. */
import type { ErrorMessages } from './entry.js';

export const deliveryErrors = {
  SCR_DELIVERY_MODE: {
    kind: 'conflict',
    en: 'This does not apply to how voters of this election sign in (password or one-time code).',
    fr: "Cela ne s'applique pas au mode d'identification des votants de cette élection (mot de passe ou code à usage unique).",
  },
  SCR_BAD_CODE: {
    kind: 'unauthenticated',
    en: 'Wrong, expired or used-up code; ask for a new one.',
    fr: 'Code erroné, expiré ou épuisé ; demandez-en un nouveau.',
  },
  SCR_ACCESS_CHECK_FAILED: {
    kind: 'invalid',
    en: 'This is not the voting credential registered for you: check it character by character, or contact the help desk.',
    fr: "Ce n'est pas le code de vote enregistré pour vous : vérifiez-le caractère par caractère, ou contactez l'assistance.",
  },
  SCR_NO_CREDENTIAL_YET: {
    kind: 'conflict',
    en: 'No voting credential is registered for you yet.',
    fr: "Aucun code de vote n'est encore enregistré pour vous.",
  },
  SCR_RESEND_CHANGED: {
    kind: 'conflict',
    en: 'The number of voters concerned changed since the preview; preview again.',
    fr: "Le nombre de votants concernés a changé depuis l'aperçu ; refaites l'aperçu.",
  },
} as const satisfies Record<string, ErrorMessages>;
