/**
 * Authorisation checks for route handlers: each returns the principal allowed to proceed or throws
 * the ApiError to answer. Least privilege per role: the operator runs the platform and sees
 * organisations but no election content; an organisation admin acts as election admin of the
 * organisation's elections but is never trustee, credential authority or scrutineer by position
 * (those separations are what make the election verifiable); election roles are granted per election;
 * a voter session acts on its one election.
 *
 * Order of answers: 401 when nobody (or the wrong kind of session) is signed in, before anything is
 * looked up; then 404 for a resource that does not exist *or belongs to a tenant the account has
 * nothing to do with*, so ids of other organisations cannot be probed; 403 only inside one's own
 * tenant (an organisation one is a member of, or holds a role in one of its elections).
 */
import type { FastifyRequest } from 'fastify';
import { rolesOnElection } from '../../election/role-separation.js';
import { accountOfOwner } from '../../election/threshold.js';
import type { ElectionRow, Role, Store } from '../../store/store.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { AccountPrincipal, VoterPrincipal } from './principal.js';

/** A signed-in account (a voter session is not one: the answer asks to sign in). */
export function requireAccount(request: FastifyRequest): AccountPrincipal {
  const { principal } = request;
  if (principal.kind !== 'account') throw new ApiError('SCR_UNAUTHENTICATED');
  return principal;
}

/** The platform operator. Operators know every organisation exists, so others get 403, not 404. */
export function requireOperator(request: FastifyRequest): AccountPrincipal {
  const principal = requireAccount(request);
  if (!principal.account.isOperator) throw new ApiError('SCR_FORBIDDEN');
  return principal;
}

/** An admin of `organisationId`. */
export async function requireOrganisationAdmin(
  ctx: ServerContext,
  request: FastifyRequest,
  organisationId: string,
): Promise<AccountPrincipal> {
  const principal = requireAccount(request);
  const accountId = principal.account.id;
  const memberships = await ctx.store.accounts.listMemberships(accountId);
  if (memberships.some((m) => m.organisationId === organisationId && m.role === 'org-admin'))
    return principal;
  const organisation = await ctx.store.accounts.getOrganisation(organisationId);
  if (organisation === undefined) throw new ApiError('SCR_NOT_FOUND');
  const visible =
    principal.account.isOperator || (await isInOrganisation(ctx.store, accountId, organisationId));
  throw new ApiError(visible ? 'SCR_FORBIDDEN' : 'SCR_NOT_FOUND');
}

/**
 * An account holding one of `roles` on `electionId` (organisation admins count as 'election-admin').
 * The operator flag grants nothing here and does not make the election visible: an operator who is
 * not also a member gets 404, as for any other tenant.
 */
export async function requireElectionRole(
  ctx: ServerContext,
  request: FastifyRequest,
  electionId: string,
  roles: readonly Role[],
): Promise<AccountPrincipal> {
  const principal = requireAccount(request);
  const election = await ctx.store.elections.get(electionId);
  if (election === undefined) throw new ApiError('SCR_NOT_FOUND');
  const held = await electionRolesOf(ctx.store, principal.account.id, election);
  if (roles.some((role) => held.has(role))) return principal;
  const visible =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; a role on this election or an org-admin membership of its organisation is what isInOrganisation finds
    held.size > 0 || (await isInOrganisation(ctx.store, principal.account.id, election.organisationId));
  throw new ApiError(visible ? 'SCR_FORBIDDEN' : 'SCR_NOT_FOUND');
}

/**
 * Who may send a trustee's file for the key of owner `owner` (a partial decryption, a shuffle): an
 * election admin, for any trustee (the checks of the file decide); a trustee, for a key bound to
 * their own account and never one bound to another. A key bound to no account (an external
 * trustee whose files the admin relays) is open to the election's trustees when `unbound` is
 * 'any-trustee' — a partial decryption is checked against that key — and to the admin only when
 * 'admin-only': a shuffle needs no key, so another trustee's would take that trustee's turn.
 */
export async function requireKeyHolder(
  ctx: ServerContext,
  request: FastifyRequest,
  electionId: string,
  owner: number,
  unbound: 'any-trustee' | 'admin-only',
): Promise<AccountPrincipal> {
  const principal = await requireElectionRole(ctx, request, electionId, ['trustee', 'election-admin']);
  const election = await ctx.store.elections.get(electionId);
  if (election === undefined) throw new ApiError('SCR_NOT_FOUND');
  if ((await electionRolesOf(ctx.store, principal.account.id, election)).has('election-admin'))
    return principal;
  const bound = accountOfOwner(await ctx.store.trustees.list(election.id), owner);
  const allowed = bound === principal.account.id || (unbound === 'any-trustee' && !bound);
  if (!allowed) throw new ApiError('SCR_FORBIDDEN');
  return principal;
}

/**
 * An election as the public sees it (the board, its archive, its page, its result export). A draft
 * is still private: it exists only for its own staff (an admin of its organisation, or an account
 * holding a role on it); anyone else — anonymous, a voter, the operator, another tenant — gets the
 * 404 of an id that does not exist, with no detail, so drafts cannot be found or read by id.
 */
export async function requirePublicElection(
  ctx: ServerContext,
  request: FastifyRequest,
  electionId: string,
): Promise<ElectionRow> {
  const election = await ctx.store.elections.get(electionId);
  if (election === undefined) throw new ApiError('SCR_NOT_FOUND');
  if (election.state !== 'draft') return election;
  const { principal } = request;
  if (
    principal.kind === 'account' &&
    (await electionRolesOf(ctx.store, principal.account.id, election)).size > 0
  )
    return election;
  throw new ApiError('SCR_NOT_FOUND');
}

/**
 * A voter signed in to `electionId`. A voter session of another election, or an account session,
 * is not signed in here: 401, so the booth shows this election's login form.
 */
export function requireVoter(request: FastifyRequest, electionId: string): VoterPrincipal {
  const { principal } = request;
  if (principal.kind !== 'voter' || principal.voter.electionId !== electionId) {
    throw new ApiError('SCR_UNAUTHENTICATED');
  }
  return principal;
}

/** The roles an account effectively holds on an election (for routes whose answer depends on it). */
export async function electionRolesOf(
  store: Store,
  accountId: string,
  election: ElectionRow,
): Promise<Set<Role>> {
  return rolesOnElection(store, accountId, election);
}

/** Whether the organisation is the account's tenant: a membership, or a role in one of its elections. */
async function isInOrganisation(store: Store, accountId: string, organisationId: string): Promise<boolean> {
  const memberships = await store.accounts.listMemberships(accountId);
  if (memberships.some((m) => m.organisationId === organisationId)) return true;
  const electionIds = new Set(
    (await store.elections.listRolesOfAccount(accountId)).map((grant) => grant.electionId),
  );
  for (const electionId of electionIds) {
    if ((await store.elections.get(electionId))?.organisationId === organisationId) return true;
  }
  return false;
}
