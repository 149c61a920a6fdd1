/**
 * Who may not hold two roles on one election. The credential authority knows (or, for the server's
 * recovery officer, can recover) every private credential; an admin controls the roll and where
 * messages go. One person holding both could vote for any voter who abstains, so the server refuses
 * the combination at grant time, whichever role comes second, and refuses the upload of public
 * credentials by anyone but a credential authority who is not an admin (the recovery officer's rule,
 * SCR_RECOVERY_SEPARATION, is the same separation seen from recovery).
 */
import { DomainError } from '../errors/catalogue.js';
import type { ElectionRow, Role, Store } from '../store/store.js';

/** Roles the account holds on the election, organisation admins counting as its 'election-admin'. */
export async function rolesOnElection(
  store: Store,
  accountId: string,
  election: ElectionRow,
): Promise<Set<Role>> {
  const held = new Set<Role>();
  for (const grant of await store.elections.listRolesOfAccount(accountId))
    if (grant.electionId === election.id) held.add(grant.role);
  const memberships = await store.accounts.listMemberships(accountId);
  if (memberships.some((m) => m.organisationId === election.organisationId && m.role === 'org-admin'))
    held.add('election-admin');
  return held;
}

/** Throws SCR_CREDENTIAL_AUTHORITY_SEPARATION when granting `role` would join admin and credential authority. */
export async function assertRoleSeparation(
  store: Store,
  accountId: string,
  election: ElectionRow,
  role: Role,
): Promise<void> {
  const held = await rolesOnElection(store, accountId, election);
  const clash =
    (role === 'credential-authority' && held.has('election-admin')) ||
    (role === 'election-admin' && held.has('credential-authority'));
  if (clash) throw new DomainError('SCR_CREDENTIAL_AUTHORITY_SEPARATION', { role });
}
