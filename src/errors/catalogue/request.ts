/** Requests and sign-in: malformed or too large, not signed in, not allowed, too many attempts. */
import type { ErrorMessages } from './entry.js';

export const requestErrors = {
  SCR_BAD_REQUEST: { kind: 'malformed', en: 'The request is malformed.', fr: 'La requête est mal formée.' },
  SCR_UNAUTHENTICATED: { kind: 'unauthenticated', en: 'Please sign in.', fr: 'Veuillez vous identifier.' },
  SCR_BAD_CREDENTIALS: {
    kind: 'unauthenticated',
    en: 'Wrong login or password.',
    fr: 'Identifiant ou mot de passe incorrect.',
  },
  SCR_CSRF: {
    kind: 'forbidden',
    en: 'The form has expired; reload the page.',
    fr: 'Le formulaire a expiré ; rechargez la page.',
  },
  SCR_FORBIDDEN: {
    kind: 'forbidden',
    en: 'You are not allowed to do this.',
    fr: "Vous n'êtes pas autorisé à faire cela.",
  },
  SCR_NOT_FOUND: { kind: 'not-found', en: 'Not found.', fr: 'Introuvable.' },
  SCR_WEAK_PASSWORD: {
    kind: 'invalid',
    en: 'The password must have between 10 and 1024 characters.',
    fr: 'Le mot de passe doit compter entre 10 et 1024 caractères.',
  },
  SCR_RATE_LIMITED: {
    kind: 'rate-limited',
    en: 'Too many attempts; try again later.',
    fr: 'Trop de tentatives ; réessayez plus tard.',
  },
  SCR_PAYLOAD_TOO_LARGE: {
    kind: 'too-large',
    en: 'The request is too large.',
    fr: 'La requête est trop volumineuse.',
  },
} as const satisfies Record<string, ErrorMessages>;
