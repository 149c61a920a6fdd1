/**
 * The world of the tests of src/server/auth/: the test server (../world/server.ts, inject mode, its
 * clock under the test's hand) with dummy routes that use each guard, over a store seeded with two
 * tenants. Every log line and every response goes into `captured`, so a test can assert that no
 * secret reached either.
 */

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/accounts/password.js';
import type { Clock } from '../../src/core/clock.js';
import { accountId, electionId, organisationId } from '../../src/core/ids.js';
import { secret } from '../../src/core/secret.js';
import {
  requireElectionRole,
  requireOperator,
  requireOrganisationAdmin,
  requireVoter,
} from '../../src/server/auth/guards.js';
import { castRateLimit } from '../../src/server/auth/rate-limits.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/server/auth/sessions.js';
import type { ServerContext } from '../../src/server/context.js';
import type { Role, Store } from '../../src/store/store.js';
import { startTestServer } from '../world/server.js';
import { election } from './store-fixtures.js';

/** Every seeded account signs in with this; tests look for it in logs and answers. */
export const ACCOUNT_PASSWORD = 'planted-account-password-7Qx!';
export const VOTER_PASSWORD = 'planted-voter-password-9Zk?';

export const ORG_A = organisationId('org-a');
export const ORG_B = organisationId('org-b');
export const ELECTION_A = electionId('ElectionAAAAAA');
export const ELECTION_B = electionId('ElectionBBBBBB');

/** Seeded accounts by name; each has exactly the grant its name says. */
export const ACCOUNTS = {
  operator: { email: 'operator@platform.test', isOperator: true },
  adminA: { email: 'admin@a.test', organisation: ORG_A },
  adminB: { email: 'admin@b.test', organisation: ORG_B },
  electionAdminA: { email: 'election-admin@a.test', role: 'election-admin' },
  credentialAuthorityA: { email: 'credential-authority@a.test', role: 'credential-authority' },
  trusteeA: { email: 'trustee@a.test', role: 'trustee' },
  scrutineerA: { email: 'scrutineer@a.test', role: 'scrutineer' },
} as const satisfies Record<
  string,
  { email: string; isOperator?: boolean; organisation?: string; role?: Role }
>;
export type AccountName = keyof typeof ACCOUNTS;

export const VOTERS = {
  voterA: { electionId: ELECTION_A, login: 'voter-a' },
  voterB: { electionId: ELECTION_B, login: 'voter-b' },
} as const;
export type VoterName = keyof typeof VOTERS;

export interface TestClock extends Clock {
  advance(milliseconds: number): void;
}

/** A signed-in browser: the cookie value and the CSRF token the page was given. */
export interface TestSession {
  readonly token: string;
  readonly csrfToken: string;
}

export interface TestRequest extends InjectOptions {
  session?: TestSession;
  /** Overrides the CSRF header that `session` would add (null: send none). */
  csrf?: string | null;
}

export interface AuthTestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clock: TestClock;
  readonly captured: { logs: string[]; responses: LightMyRequestResponse[] };
  request(options: TestRequest): Promise<LightMyRequestResponse>;
  signIn(name: AccountName, remoteAddress?: string): Promise<TestSession>;
  signInVoter(name: VoterName, remoteAddress?: string): Promise<TestSession>;
  close(): Promise<void>;
}

export async function startAuthTestServer(
  options: { secureCookies?: boolean } = {},
): Promise<AuthTestServer> {
  let now = Date.parse('2030-03-01T08:00:00Z');
  const clock: TestClock = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
  const server = await startTestServer({
    label: 'auth',
    clock,
    config: { secureCookies: options.secureCookies ?? false, bodyLimit: 65_536 },
    logLevel: 'trace',
  });
  const { app, store } = server;
  const captured = { logs: server.logs, responses: [] as LightMyRequestResponse[] };
  // In a child context, as the real route plugins are: the principal must reach them.
  await app.register(async (routes) => registerGuardedRoutes(routes, server.ctx));
  await seed(store);

  const request = async ({ session, csrf, ...inject }: TestRequest) => {
    const headers: Record<string, string> = { ...(inject.headers as Record<string, string> | undefined) };
    if (session !== undefined) {
      headers.cookie = `${SESSION_COOKIE}=${session.token}`;
      if (csrf === undefined && inject.method !== 'GET') headers[CSRF_HEADER] = session.csrfToken;
    }
    if (typeof csrf === 'string') headers[CSRF_HEADER] = csrf;
    const response = await app.inject({ ...inject, headers });
    captured.responses.push(response);
    return response;
  };

  const sessionOf = (response: LightMyRequestResponse): TestSession => {
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed with ${response.statusCode}: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (cookie === undefined) throw new Error('sign-in set no session cookie');
    return { token: cookie.value, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
  };

  return {
    app,
    store,
    clock,
    captured,
    request,
    signIn: async (name, remoteAddress = '192.0.2.1') =>
      sessionOf(
        await request({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: ACCOUNTS[name].email, password: ACCOUNT_PASSWORD },
          remoteAddress,
        }),
      ),
    signInVoter: async (name, remoteAddress = '192.0.2.1') =>
      sessionOf(
        await request({
          method: 'POST',
          url: `/api/v1/elections/${VOTERS[name].electionId}/voter/login`,
          payload: { login: VOTERS[name].login, password: VOTER_PASSWORD },
          remoteAddress,
        }),
      ),
    close: () => server.close(),
  };
}

