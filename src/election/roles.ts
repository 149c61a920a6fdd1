/**
 * Roles on an election given to people of its organisation (who may be given which role is checked
 * before, by the HTTP layer and role-separation.ts): the role and its audit entry commit together.
 */
import type { AccountId } from '../core/ids.js';
import { auditEntry } from '../store/audit-chain.js';
import type { ElectionRoleRow, ElectionRow, Store } from '../store/store.js';
import type { Actor } from './actor.js';

export async function grantElectionRole(
  store: Store,
  election: ElectionRow,
  actor: Actor,
  person: { readonly id: AccountId; readonly displayName: string },
  role: ElectionRoleRow['role'],
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.elections.addRole({ electionId: election.id, accountId: person.id, role });
    await tx.audit.append(
      auditEntry(
        { organisationId: election.organisationId, electionId: election.id, actor: actor.id },
        'role.grant',
        { accountId: person.id, person: person.displayName, role },
      ),
    );
  });
}

/**
 * Takes a role away (the consultation-wide settings do it for a scrutineer the consultation had
 * named); the removal and its audit entry commit together. False, and nothing written, when the
 * person did not hold the role.
 */
export async function revokeElectionRole(
  store: Store,
  election: ElectionRow,
  actor: Actor,
  person: { readonly id: AccountId; readonly displayName: string },
  role: ElectionRoleRow['role'],
  reason: string,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (!(await tx.elections.removeRole({ electionId: election.id, accountId: person.id, role })))
      return false;
    await tx.audit.append(
      auditEntry(
        { organisationId: election.organisationId, electionId: election.id, actor: actor.id },
        'role.revoke',
        { accountId: person.id, person: person.displayName, role, reason },
      ),
    );
    return true;
  });
}
