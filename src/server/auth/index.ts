/**
 * What the rest of the server uses from auth: the plugin to register, the guards route handlers call,
 * the casting route's rate limit, password hashing (accounts and voters are created elsewhere) and
 * the principal types. Everything else in this folder is internal.
 */

export {
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Password,
  PasswordPolicyError,
  type PasswordPolicyOutcome,
  verifyPassword,
} from '../../accounts/password.js';
export {
  electionRolesOf,
  requireAccount,
  requireElectionRole,
  requireKeyHolder,
  requireOperator,
  requireOrganisationAdmin,
  requirePublicElection,
  requireVoter,
} from './guards.js';
export { authPlugin } from './plugin.js';
export type {
  AccountPrincipal,
  AnonymousPrincipal,
  Principal,
  SignedInAccount,
  SignedInVoter,
  VoterPrincipal,
} from './principal.js';
export { CASTS_PER_MINUTE, castRateLimit } from './rate-limits.js';
export { CSRF_HEADER, SESSION_COOKIE } from './sessions.js';
