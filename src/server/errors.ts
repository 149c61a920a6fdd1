/**
 * The HTTP edge of the error catalogue (src/errors/catalogue.ts): the status of each code, and how
 * an error renders in the client's language. Domain code throws `DomainError`s; route handlers may
 * throw `ApiError`s (the same error, with its status at hand); the error handler in app.ts renders
 * both. Messages never contain request data that could be a secret.
 */
import { DomainError, ERROR_MESSAGES, type ErrorCode, type RefusalKind } from '../errors/catalogue.js';

export { DomainError, type ErrorCode };

export interface ErrorDefinition {
  readonly status: number;
  readonly en: string;
  readonly fr: string;
}

/**
 * The status of each kind of refusal. A code's status follows from the kind its catalogue entry
 * gives (src/errors/catalogue/), so a new code needs no line here.
 */
export const KIND_STATUS = {
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  invalid: 422,
  'rate-limited': 429,
  unavailable: 503,
} as const satisfies Record<RefusalKind, number>;

/** Every code's status. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = Object.fromEntries(
  (Object.keys(ERROR_MESSAGES) as ErrorCode[]).map((code) => [code, KIND_STATUS[ERROR_MESSAGES[code].kind]]),
) as Record<ErrorCode, number>;

/** Status and messages of every code, as one table. */
export const ERRORS: Readonly<Record<ErrorCode, ErrorDefinition>> = Object.fromEntries(
  (Object.keys(ERROR_MESSAGES) as ErrorCode[]).map((code) => [
    code,
    { status: HTTP_STATUS[code], en: ERROR_MESSAGES[code].en, fr: ERROR_MESSAGES[code].fr },
  ]),
) as Record<ErrorCode, ErrorDefinition>;

export function httpStatus(error: DomainError): number {
  return HTTP_STATUS[error.code];
}

export class ApiError extends DomainError {
  readonly status: number;
  constructor(code: ErrorCode, detail?: unknown) {
    super(code, detail);
    this.status = HTTP_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, language: 'en' | 'fr', detail?: unknown) {
  const definition = ERROR_MESSAGES[code];
  return { error: { code, message: definition[language], ...(detail === undefined ? {} : { detail }) } };
}

/** French when the client prefers it, English otherwise. */
export function preferredLanguage(acceptLanguage: string | undefined): 'en' | 'fr' {
  return /^\s*fr\b/i.test(acceptLanguage ?? '') ? 'fr' : 'en';
}
