/**
 * The catalogue of errors a user can cause, each with a stable code, an HTTP status and a message in
 * French and English. Handlers throw `ApiError`s (or return them from Result values); the error
 * handler in app.ts renders them. Messages never contain request data that could be a secret.
 */

export interface ErrorDefinition {
  readonly status: number;
  readonly en: string;
  readonly fr: string;
}

export const ERRORS = {
  SCR_BAD_REQUEST: { status: 400, en: 'The request is malformed.', fr: 'La requête est mal formée.' },
  SCR_UNAUTHENTICATED: { status: 401, en: 'Please sign in.', fr: 'Veuillez vous identifier.' },
  SCR_BAD_CREDENTIALS: { status: 401, en: 'Wrong login or password.', fr: 'Identifiant ou mot de passe incorrect.' },
  SCR_CSRF: { status: 403, en: 'The form has expired; reload the page.', fr: 'Le formulaire a expiré ; rechargez la page.' },
  SCR_FORBIDDEN: { status: 403, en: 'You are not allowed to do this.', fr: "Vous n'êtes pas autorisé à faire cela." },
  SCR_NOT_FOUND: { status: 404, en: 'Not found.', fr: 'Introuvable.' },
  SCR_WEAK_PASSWORD: { status: 422, en: 'The password must have between 10 and 1024 characters.', fr: 'Le mot de passe doit compter entre 10 et 1024 caractères.' },
  SCR_RATE_LIMITED: { status: 429, en: 'Too many attempts; try again later.', fr: 'Trop de tentatives ; réessayez plus tard.' },
  SCR_PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', fr: 'La requête est trop volumineuse.' },
  SCR_WRONG_STATE: { status: 409, en: 'The election is not in a state that allows this.', fr: "L'élection n'est pas dans un état qui permet cela." },
  SCR_CONFLICT: { status: 409, en: 'Someone else changed this at the same time; try again.', fr: "Quelqu'un d'autre a modifié cela en même temps ; réessayez." },
  SCR_INVALID_VOTERS: { status: 422, en: 'The voter list has errors; nothing was imported.', fr: "La liste des votants contient des erreurs ; rien n'a été importé." },
  SCR_INVALID_QUESTIONS: { status: 422, en: 'The questions are invalid.', fr: 'Les questions sont invalides.' },
  SCR_INVALID_SETUP: { status: 422, en: 'The election is not ready to open.', fr: "L'élection n'est pas prête à être ouverte." },
  SCR_INVALID_TRUSTEE_DATA: { status: 422, en: 'The trustee data is invalid.', fr: "Les données de l'assesseur sont invalides." },
  SCR_BALLOT_MALFORMED: { status: 400, en: 'The ballot is malformed.', fr: 'Le bulletin est mal formé.' },
  SCR_BALLOT_INVALID: { status: 422, en: 'The ballot is invalid (its proofs do not verify).', fr: 'Le bulletin est invalide (ses preuves ne sont pas vérifiées).' },
  SCR_BALLOT_WRONG_CREDENTIAL: { status: 403, en: 'This ballot is not signed with your voting credential.', fr: "Ce bulletin n'est pas signé avec votre code de vote." },
  SCR_BALLOT_DUPLICATE: { status: 409, en: 'This exact ballot was already cast.', fr: 'Ce bulletin a déjà été déposé.' },
  SCR_VOTING_CLOSED: { status: 409, en: 'Voting is not open.', fr: "Le vote n'est pas ouvert." },
  SCR_INVALID_PARTIAL_DECRYPTION: { status: 422, en: 'The partial decryption is invalid.', fr: 'Le déchiffrement partiel est invalide.' },
  // errors: delivery (keep this marker line)
  // errors: recovery (keep this marker line)
  // errors: congress (keep this marker line)
  // errors: web (keep this marker line)
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Extra, non-secret detail (e.g. per-line CSV errors), shown to the user as is. */
    readonly detail?: unknown,
  ) {
    super(ERRORS[code].en);
    this.status = ERRORS[code].status;
  }
}

export function errorBody(code: ErrorCode, language: 'en' | 'fr', detail?: unknown) {
  const definition = ERRORS[code];
  return { error: { code, message: definition[language], ...(detail === undefined ? {} : { detail }) } };
}

/** French when the client prefers it, English otherwise. */
export function preferredLanguage(acceptLanguage: string | undefined): 'en' | 'fr' {
  return /^\s*fr\b/i.test(acceptLanguage ?? '') ? 'fr' : 'en';
}
