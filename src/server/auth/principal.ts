/**
 * Who is making a request: nobody, a signed-in account, or a voter signed in to one election. The
 * auth plugin sets `request.principal` before any route runs; guards read it. Only the fields below
 * are loaded from the store (never password hashes), so a principal that ends up in an answer or a
 * log line carries nothing secret: the session is named by the hash of its token, and the CSRF token
 * is one the page is given anyway.
 */

import type { Clock } from '../../core/clock.js';
import type { AccountId } from '../../core/ids.js';
import type { AccountRow, Store, VoterRow } from '../../store/store.js';
import { findLiveSession, type SessionToken } from './sessions.js';

export interface SignedInAccount {
  readonly id: AccountId;
  readonly email: string;
  readonly displayName: string;
  /** Runs the platform: creates organisations, sees no election content. */
  readonly isOperator: boolean;
  /** When the account was created, and when its person last set their password (shown on their first page). */
  readonly createdAt: string;
  readonly passwordSetAt: string | null;
}

export interface SignedInVoter {
  readonly id: string;
  /** The only election this session can act on. */
  readonly electionId: string;
  readonly login: string;
  readonly displayName: string;
}

export interface AnonymousPrincipal {
  readonly kind: 'anonymous';
}

export interface AccountPrincipal {
  readonly kind: 'account';
  readonly account: SignedInAccount;
  readonly csrfToken: string;
  readonly tokenHash: string;
}

export interface VoterPrincipal {
  readonly kind: 'voter';
  readonly voter: SignedInVoter;
  readonly csrfToken: string;
  readonly tokenHash: string;
}

export type Principal = AnonymousPrincipal | AccountPrincipal | VoterPrincipal;

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin's first onRequest hook; `anonymous` without a live session. */
    principal: Principal;
  }
}

/** Allowlist of account fields a principal (and any answer built from it) may carry. */
export function signedInAccount(row: AccountRow): SignedInAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    isOperator: row.isOperator,
    createdAt: row.createdAt,
    passwordSetAt: row.passwordSetAt,
  };
}

export function signedInVoter(row: VoterRow): SignedInVoter {
  return { id: row.id, electionId: row.electionId, login: row.login, displayName: row.displayName };
}

/**
 * The principal of a session token. Anything inconsistent (expired, unknown, owner deleted, voter
 * moved to another election, a row with both or neither owner) is anonymous: refusing is the safe way
 * to fail.
 */
export async function principalOfToken(store: Store, clock: Clock, token: SessionToken): Promise<Principal> {
  const session = await findLiveSession(store, clock, token);
  if (session === undefined) return ANONYMOUS;
  const { tokenHash, csrfToken, accountId, voterId, electionId } = session;
  if (accountId !== null && voterId === null) {
    const account = await store.accounts.getAccount(accountId);
    // Suspension and removal end sessions in the same transaction; this is the second lock.
    return account === undefined || account.status !== 'active'
      ? ANONYMOUS
      : { kind: 'account', account: signedInAccount(account), csrfToken, tokenHash };
  }
  if (voterId !== null && accountId === null && electionId !== null) {
    const voter = await store.voters.get(voterId);
    if (voter === undefined || voter.electionId !== electionId) return ANONYMOUS;
    return { kind: 'voter', voter: signedInVoter(voter), csrfToken, tokenHash };
  }
  return ANONYMOUS;
}
