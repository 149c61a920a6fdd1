/**
 * The HTTP edge of the error catalogue (src/errors/catalogue.ts): the status of each code, and how
 * an error renders in the client's language. Domain code throws `DomainError`s; route handlers may
 * throw `ApiError`s (the same error, with its status at hand); the error handler in app.ts renders
 * both. Messages never contain request data that could be a secret.
 */
import { DomainError, ERROR_MESSAGES, type ErrorCode } from '../errors/catalogue.js';

export { DomainError, type ErrorCode };

export interface ErrorDefinition {
  readonly status: number;
  readonly en: string;
  readonly fr: string;
}

/** Every code has a status (a missing one is a compile error). */
export const HTTP_STATUS = {
  SCR_BAD_REQUEST: 400,
  SCR_UNAUTHENTICATED: 401,
  SCR_BAD_CREDENTIALS: 401,
  SCR_CSRF: 403,
  SCR_FORBIDDEN: 403,
  SCR_NOT_FOUND: 404,
  SCR_WEAK_PASSWORD: 422,
  SCR_RATE_LIMITED: 429,
  SCR_PAYLOAD_TOO_LARGE: 413,
  SCR_WRONG_STATE: 409,
  SCR_CONFLICT: 409,
  SCR_INVALID_VOTERS: 422,
  SCR_INVALID_QUESTIONS: 422,
  SCR_NON_HOMOMORPHIC_UNAVAILABLE: 422,
  SCR_INVALID_SETUP: 422,
  SCR_INVALID_TRUSTEE_DATA: 422,
  SCR_BALLOT_MALFORMED: 400,
  SCR_BALLOT_INVALID: 422,
  SCR_BALLOT_WRONG_CREDENTIAL: 403,
  SCR_BALLOT_DUPLICATE: 409,
  SCR_VOTING_CLOSED: 409,
  SCR_INVALID_PARTIAL_DECRYPTION: 422,
  SCR_DELIVERY_MODE: 409,
  SCR_BAD_CODE: 401,
  SCR_ACCESS_CHECK_FAILED: 422,
  SCR_NO_CREDENTIAL_YET: 409,
  SCR_RESEND_CHANGED: 409,
  // errors: delivery (keep this marker line)
  SCR_RECOVERY_NOT_AVAILABLE: 409,
  SCR_RECOVERY_CHOICE_NEEDED: 422,
  SCR_RECOVERY_TOO_LATE: 409,
  SCR_RECOVERY_INVALID_KEY: 422,
  SCR_RECOVERY_SEPARATION: 409,
  SCR_RECOVERY_ALREADY_DECIDED: 409,
  SCR_RECOVERY_INVALID_FILE: 422,
  SCR_RECOVERY_MISMATCH: 422,
  // errors: recovery (keep this marker line)
  SCR_INVALID_CONSULTATION: 422,
  SCR_INVALID_PAPER_BOX: 422,
  SCR_CONSULTATION_NOT_PUBLISHED: 409,
  // errors: congress (keep this marker line)
  // errors: web (keep this marker line)
  SCR_MAIL_NOT_CONFIGURED: 503,
  // errors: ops (keep this marker line)
  SCR_NOT_DECRYPTED: 422,
  SCR_NO_VOTERS: 422,
  SCR_INVALID_CREDENTIALS: 422,
  // errors: roll (issue 15)
  SCR_ROLL_LOCKED: 409,
  SCR_ROLL_SEALED: 409,
  SCR_ROLL_NO_RECOVERY: 409,
  SCR_ROLL_INVALID_VOTER: 422,
  SCR_MASS_PASSWORDS_REFUSED: 409,
  // errors: congress-defects (keep this marker line)
  // errors: accounts (keep this marker line)
  SCR_COMMON_PASSWORD: 422,
  SCR_BAD_CURRENT_PASSWORD: 403,
  SCR_LINK_INVALID: 410,
  SCR_INVITATION_NEEDS_MAIL: 503,
  SCR_PERSON_EXISTS: 409,
  SCR_NOT_INVITED: 409,
  SCR_PERSON_SELF: 409,
  SCR_ACCOUNT_SUSPENDED: 403,
  SCR_PERSON_SHARED: 409,
  SCR_CSV_UTF16: 422,
  SCR_CSV_LATIN1: 422,
  SCR_CONTROL_CHARACTER: 422,
  SCR_CREDENTIAL_AUTHORITY_SEPARATION: 409,
  // errors: identity (keep this marker line)
  SCR_INVALID_RULES: 422,
  SCR_LIST_PARITY: 422,
  SCR_RULES_SEALED: 409,
  SCR_NO_UNDECIDED_SEAT: 409,
  SCR_INVALID_SETTLEMENT: 422,
  // errors: election-rules (keep this marker line)
} as const satisfies Record<ErrorCode, number>;

/** Status and messages of every code, as one table. */
export const ERRORS: Readonly<Record<ErrorCode, ErrorDefinition>> = Object.fromEntries(
  (Object.keys(ERROR_MESSAGES) as ErrorCode[]).map((code) => [
    code,
    { status: HTTP_STATUS[code], ...ERROR_MESSAGES[code] },
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
