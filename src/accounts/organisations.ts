/**
 * Creating the accounts and organisations that exist before any election: the platform operator
 * (`scrutin operator create`, the operator typing their own password) and an organisation with its
 * first admin (the operator's HTTP route and `scrutin org create` both call `createOrganisation`, so
 * the two paths cannot drift apart). The first admin is invited like anyone else (src/accounts/
 * people.ts): the operator never chooses nor sees their password. Refusals are values: a taken email
 * or a password outside the policy changes nothing in the store.
 */

import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { hasControlCharacter } from '../core/identity.js';
import { type AccountId, accountId, organisationId } from '../core/ids.js';
import { UniqueViolation } from '../store/errors.js';
import type { NewAccountRow, OrganisationRow, Store } from '../store/store.js';
import { checkPasswordPolicy, hashPassword, type Password } from './password.js';
import { createInvitedAccount, type IssuedLink, issueLink, type NewPerson } from './people.js';

/** What an account is shown as, everywhere: never its password hash. */
export interface AccountSummary {
  id: AccountId;
  email: string;
  displayName: string;
}

export type AccountRefusal =
  | { ok: false; kind: 'email-taken' }
  | { ok: false; kind: 'weak-password'; rule: 'too-short' | 'too-long' | 'common' }
  | { ok: false; kind: 'control-character'; field: string };

/** The first of `fields` (name → value) holding a control character (src/core/identity.ts), if any. */
export function fieldWithControlCharacter(fields: Readonly<Record<string, string>>): string | undefined {
  return Object.entries(fields).find(([, value]) => hasControlCharacter(value))?.[0];
}

export interface NewAccount {
  email: string;
  displayName: string;
  password: Password;
}

/** Creates the operator account (no organisation: the operator sees organisations, not elections). */
export async function createOperator(
  store: Store,
  clock: Clock,
  operator: NewAccount,
): Promise<{ ok: true; operator: AccountSummary } | AccountRefusal> {
  const refusal = await refuseAccount(store, operator);
  if (refusal) return refusal;
  const account = await accountRow(clock, operator, true);
  if (!(await insertAccount(store, account))) return { ok: false, kind: 'email-taken' };
  return { ok: true, operator: summary(account) };
}

/**
 * Creates an organisation and its first admin (an org-admin member), invited: the answer carries
 * the invitation link, for the caller to mail it (or, without mail, print it on the operator's
 * terminal) and forget it.
 */
export async function createOrganisation(
  store: Store,
  clock: Clock,
  input: { name: string; admin: NewPerson; baseUrl: string },
): Promise<
  | { ok: true; organisation: OrganisationRow; admin: AccountSummary; invitation: IssuedLink }
  | { ok: false; kind: 'email-taken' }
  | { ok: false; kind: 'control-character'; field: string }
> {
  if (hasControlCharacter(input.name)) return { ok: false, kind: 'control-character', field: 'name' };
  const field = fieldWithControlCharacter({ email: input.admin.email, displayName: input.admin.displayName });
  if (field !== undefined) return { ok: false, kind: 'control-character', field };
  if (await store.accounts.findAccountByEmail(input.admin.email)) return { ok: false, kind: 'email-taken' };
  const organisation = {
    id: organisationId(randomBytes(9).toString('base64url')),
    name: input.name,
    createdAt: clock.now().toISOString(),
  };
  // The organisation first: if two creations race for one email, the loser leaves an organisation
  // without members (visible to the operator) rather than an account nobody can use.
  await store.accounts.createOrganisation(organisation);
  const created = await createInvitedAccount(store, clock, input.admin, [
    { organisationId: organisation.id, role: 'org-admin' },
  ]);
  if (!created.ok) return created;
  const invitation = await issueLink(store, clock, input.baseUrl, created.account.id, 'invitation');
  return { ok: true, organisation, admin: summary(created.account), invitation };
}

async function refuseAccount(store: Store, account: NewAccount): Promise<AccountRefusal | undefined> {
  const field = fieldWithControlCharacter({ email: account.email, displayName: account.displayName });
  if (field !== undefined) return { ok: false, kind: 'control-character', field };
  const policy = checkPasswordPolicy(account.password);
  if (!policy.ok) return { ok: false, kind: 'weak-password', rule: policy.kind };
  if (await store.accounts.findAccountByEmail(account.email)) return { ok: false, kind: 'email-taken' };
  return undefined;
}

async function accountRow(clock: Clock, account: NewAccount, isOperator: boolean): Promise<NewAccountRow> {
  return {
    id: accountId(randomBytes(9).toString('base64url')),
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(account.password),
    isOperator,
    createdAt: clock.now().toISOString(),
  };
}

/** False when another writer took the email between the check and the insert. */
async function insertAccount(store: Store, account: NewAccountRow): Promise<boolean> {
  try {
    await store.accounts.createAccount(account);
    return true;
  } catch (error) {
    if (error instanceof UniqueViolation && error.key === 'account-email') return false;
    throw error;
  }
}

function summary(account: NewAccountRow): AccountSummary {
  return { id: account.id, email: account.email, displayName: account.displayName };
}
