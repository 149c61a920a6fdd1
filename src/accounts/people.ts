/**
 * Nobody chooses or sees another person's password. A person added by an admin (or the first admin
 * of an organisation, added by the operator) gets an invitation: a single-use link, valid 72 hours,
 * mailed to them alone, on which they choose their password. A person who forgot theirs asks for a
 * reset link (single use, one hour), and the answer is the same whether or not the address has an
 * account. Setting a password through a link, or changing it while signed in, ends the person's
 * other sessions. Only the SHA-256 of a link's token is stored; the token exists in the mail only.
 * Refusals are values and change nothing.
 */

import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { sha256Hex } from '../core/hash.js';
import { accountId } from '../core/ids.js';
import { type Secret, secret } from '../core/secret.js';
import type { AccountTokenPurpose } from '../store/accounts/repository.js';
import { UniqueViolation } from '../store/errors.js';
import { type AccountRow, NO_PASSWORD, type OrganisationRole, type Store } from '../store/store.js';
import { accountLink } from './account-mail.js';
import { checkPasswordPolicy, hashPassword, type Password, verifyPassword } from './password.js';

/** An invitation stays usable three days: long enough for a week-end, short enough to go stale. */
export const INVITATION_HOURS = 72;
/** A reset link is asked for by someone at their screen: an hour is plenty. */
export const RESET_MINUTES = 60;

/** The full link (token in the fragment): to be put in one mail, or printed on the operator's terminal. */
export type AccountLink = Secret<string, 'account-link'>;

export interface IssuedLink {
  readonly link: AccountLink;
  readonly expiresAt: string;
}

export type PasswordRefusal = { ok: false; kind: 'weak-password' | 'common-password' };

export function passwordRefusal(password: Password): PasswordRefusal | undefined {
  const policy = checkPasswordPolicy(password);
  if (policy.ok) return undefined;
  return { ok: false, kind: policy.kind === 'common' ? 'common-password' : 'weak-password' };
}

/** 32 random bytes, Base64url: the token; its SHA-256 (hex) is what the store keeps. */
export function tokenHash(token: string): string {
  return sha256Hex(`account-link|${token}`);
}

/** A new link for the account, replacing its earlier one of the same purpose. */
export async function issueLink(
  store: Store,
  clock: Clock,
  baseUrl: string,
  accountId: string,
  purpose: AccountTokenPurpose,
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const lifetimeMs = purpose === 'invitation' ? INVITATION_HOURS * 3_600_000 : RESET_MINUTES * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
  await store.accounts.issueToken({
    tokenHash: tokenHash(token),
    accountId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { link: secret(accountLink(baseUrl, token), 'account-link'), expiresAt };
}

export type NewPerson = { email: string; displayName: string };

/**
 * Creates an invited account (no password) and its memberships. `email-taken` when any account,
 * in any organisation, has the address (nothing is created then).
 */
export async function createInvitedAccount(
  store: Store,
  clock: Clock,
  person: NewPerson,
  memberships: readonly { organisationId: string; role: OrganisationRole }[],
): Promise<{ ok: true; account: AccountRow } | { ok: false; kind: 'email-taken' }> {
  if (await store.accounts.findAccountByEmail(person.email)) return { ok: false, kind: 'email-taken' };
  const account: AccountRow = {
    id: accountId(randomBytes(9).toString('base64url')),
    email: person.email,
    displayName: person.displayName,
    passwordHash: NO_PASSWORD,
    isOperator: false,
    createdAt: clock.now().toISOString(),
    status: 'invited',
    passwordSetAt: null,
  };
  try {
    await store.accounts.createAccount(account);
  } catch (error) {
    if (error instanceof UniqueViolation && error.key === 'account-email')
      return { ok: false, kind: 'email-taken' };
    throw error;
  }
  for (const m of memberships) await store.accounts.addMembership({ ...m, accountId: account.id });
  return { ok: true, account };
}

/**
 * A person chooses their password on an invitation or reset link. The policy is checked before
 * the link is spent, so a refused password leaves the link usable.
 */
export async function redeemLink(
  store: Store,
  clock: Clock,
  token: string,
  password: Password,
): Promise<
  | { ok: true; accountId: string; purpose: AccountTokenPurpose }
  | PasswordRefusal
  | { ok: false; kind: 'link-invalid' }
> {
  const now = clock.now().toISOString();
  const hash = tokenHash(token);
  // Checked first so that a weak password does not spend the link, nor a dead link cost a hash.
  if ((await store.accounts.findLiveToken(hash, now)) === undefined)
    return { ok: false, kind: 'link-invalid' };
  const refusal = passwordRefusal(password);
  if (refusal) return refusal;
  const redeemed = await store.accounts.redeemToken({
    tokenHash: hash,
    now,
    passwordHash: await hashPassword(password),
  });
  return redeemed === undefined ? { ok: false, kind: 'link-invalid' } : { ok: true, ...redeemed };
}

/** A signed-in person changes their password; their other sessions end. */
export async function changeOwnPassword(
  store: Store,
  clock: Clock,
  input: { accountId: string; current: Password; next: Password; session: string },
): Promise<{ ok: true } | PasswordRefusal | { ok: false; kind: 'bad-current-password' }> {
  const account = await store.accounts.getAccount(input.accountId);
  const stored = account?.status === 'active' ? account.passwordHash : undefined;
  if (!(await verifyPassword(input.current, stored))) return { ok: false, kind: 'bad-current-password' };
  const refusal = passwordRefusal(input.next);
  if (refusal) return refusal;
  const changed = await store.accounts.changePassword({
    accountId: input.accountId,
    passwordHash: await hashPassword(input.next),
    now: clock.now().toISOString(),
    keepSession: input.session,
  });
  return changed ? { ok: true } : { ok: false, kind: 'bad-current-password' };
}

/**
 * Forgotten password: a reset link for an active account with this address, or nothing. The
 * caller answers the same either way; an invited account gets its invitation again instead (it has
 * no password to reset), a suspended or removed one nothing.
 */
export async function resetLinkFor(
  store: Store,
  clock: Clock,
  baseUrl: string,
  email: string,
): Promise<{ account: AccountRow; purpose: AccountTokenPurpose; issued: IssuedLink } | undefined> {
  const account = await store.accounts.findAccountByEmail(email);
  if (account === undefined) return undefined;
  if (account.status !== 'active' && account.status !== 'invited') return undefined;
  const purpose: AccountTokenPurpose = account.status === 'invited' ? 'invitation' : 'reset';
  return { account, purpose, issued: await issueLink(store, clock, baseUrl, account.id, purpose) };
}
