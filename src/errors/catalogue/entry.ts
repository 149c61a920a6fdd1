/**
 * What one catalogue entry says: the kind of refusal (the HTTP edge turns each kind into its status,
 * src/server/errors.ts) and the message in each language.
 */

/** Why a request is refused, as the user would put it; one HTTP status per kind at the edge. */
export type RefusalKind =
  /** The request itself is malformed (400). */
  | 'malformed'
  /** Nobody is signed in, or the sign-in or code is wrong (401). */
  | 'unauthenticated'
  /** Signed in, but not allowed to do this (403). */
  | 'forbidden'
  /** Nothing here (404). */
  | 'not-found'
  /** Not now: the state of the election, box or account does not allow it (409). */
  | 'conflict'
  /** It existed once and is gone for good (410). */
  | 'gone'
  /** The request is larger than the server accepts (413). */
  | 'too-large'
  /** Well formed, but its content is refused (422). */
  | 'invalid'
  /** Too many attempts (429). */
  | 'rate-limited'
  /** The server is not configured or able to do this now (503). */
  | 'unavailable';

export interface ErrorMessages {
  readonly kind: RefusalKind;
  readonly en: string;
  readonly fr: string;
}
