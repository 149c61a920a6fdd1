/**
 * What an organisation admin does to its members, each change committed with its audit entry
 * (src/errors/audit-actions.ts) in one transaction; the invitation mail leaves after the commit
 * (the HTTP layer sends it). The HTTP layer checks who may act and on whom before calling these.
 */
import type { Clock } from '../core/clock.js';
import type { AuditDetailsArg } from '../errors/audit-actions.js';
import { DomainError } from '../errors/catalogue.js';
import type { AccountStatus } from '../store/accounts/tables.js';
import { auditEntry } from '../store/audit-chain.js';
import type { AccountRow, Store } from '../store/store.js';
import { createInvitedAccount, type IssuedLink, issueLink, type NewPerson } from './people.js';

type MemberAction = 'member.invite' | 'member.suspend' | 'member.reinstate' | 'member.remove';

function auditMember(
  tx: Store,
  organisationId: string,
  actorId: string,
  action: MemberAction,
  account: AccountRow,
) {
  const details: AuditDetailsArg<MemberAction> = [{ accountId: account.id, person: account.displayName }];
  return tx.audit.append(
    auditEntry({ organisationId, electionId: null, actor: actorId }, action, ...details),
  );
}

/**
 * A new person of the organisation (optionally its admin), invited: the account, its memberships,
 * its invitation link (hashed) and the entry commit together. SCR_PERSON_EXISTS when the address
 * has an account already (nothing is created then).
 */
export async function addMember(
  store: Store,
  clock: Clock,
  baseUrl: string,
  organisationId: string,
  actorId: string,
  person: NewPerson & { orgAdmin: boolean },
): Promise<{ account: AccountRow; issued: IssuedLink }> {
  const { email, displayName, orgAdmin } = person;
  return store.transaction(async (tx) => {
    const created = await createInvitedAccount(tx, clock, { email, displayName }, [
      { organisationId, role: 'member' },
      ...(orgAdmin ? [{ organisationId, role: 'org-admin' as const }] : []),
    ]);
    if (!created.ok) throw new DomainError('SCR_PERSON_EXISTS');
    const link = await issueLink(tx, clock, baseUrl, created.account.id, 'invitation');
    await tx.audit.append(
      auditEntry({ organisationId, electionId: null, actor: actorId }, 'member.add', {
        accountId: created.account.id,
        orgAdmin,
      }),
    );
    return { account: created.account, issued: link };
  });
}

/** A new invitation link for an invited person (the earlier link stops working), with its entry. */
export function reinviteMember(
  store: Store,
  clock: Clock,
  baseUrl: string,
  organisationId: string,
  actorId: string,
  account: AccountRow,
): Promise<IssuedLink> {
  return store.transaction(async (tx) => {
    const link = await issueLink(tx, clock, baseUrl, account.id, 'invitation');
    await auditMember(tx, organisationId, actorId, 'member.invite', account);
    return link;
  });
}

/**
 * Suspends or reinstates a person: the status (sessions and links ended with it) and the entry
 * commit together. SCR_WRONG_STATE when the person is no longer in one of the `from` states.
 */
export async function setMemberStatus(
  store: Store,
  organisationId: string,
  actorId: string,
  account: AccountRow,
  change: { action: 'suspend' | 'reinstate'; to: AccountStatus; from: readonly AccountStatus[] },
): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.accounts.setStatus(account.id, change.to, change.from)))
      throw new DomainError('SCR_WRONG_STATE', { problem: `the person is ${account.status}` });
    await auditMember(tx, organisationId, actorId, `member.${change.action}`, account);
  });
}

/** Removes a person from the organisation (memberships and election roles go), with its entry. */
export async function removeMember(
  store: Store,
  organisationId: string,
  actorId: string,
  account: AccountRow,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.accounts.removeFromOrganisation(organisationId, account.id);
    await auditMember(tx, organisationId, actorId, 'member.remove', account);
  });
}
