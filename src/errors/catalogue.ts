/**
 * The catalogue of errors a user can cause, each with a stable code and a message in French and
 * English. The domain (election, delivery, recovery, congress) throws `DomainError`s (or returns
 * them from Result values); the HTTP edge (src/server/errors.ts) gives each code its status and
 * renders it in the client's language. Messages never contain request data that could be a secret.
 */

import { accountsErrors } from './catalogue/accounts.js';
import { congressErrors } from './catalogue/congress.js';
import { deliveryErrors } from './catalogue/delivery.js';
import { electionErrors } from './catalogue/election.js';
import { electionRulesErrors } from './catalogue/election-rules.js';
import type { ErrorMessages } from './catalogue/entry.js';
import { identityErrors } from './catalogue/identity.js';
import { lifecycleErrors } from './catalogue/lifecycle.js';
import { opsErrors } from './catalogue/ops.js';
import { proxyErrors } from './catalogue/proxies.js';
import { recoveryErrors } from './catalogue/recovery.js';
import { requestErrors } from './catalogue/request.js';
import { rollErrors } from './catalogue/roll.js';

export type { ErrorMessages, RefusalKind } from './catalogue/entry.js';

/**
 * Every code, area by area (one file per area in catalogue/; a new area is one line here). Codes
 * are unique across areas: the test of src/server/errors.test.ts counts them.
 */
export const ERROR_MESSAGES = {
  ...requestErrors,
  ...electionErrors,
  ...deliveryErrors,
  ...recoveryErrors,
  ...congressErrors,
  ...opsErrors,
  ...lifecycleErrors,
  ...rollErrors,
  ...accountsErrors,
  ...identityErrors,
  ...electionRulesErrors,
  ...proxyErrors,
} as const satisfies Record<string, ErrorMessages>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An expected failure a user caused: nothing was changed, and the code tells them why. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Extra, non-secret detail (e.g. per-line CSV errors), shown to the user as is. */
    readonly detail?: unknown,
  ) {
    super(ERROR_MESSAGES[code].en);
  }
}
