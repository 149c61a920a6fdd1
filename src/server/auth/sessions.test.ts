import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthTestServer, startAuthTestServer } from '../../../test/support/auth-server.js';
import { sha256Hex } from '../../core/hash.js';
import { accountId } from '../../core/ids.js';
import {
  ACCOUNT_SESSION_LIFETIME_MS,
  csrfTokenMatches,
  findLiveSession,
  newSessionToken,
  openSession,
  parseSessionCookie,
  sessionCookieOptions,
  VOTER_SESSION_LIFETIME_MS,
} from './sessions.js';

describe('session tokens', () => {
  it('are 32 random bytes in base64url (43 characters), different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newSessionToken().reveal()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('do not show in string conversion, inspection or JSON', () => {
    const token = newSessionToken();
    expect(String(token)).not.toContain(token.reveal());
    expect(`${token}`).toBe('[secret] session token');
    expect(() => JSON.stringify({ token })).toThrow();
  });

  it('are recognised from a cookie only when they have the shape of one', () => {
    const token = newSessionToken().reveal();
    expect(parseSessionCookie(token)?.reveal()).toBe(token);
    for (const junk of [
      undefined,
      '',
      'abc',
      `${token}x`,
      `${token.slice(0, 42)}=`,
      `${token.slice(0, 42)}.`,
    ]) {
      expect(parseSessionCookie(junk)).toBeUndefined();
    }
  });
});

describe('session cookie attributes', () => {
  const config = (baseUrl: string, secureCookies: boolean) =>
    ({ baseUrl, secureCookies, bodyLimit: 1 }) as const;

  it('are Secure over an https address even when secureCookies was forgotten, and when asked for', () => {
    expect(sessionCookieOptions(config('https://vote.example.org', false))).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: true,
    });
    expect(sessionCookieOptions(config('HTTPS://vote.example.org', false)).secure).toBe(true);
    expect(sessionCookieOptions(config('http://127.0.0.1:8080', true)).secure).toBe(true);
    expect(sessionCookieOptions(config('http://127.0.0.1:8080', false)).secure).toBe(false);
  });
});

describe('CSRF token comparison', () => {
  it('matches only the exact token', () => {
    expect(csrfTokenMatches('abcdef', 'abcdef')).toBe(true);
    expect(csrfTokenMatches('abcdef', 'abcdeg')).toBe(false);
    expect(csrfTokenMatches('abcdef', 'abcdef0')).toBe(false);
    expect(csrfTokenMatches('abcdef', '')).toBe(false);
    expect(csrfTokenMatches('abcdef', undefined)).toBe(false);
  });
});

describe('stored sessions', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await startAuthTestServer();
  });
  afterAll(async () => server.close());

  it('keep only the SHA-256 of the token, with a CSRF token and a 12 h expiry for accounts', async () => {
    const { store, clock } = server;
    const { token, row } = await openSession(store, clock, {
      kind: 'account',
      accountId: accountId('adminA'),
    });
    expect(row.tokenHash).toBe(sha256Hex(token.reveal()));
    expect(Object.values(row)).not.toContain(token.reveal());
    expect(row.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(row.expiresAt) - clock.now().getTime()).toBe(ACCOUNT_SESSION_LIFETIME_MS);
    expect(await store.accounts.findSession(row.tokenHash)).toEqual(row);
  });

  it('give voters 1 h, bound to their election', async () => {
    const { row } = await openSession(server.store, server.clock, {
      kind: 'voter',
      voterId: 'voterA',
      electionId: 'ElectionAAAAAA',
    });
    expect(row).toMatchObject({ accountId: null, voterId: 'voterA', electionId: 'ElectionAAAAAA' });
    expect(Date.parse(row.expiresAt) - server.clock.now().getTime()).toBe(VOTER_SESSION_LIFETIME_MS);
  });

  it('are found until they expire, then deleted', async () => {
    const { store, clock } = server;
    const { token, row } = await openSession(store, clock, {
      kind: 'voter',
      voterId: 'voterB',
      electionId: 'ElectionBBBBBB',
    });
    clock.advance(VOTER_SESSION_LIFETIME_MS - 1);
    expect(await findLiveSession(store, clock, token)).toEqual(row);
    clock.advance(1);
    expect(await findLiveSession(store, clock, token)).toBeUndefined();
    expect(await store.accounts.findSession(row.tokenHash)).toBeUndefined();
  });
});
