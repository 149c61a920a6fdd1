/**
 * Creating the accounts and organisations that exist before any election: the platform operator
 * (`scrutin operator create`) and an organisation with its first admin (the operator's HTTP route
 * and `scrutin org create` both call `createOrganisation`, so the two paths cannot drift apart).
 * Refusals are values: a taken email or a password outside the policy changes nothing in the store.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { hasControlCharacter } from '../core/identity.js';
import { secret } from '../core/secret.js';
import { UniqueViolation } from '../store/errors.js';
import type { AccountRow, OrganisationRow, Store } from '../store/store.js';
import { checkPasswordPolicy, hashPassword, type Password } from './password.js';

/** What an account is shown as, everywhere: never its password hash. */
export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
}

export type AccountRefusal =
  | { ok: false; kind: 'email-taken' }
  | { ok: false; kind: 'weak-password'; rule: 'too-short' | 'too-long' }
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

/** Creates an organisation and its first admin (an org-admin member). */
export async function createOrganisation(
  store: Store,
  clock: Clock,
  input: { name: string; admin: NewAccount },
): Promise<{ ok: true; organisation: OrganisationRow; admin: AccountSummary } | AccountRefusal> {
  if (hasControlCharacter(input.name)) return { ok: false, kind: 'control-character', field: 'name' };
  const refusal = await refuseAccount(store, input.admin);
  if (refusal) return refusal;
  const account = await accountRow(clock, input.admin, false);
  const organisation = {
    id: randomBytes(9).toString('base64url'),
    name: input.name,
    createdAt: account.createdAt,
  };
  // The organisation first: if two creations race for one email, the loser leaves an organisation
  // without members (visible to the operator) rather than an account nobody can use.
  await store.createOrganisation(organisation);
  if (!(await insertAccount(store, account))) return { ok: false, kind: 'email-taken' };
  await store.addMembership({ organisationId: organisation.id, accountId: account.id, role: 'org-admin' });
  return { ok: true, organisation, admin: summary(account) };
}

/**
 * A strong initial password for an account created on someone's behalf: 24 characters drawn from
 * 49 without look-alikes (no 0/O/o, 1/l/I, 2/Z, 5/S, 6/b…), about 134 random bits, grouped by 4 to
 * be read aloud or typed.
 */
export function generateInitialPassword(): Password {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  const chars: string[] = [];
  while (chars.length < 24) {
    for (const byte of randomBytes(32)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 256 - (256 % alphabet.length) && chars.length < 24)
        chars.push(alphabet[byte % alphabet.length]!);
    }
  }
  const groups = [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join(''));
  return secret(groups.join('-'), 'password');
}

async function refuseAccount(store: Store, account: NewAccount): Promise<AccountRefusal | undefined> {
  const field = fieldWithControlCharacter({ email: account.email, displayName: account.displayName });
  if (field !== undefined) return { ok: false, kind: 'control-character', field };
  const policy = checkPasswordPolicy(account.password);
  if (!policy.ok) return { ok: false, kind: 'weak-password', rule: policy.kind };
  if (await store.findAccountByEmail(account.email)) return { ok: false, kind: 'email-taken' };
  return undefined;
}

async function accountRow(clock: Clock, account: NewAccount, isOperator: boolean): Promise<AccountRow> {
  return {
    id: randomBytes(9).toString('base64url'),
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(account.password),
    isOperator,
    createdAt: clock.now().toISOString(),
  };
}

/** False when another writer took the email between the check and the insert. */
async function insertAccount(store: Store, account: AccountRow): Promise<boolean> {
  try {
    await store.createAccount(account);
    return true;
  } catch (error) {
    if (error instanceof UniqueViolation && error.key === 'account-email') return false;
    throw error;
  }
}

function summary(account: AccountRow): AccountSummary {
  return { id: account.id, email: account.email, displayName: account.displayName };
}
