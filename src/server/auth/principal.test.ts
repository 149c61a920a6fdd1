/**
 * principalOfToken: a session row that does not name exactly one live owner opens nothing. Each case
 * is one inconsistency (both owners, neither, a voter session without its election, a voter moved to
 * another election, an owner deleted) and must come out anonymous — with the consistent rows beside
 * them coming out as their owner, so the refusals are not a store that finds nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../core/clock.js';
import type { AccountRow, SessionRow, Store, VoterRow } from '../../store/store.js';
import { principalOfToken } from './principal.js';
import { newSessionToken, type SessionToken, sessionTokenHash } from './sessions.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const clock: Clock = { now: () => NOW };

const ACCOUNT = {
  id: 'account-1',
  email: 'a@example.org',
  displayName: 'A',
  passwordHash: 'never-read',
  isOperator: false,
  createdAt: NOW.toISOString(),
  passwordSetAt: null,
  status: 'active',
} as unknown as AccountRow;

const VOTER = {
  id: 'voter-1',
  electionId: 'ElectionAAAAAA',
  email: 'v@example.org',
  login: 'v',
  displayName: 'V',
  weight: '1',
  language: 'en',
  publicCredential: null,
  passwordHash: null,
} as unknown as VoterRow;

/** A store holding one session for `token` and the rows above (minus those named in `missing`). */
function storeWith(token: SessionToken, owner: Partial<SessionRow>, missing: string[] = []): Store {
  const session: SessionRow = {
    tokenHash: sessionTokenHash(token),
    accountId: null,
    voterId: null,
    electionId: null,
    csrfToken: 'csrf',
    expiresAt: new Date(NOW.getTime() + 60_000).toISOString(),
    ...owner,
  };
  const store = {
    accounts: {
      findSession: async (hash: string) => (hash === session.tokenHash ? session : undefined),
      deleteSession: async () => {},
      getAccount: async (id: string) => (id === ACCOUNT.id && !missing.includes(id) ? ACCOUNT : undefined),
    },
    voters: {
      get: async (id: string) => (id === VOTER.id && !missing.includes(id) ? VOTER : undefined),
    },
  };
  return store as unknown as Store;
}

async function principalOf(owner: Partial<SessionRow>, missing: string[] = []) {
  const token = newSessionToken();
  return principalOfToken(storeWith(token, owner, missing), clock, token);
}

describe('principalOfToken', () => {
  it('names the account of an account session, with only the allowlisted fields', async () => {
    expect(await principalOf({ accountId: ACCOUNT.id })).toEqual({
      kind: 'account',
      account: {
        id: ACCOUNT.id,
        email: ACCOUNT.email,
        displayName: 'A',
        isOperator: false,
        createdAt: NOW.toISOString(),
        passwordSetAt: null,
      },
      csrfToken: 'csrf',
      tokenHash: expect.any(String),
    });
  });

  it('names the voter of a voter session bound to the voter’s election', async () => {
    expect(await principalOf({ voterId: VOTER.id, electionId: VOTER.electionId })).toEqual({
      kind: 'voter',
      voter: { id: VOTER.id, electionId: VOTER.electionId, login: 'v', displayName: 'V' },
      csrfToken: 'csrf',
      tokenHash: expect.any(String),
    });
  });

  it.each([
    [
      'a row naming both an account and a voter',
      { accountId: ACCOUNT.id, voterId: VOTER.id, electionId: VOTER.electionId },
    ],
    ['a row naming nobody', {}],
    ['a voter session without its election', { voterId: VOTER.id }],
    ['a voter session of another election', { voterId: VOTER.id, electionId: 'ElectionBBBBBB' }],
    ['an election without a voter', { electionId: VOTER.electionId }],
  ] as [string, Partial<SessionRow>][])('is anonymous for %s', async (_name, owner) => {
    expect(await principalOf(owner)).toEqual({ kind: 'anonymous' });
  });

  it('is anonymous once the owner is deleted', async () => {
    expect(await principalOf({ accountId: ACCOUNT.id }, [ACCOUNT.id])).toEqual({ kind: 'anonymous' });
    expect(await principalOf({ voterId: VOTER.id, electionId: VOTER.electionId }, [VOTER.id])).toEqual({
      kind: 'anonymous',
    });
  });

  it('is anonymous for an account that is no longer active (suspended)', async () => {
    const token = newSessionToken();
    const store = storeWith(token, { accountId: ACCOUNT.id });
    const suspended = { ...ACCOUNT, status: 'suspended' };
    const withSuspended = {
      ...store,
      accounts: { ...store.accounts, getAccount: async () => suspended },
    } as unknown as Store;
    expect(await principalOfToken(withSuspended, clock, token)).toEqual({ kind: 'anonymous' });
  });

  it('is anonymous for a token with no session', async () => {
    const store = storeWith(newSessionToken(), { accountId: ACCOUNT.id });
    expect(await principalOfToken(store, clock, newSessionToken())).toEqual({ kind: 'anonymous' });
  });
});