/** Dummy routes, one per guard, answering 200 `{ ok: true }` when allowed. */
function registerGuardedRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const ok = { ok: true };
  app.get('/test/operator', async (request) => {
    requireOperator(request);
    return ok;
  });
  app.get<{ Params: { organisationId: string } }>('/test/organisations/:organisationId', async (request) => {
    await requireOrganisationAdmin(ctx, request, request.params.organisationId);
    return ok;
  });
  const electionRoutes: Record<string, Role[]> = {
    admin: ['election-admin'],
    'credential-authority': ['credential-authority'],
    trustee: ['trustee'],
    scrutineer: ['scrutineer'],
  };
  for (const [path, roles] of Object.entries(electionRoutes)) {
    app.get<{ Params: { electionId: string } }>(`/test/elections/:electionId/${path}`, async (request) => {
      await requireElectionRole(ctx, request, request.params.electionId, roles);
      return ok;
    });
  }
  app.post<{ Params: { electionId: string } }>('/test/elections/:electionId/admin', async (request) => {
    await requireElectionRole(ctx, request, request.params.electionId, ['election-admin']);
    return ok;
  });
  app.get<{ Params: { electionId: string } }>('/test/elections/:electionId/booth', async (request) => {
    requireVoter(request, request.params.electionId);
    return ok;
  });
  app.post<{ Params: { electionId: string } }>(
    '/test/elections/:electionId/cast',
    { config: { rateLimit: castRateLimit } },
    async (request) => {
      requireVoter(request, request.params.electionId);
      return ok;
    },
  );
}

async function seed(store: Store): Promise<void> {
  const createdAt = '2030-01-01T00:00:00.000Z';
  const [accountHash, voterHash] = await Promise.all([
    hashPassword(secret(ACCOUNT_PASSWORD, 'password')),
    hashPassword(secret(VOTER_PASSWORD, 'password')),
  ]);
  for (const [id, name] of [
    [ORG_A, 'Organisation A'],
    [ORG_B, 'Organisation B'],
  ] as const) {
    await store.accounts.createOrganisation({ id, name, createdAt });
  }
  for (const [id, organisationId] of [
    [ELECTION_A, ORG_A],
    [ELECTION_B, ORG_B],
  ] as const) {
    await store.elections.create(
      election(id, organisationId, {
        state: 'open',
        name: `Election of ${organisationId}`,
        description: '',
        groupName: 'Ed25519',
        questionsJson: '[]',
        createdAt,
        updatedAt: createdAt,
      }),
    );
  }
  for (const [id, spec] of Object.entries(ACCOUNTS) as [AccountName, (typeof ACCOUNTS)[AccountName]][]) {
    await store.accounts.createAccount({
      id: accountId(id),
      email: spec.email,
      displayName: id,
      passwordHash: accountHash,
      isOperator: 'isOperator' in spec,
      createdAt,
    });
    if ('organisation' in spec)
      await store.accounts.addMembership({
        organisationId: spec.organisation,
        accountId: accountId(id),
        role: 'org-admin',
      });
    if ('role' in spec)
      await store.elections.addRole({ electionId: ELECTION_A, accountId: accountId(id), role: spec.role });
  }
  for (const [id, spec] of Object.entries(VOTERS)) {
    const voter = {
      id,
      electionId: spec.electionId,
      email: `${spec.login}@voters.test`,
      login: spec.login,
      displayName: `Voter ${spec.login}`,
      weight: '1',
      language: 'en',
      publicCredential: null,
      passwordHash: voterHash,
    };
    await store.voters.replace(spec.electionId, [voter]);
  }
}

/** Every place a secret must never appear: log lines, bodies, headers (Set-Cookie excepted for tokens). */
export function findLeaks(
  captured: AuthTestServer['captured'],
  passwords: string[],
  tokens: string[],
): string[] {
  const leaks: string[] = [];
  const check = (where: string, text: string, secrets: string[]) => {
    for (const s of secrets) if (text.includes(s)) leaks.push(where);
  };
  captured.logs.forEach((line, i) => {
    check(`log line ${i}`, line, [...passwords, ...tokens]);
  });
  captured.responses.forEach((response, i) => {
    check(`body of response ${i}`, response.body, [...passwords, ...tokens]);
    for (const [name, value] of Object.entries(response.headers)) {
      const text = Array.isArray(value) ? value.join('\n') : String(value);
      check(
        `header ${name} of response ${i}`,
        text,
        name === 'set-cookie' ? passwords : [...passwords, ...tokens],
      );
    }
  });
  return leaks;
}
