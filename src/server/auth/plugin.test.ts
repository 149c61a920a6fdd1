import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PASSWORD,
  ACCOUNTS,
  type AuthTestServer,
  ELECTION_A,
  ELECTION_B,
  findLeaks,
  startAuthTestServer,
  type TestSession,
  VOTER_PASSWORD,
} from '../../../test/support/auth-server.js';
import { DEFAULT_SIGN_IN_BUDGET, LOGIN_FAILURES_PER_ADDRESS } from './rate-limits.js';
import {
  ACCOUNT_SESSION_LIFETIME_MS,
  newSessionToken,
  parseSessionCookie,
  sessionTokenHash,
  VOTER_SESSION_LIFETIME_MS,
} from './sessions.js';

const LOGIN = '/api/v1/auth/login';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/auth/me';
const voterLogin = (electionId: string) => `/api/v1/elections/${electionId}/voter/login`;
const voterLogout = (electionId: string) => `/api/v1/elections/${electionId}/voter/logout`;

/** A fresh client address per call, so per-address login limits do not interfere between tests. */
let addressCounter = 0;
const nextAddress = () => `198.51.100.${++addressCounter % 250}`;

function setCookieHeader(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? header.join('\n') : String(header ?? '');
}

describe('account sign-in', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await startAuthTestServer();
  });
  afterAll(async () => server.close());

  it('signs in with email and password: the account (no hash) and a CSRF token, never cached', async () => {
    const response = await server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email: ACCOUNTS.adminA.email, password: ACCOUNT_PASSWORD },
      remoteAddress: nextAddress(),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      account: {
        id: 'adminA',
        email: 'admin@a.test',
        displayName: 'adminA',
        isOperator: false,
        createdAt: '2030-01-01T00:00:00.000Z',
        passwordSetAt: '2030-01-01T00:00:00.000Z',
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.cookies.map((c) => c.name)).toEqual(['scrutin_session']);
  });

  it('answers a wrong password and an unknown email identically, without a cookie', async () => {
    const wrong = await server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email: ACCOUNTS.adminA.email, password: 'not-the-password' },
      remoteAddress: nextAddress(),
    });
    const unknown = await server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email: 'nobody@nowhere.test', password: 'not-the-password' },
      remoteAddress: nextAddress(),
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: { code: 'SCR_BAD_CREDENTIALS', message: 'Wrong login or password.' },
      });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers in French when the browser prefers it', async () => {
    const response = await server.request({
      method: 'POST',
      url: LOGIN,
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
      payload: { email: 'nobody@nowhere.test', password: 'not-the-password' },
      remoteAddress: nextAddress(),
    });
    expect(response.json().error.message).toBe('Identifiant ou mot de passe incorrect.');
  });

  it('refuses malformed bodies (missing, extra, mistyped or overlong fields) rather than repairing them', async () => {
    for (const payload of [
      { email: ACCOUNTS.adminA.email },
      { email: ACCOUNTS.adminA.email, password: ACCOUNT_PASSWORD, remember: true },
      { email: ACCOUNTS.adminA.email, password: 1234567890 },
      { email: [ACCOUNTS.adminA.email], password: ACCOUNT_PASSWORD },
      { email: '', password: ACCOUNT_PASSWORD },
      { email: ACCOUNTS.adminA.email, password: 'x'.repeat(2049) },
      { email: 'x'.repeat(321), password: ACCOUNT_PASSWORD },
    ]) {
      const response = await server.request({
        method: 'POST',
        url: LOGIN,
        payload,
        remoteAddress: nextAddress(),
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('tells who is signed in through /me, anonymous without a session', async () => {
    const anonymous = await server.request({ method: 'GET', url: ME });
    expect(anonymous.json()).toEqual({ kind: 'anonymous' });
    const session = await server.signIn('operator', nextAddress());
    const me = await server.request({ method: 'GET', url: ME, session });
    expect(me.json()).toEqual({
      kind: 'account',
      account: {
        id: 'operator',
        email: 'operator@platform.test',
        displayName: 'operator',
        isOperator: true,
        createdAt: '2030-01-01T00:00:00.000Z',
        passwordSetAt: '2030-01-01T00:00:00.000Z',
      },
      csrfToken: session.csrfToken,
    });
  });

  it('signs out: the session is deleted and the cookie cleared', async () => {
    const session = await server.signIn('adminB', nextAddress());
    const response = await server.request({ method: 'POST', url: LOGOUT, session });
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === 'scrutin_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    const me = await server.request({ method: 'GET', url: ME, session });
    expect(me.json()).toEqual({ kind: 'anonymous' });
    const again = await server.request({ method: 'POST', url: LOGOUT, session, csrf: null });
    expect(again.statusCode).toBe(204);
  });

  it('closes the previous session of the browser when signing in again', async () => {
    const first = await server.signIn('trusteeA', nextAddress());
    const second = await server.request({
      method: 'POST',
      url: LOGIN,
      session: first,
      payload: { email: ACCOUNTS.scrutineerA.email, password: ACCOUNT_PASSWORD },
      remoteAddress: nextAddress(),
    });
    expect(second.statusCode).toBe(200);
    expect((await server.request({ method: 'GET', url: ME, session: first })).json()).toEqual({
      kind: 'anonymous',
    });
  });
});

describe('session cookie', () => {
  let plain: AuthTestServer;
  let secure: AuthTestServer;
  beforeAll(async () => {
    [plain, secure] = await Promise.all([
      startAuthTestServer(),
      startAuthTestServer({ secureCookies: true }),
    ]);
  });
  afterAll(async () => Promise.all([plain.close(), secure.close()]));

  const login = (server: AuthTestServer) =>
    server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email: ACCOUNTS.adminA.email, password: ACCOUNT_PASSWORD },
      remoteAddress: nextAddress(),
    });

  it('is HttpOnly, SameSite=Strict, Path=/, without Max-Age (gone with the browser)', async () => {
    const header = setCookieHeader(await login(plain));
    expect(header).toMatch(/^scrutin_session=[A-Za-z0-9_-]{43}; /);
    expect(header.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('is Secure when the server is configured for https', async () => {
    const header = setCookieHeader(await login(secure));
    expect(header.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
  });

  it('is cleared, with the same attributes, when it names no live session', async () => {
    for (const token of ['not-a-token', newSessionToken().reveal()]) {
      const response = await secure.request({ method: 'GET', url: ME, session: { token, csrfToken: '' } });
      expect(response.json()).toEqual({ kind: 'anonymous' });
      const header = setCookieHeader(response);
      expect(header).toMatch(/^scrutin_session=; /);
      expect(header).toContain('HttpOnly');
      expect(header).toContain('Secure');
    }
  });
});

describe('CSRF protection', () => {
  let server: AuthTestServer;
  let admin: TestSession;
  beforeAll(async () => {
    server = await startAuthTestServer();
    admin = await server.signIn('adminA', nextAddress());
  });
  afterAll(async () => server.close());

  const write = (csrf: string | null | undefined, session: TestSession = admin) =>
    server.request({ method: 'POST', url: `/test/elections/${ELECTION_A}/admin`, session, csrf });

  it('refuses a write with a session cookie but no x-csrf-token header', async () => {
    const response = await write(null);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('SCR_CSRF');
  });

  it('refuses a wrong token, including the token of another session', async () => {
    const other = await server.signIn('electionAdminA', nextAddress());
    for (const csrf of ['', 'wrong', `${admin.csrfToken}x`, admin.csrfToken.slice(1), other.csrfToken]) {
      expect((await write(csrf)).json().error.code).toBe('SCR_CSRF');
    }
  });

  it('accepts the session’s own token', async () => {
    const response = await write(admin.csrfToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });

  it('does not ask for it on reads', async () => {
    const response = await server.request({
      method: 'GET',
      url: `/test/elections/${ELECTION_A}/admin`,
      session: admin,
    });
    expect(response.statusCode).toBe(200);
  });

  it('protects sign-out too: a forged logout leaves the session alive', async () => {
    const response = await server.request({ method: 'POST', url: LOGOUT, session: admin, csrf: null });
    expect(response.statusCode).toBe(403);
    expect((await server.request({ method: 'GET', url: ME, session: admin })).json().kind).toBe('account');
  });

  it('leaves requests without a session to the guards (401, not a CSRF error)', async () => {
    const response = await server.request({ method: 'POST', url: `/test/elections/${ELECTION_A}/admin` });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('SCR_UNAUTHENTICATED');
  });
});

describe('session expiry', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await startAuthTestServer();
  });
  afterAll(async () => server.close());

  it('ends an account session after 12 hours', async () => {
    const session = await server.signIn('adminA', nextAddress());
    const admin = () =>
      server.request({ method: 'GET', url: `/test/elections/${ELECTION_A}/admin`, session });
    server.clock.advance(ACCOUNT_SESSION_LIFETIME_MS - 1000);
    expect((await admin()).statusCode).toBe(200);
    server.clock.advance(1000);
    const expired = await admin();
    expect(expired.statusCode).toBe(401);
    expect(setCookieHeader(expired)).toMatch(/^scrutin_session=; /);
    expect(
      await server.store.accounts.findSession(sessionTokenHash(parseSessionCookie(session.token)!)),
    ).toBeUndefined();
  });

  it('ends a voter session after 1 hour', async () => {
    const session = await server.signInVoter('voterA', nextAddress());
    const booth = () =>
      server.request({ method: 'GET', url: `/test/elections/${ELECTION_A}/booth`, session });
    server.clock.advance(VOTER_SESSION_LIFETIME_MS - 1000);
    expect((await booth()).statusCode).toBe(200);
    server.clock.advance(1000);
    expect((await booth()).statusCode).toBe(401);
  });
});

describe('voter sessions', () => {
  let server: AuthTestServer;
  let voter: TestSession;
  beforeAll(async () => {
    server = await startAuthTestServer();
    voter = await server.signInVoter('voterA', nextAddress());
  });
  afterAll(async () => server.close());

  it('sign in with login and password for one election, answering the voter (no ids) and a CSRF token', async () => {
    const response = await server.request({
      method: 'POST',
      url: voterLogin(ELECTION_A),
      payload: { login: 'voter-a', password: VOTER_PASSWORD },
      remoteAddress: nextAddress(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      voter: { login: 'voter-a', displayName: 'Voter voter-a' },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const me = await server.request({ method: 'GET', url: ME, session: voter });
    expect(me.json()).toEqual({
      kind: 'voter',
      voter: { electionId: ELECTION_A, login: 'voter-a', displayName: 'Voter voter-a' },
      csrfToken: voter.csrfToken,
    });
  });

  it('cannot sign in to another election, nor to an unknown one', async () => {
    for (const electionId of [ELECTION_B, 'NoSuchElection']) {
      const response = await server.request({
        method: 'POST',
        url: voterLogin(electionId),
        payload: { login: 'voter-a', password: VOTER_PASSWORD },
        remoteAddress: nextAddress(),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('SCR_BAD_CREDENTIALS');
    }
  });

  it('act on their own election only', async () => {
    const get = (electionId: string) =>
      server.request({ method: 'GET', url: `/test/elections/${electionId}/booth`, session: voter });
    const cast = (electionId: string) =>
      server.request({ method: 'POST', url: `/test/elections/${electionId}/cast`, session: voter });
    expect((await get(ELECTION_A)).statusCode).toBe(200);
    expect((await cast(ELECTION_A)).statusCode).toBe(200);
    expect((await get(ELECTION_B)).statusCode).toBe(401);
    expect((await cast(ELECTION_B)).statusCode).toBe(401);
  });

  it('are not account sessions', async () => {
    for (const url of [
      '/test/operator',
      `/test/organisations/org-a`,
      `/test/elections/${ELECTION_A}/scrutineer`,
    ]) {
      expect((await server.request({ method: 'GET', url, session: voter })).statusCode).toBe(401);
    }
  });

  it('sign out through the election’s logout route', async () => {
    const session = await server.signInVoter('voterB', nextAddress());
    const response = await server.request({ method: 'POST', url: voterLogout(ELECTION_B), session });
    expect(response.statusCode).toBe(204);
    const booth = await server.request({
      method: 'GET',
      url: `/test/elections/${ELECTION_B}/booth`,
      session,
    });
    expect(booth.statusCode).toBe(401);
  });
});

describe('rate limits', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await startAuthTestServer();
  });
  afterAll(async () => server.close());

  const attempt = (email: string, remoteAddress: string) =>
    server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email, password: 'not-the-password' },
      remoteAddress,
    });

  it('answers 429 after LOGIN_FAILURES_PER_ADDRESS failed logins a minute from one address', async () => {
    const address = '203.0.113.10';
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++)
      expect((await attempt(`user${i}@spray.test`, address)).statusCode).toBe(401);
    const refused = await attempt('user10@spray.test', address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: { code: 'SCR_RATE_LIMITED', message: 'Too many attempts; try again later.' },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Other clients are unaffected.
    expect((await attempt('user10@spray.test', '203.0.113.11')).statusCode).toBe(401);
  });

  it('makes one (login, address) pair wait after its free failures, whatever the letter case; the owner elsewhere signs in', async () => {
    const free = DEFAULT_SIGN_IN_BUDGET.freeFailuresPerPair;
    for (let i = 0; i < free; i++) {
      const email = i % 2 === 0 ? 'target@guess.test' : 'TARGET@Guess.test';
      expect((await attempt(email, '203.0.113.100')).statusCode).toBe(401);
    }
    const refused = await attempt('target@guess.test', '203.0.113.100');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Many addresses failing on one login never refuse its owner at another address.
    for (let i = 0; i < 12; i++)
      expect((await attempt(ACCOUNTS.adminB.email, `203.0.113.${150 + i}`)).statusCode).toBe(401);
    const right = await server.request({
      method: 'POST',
      url: LOGIN,
      payload: { email: ACCOUNTS.adminB.email, password: ACCOUNT_PASSWORD },
      remoteAddress: '203.0.113.201',
    });
    expect(right.statusCode).toBe(200);
  });

  it('limits failed voter logins on one (login, address) pair too', async () => {
    const address = '203.0.113.50';
    const voterAttempt = () =>
      server.request({
        method: 'POST',
        url: voterLogin(ELECTION_A),
        payload: { login: 'voter-a', password: 'not-the-password' },
        remoteAddress: address,
      });
    for (let i = 0; i < DEFAULT_SIGN_IN_BUDGET.freeFailuresPerPair; i++)
      expect((await voterAttempt()).statusCode).toBe(401);
    expect((await voterAttempt()).statusCode).toBe(429);
  });

  it('limits casting to 20 requests a minute per voter (castRateLimit)', async () => {
    const voter = await server.signInVoter('voterB', '203.0.113.60');
    const cast = () =>
      server.request({ method: 'POST', url: `/test/elections/${ELECTION_B}/cast`, session: voter });
    for (let i = 0; i < 20; i++) expect((await cast()).statusCode).toBe(200);
    const refused = await cast();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('SCR_RATE_LIMITED');
  });
});

describe('secrets', () => {
  it('are found by the leak check wherever they are planted (the check itself works)', () => {
    const response = (body: string, headers: Record<string, string>) => ({ body, headers }) as never;
    const captured = {
      logs: ['{"msg":"fine"}', '{"msg":"pw hunter2-hunter2"}'],
      responses: [
        response('{"token":"tok-123"}', {}),
        response('', { 'set-cookie': 'a=tok-123', 'x-debug': 'tok-123' }),
      ],
    };
    expect(findLeaks(captured, ['hunter2-hunter2'], ['tok-123'])).toEqual([
      'log line 1',
      'body of response 0',
      'header x-debug of response 1',
    ]);
  });

  it('never appear in a log line, an answer or a header: passwords nowhere, session tokens only in Set-Cookie', async () => {
    const server = await startAuthTestServer();
    try {
      const wrongPassword = 'planted-wrong-password-3Vb#';
      const address = nextAddress();
      const login = (payload: unknown, contentType = 'application/json') =>
        server.request({
          method: 'POST',
          url: LOGIN,
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
          headers: { 'content-type': contentType },
          remoteAddress: nextAddress(),
        });
      const admin = await server.signIn('adminA', address);
      const operator = await server.signIn('operator', nextAddress());
      const voter = await server.signInVoter('voterA', nextAddress());
      // Mistakes users make and attackers try, each with a password somewhere in the request.
      await login({ email: ACCOUNT_PASSWORD, password: wrongPassword });
      await login({ email: ACCOUNTS.adminA.email, password: wrongPassword });
      await login({ email: ACCOUNTS.adminA.email, password: ACCOUNT_PASSWORD.repeat(80) });
      await login({ email: ACCOUNTS.adminA.email, password: ACCOUNT_PASSWORD, extra: wrongPassword });
      await login({ email: ACCOUNTS.adminA.email, password: 42, hint: ACCOUNT_PASSWORD });
      await login(`{"email": "${ACCOUNT_PASSWORD}", "password": `);
      await login(`email=admin%40a.test&password=${ACCOUNT_PASSWORD}`, 'application/x-www-form-urlencoded');
      await login(ACCOUNT_PASSWORD, 'text/plain');
      await server.request({
        method: 'POST',
        url: voterLogin(ELECTION_B),
        payload: { login: VOTER_PASSWORD, password: VOTER_PASSWORD },
        remoteAddress: nextAddress(),
      });
      for (let i = 0; i < 12; i++)
        await login({ email: ACCOUNTS.operator.email, password: `${wrongPassword}${i}` });
      // Sessions used well and badly.
      for (const session of [admin, operator, voter]) {
        await server.request({ method: 'GET', url: ME, session });
        await server.request({
          method: 'POST',
          url: `/test/elections/${ELECTION_A}/admin`,
          session,
          csrf: null,
        });
        await server.request({ method: 'POST', url: `/test/elections/${ELECTION_B}/admin`, session });
        await server.request({ method: 'GET', url: `/test/organisations/org-b`, session });
        await server.request({ method: 'GET', url: `/test/elections/${ELECTION_B}/booth`, session });
        await server.request({ method: 'POST', url: `/test/elections/${ELECTION_A}/cast`, session });
      }
      server.clock.advance(ACCOUNT_SESSION_LIFETIME_MS);
      await server.request({ method: 'GET', url: ME, session: admin });
      await server.request({ method: 'POST', url: LOGOUT, session: operator });

      const tokens = server.captured.responses
        .flatMap((response) => response.cookies)
        .map((cookie) => cookie.value)
        .filter((value) => value !== '');
      expect(tokens).toEqual(expect.arrayContaining([admin.token, operator.token, voter.token]));
      expect(server.captured.logs.length).toBeGreaterThan(50);
      expect(server.captured.logs.join('\n')).toContain('account login refused');
      const leaks = findLeaks(server.captured, [ACCOUNT_PASSWORD, VOTER_PASSWORD, wrongPassword], tokens);
      expect(leaks).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
