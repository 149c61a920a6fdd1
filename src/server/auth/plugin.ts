/**
 * The auth plugin: cookies, sessions, CSRF and the sign-in routes. Registered once on the root
 * instance (it skips Fastify's encapsulation, as fastify-plugin would), before the route plugins, so
 * that every request of every plugin has `request.principal` set by the time a handler runs, and
 * every state-changing request that carries a live session has passed the CSRF check.
 *
 * CSRF: the session cookie is SameSite=Strict already; the `x-csrf-token` header is the second lock,
 * for browsers or set-ups where SameSite does not hold. Requests without a live session are not
 * checked: they act as nobody, and the only anonymous writes are the logins, which take JSON bodies
 * a cross-site form cannot send.
 *
 * Login answers are the same for an unknown login and a wrong password (same message, same scrypt
 * work); failures are logged without the submitted login, because users do type passwords there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../accounts/password.js';
import { AccountLoginReply, MeReply, VoterLoginReply } from '../../contract/auth.js';
import { identityKey } from '../../core/identity.js';
import { secret } from '../../core/secret.js';
import { dummyGeneratedPasswordHash } from '../../delivery/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ANONYMOUS, type Principal, principalOfToken, signedInAccount } from './principal.js';
import { rateLimitedError, type SignInFailures, signInFailures, signInFloodLimit } from './rate-limits.js';
import {
  CSRF_HEADER,
  csrfTokenMatches,
  type OpenedSession,
  openSession,
  parseSessionCookie,
  SESSION_COOKIE,
  type SessionOwner,
  sessionCookieOptions,
} from './sessions.js';
import { strictValidator } from './strict-validator.js';

/** Methods that change nothing, hence need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Login fields are bounded; passwords loosely (NFC normalisation may shorten what the policy counts). */
const LOGIN_PASSWORD = Type.String({ minLength: 1, maxLength: 2 * PASSWORD_MAX_LENGTH });

const AccountLoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320 }), password: LOGIN_PASSWORD },
  { additionalProperties: false },
);
type AccountLoginBody = Static<typeof AccountLoginBody>;

const VoterLoginBody = Type.Object(
  { login: Type.String({ minLength: 1, maxLength: 256 }), password: LOGIN_PASSWORD },
  { additionalProperties: false },
);
type VoterLoginBody = Static<typeof VoterLoginBody>;

const ElectionParams = Type.Object({ electionId: Type.String({ minLength: 1, maxLength: 64 }) });
type ElectionParams = Static<typeof ElectionParams>;

/** `app.register(authPlugin(ctx))` on the root instance, before any route plugin. */
export function authPlugin(ctx: ServerContext): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(fastifyCookie);
    // Not global: only routes that ask (`config: { rateLimit }`) are limited.
    await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: rateLimitedError });
    // No default: Fastify refuses object defaults (they would be shared between requests).
    app.decorateRequest('principal');
    app.addHook('onRequest', (request, reply) => identify(ctx, request, reply));
    registerAccountRoutes(app, ctx);
    registerVoterRoutes(app, ctx);
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'scrutin-auth',
  });
}

/** Sets `request.principal` from the session cookie and enforces CSRF on writes by a live session. */
async function identify(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.principal = ANONYMOUS;
  // Health probes act as nobody and must not touch the store, whatever cookie comes along.
  if (request.routeOptions.config?.probe === true) return;
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return;
  const token = parseSessionCookie(cookie);
  const principal = token === undefined ? ANONYMOUS : await principalOfToken(ctx.store, ctx.clock, token);
  if (principal.kind === 'anonymous') {
    // An expired or unknown cookie would otherwise be sent (and looked up) on every request.
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx.config));
    return;
  }
  request.principal = principal;
  if (SAFE_METHODS.has(request.method)) return;
  const presented = request.headers[CSRF_HEADER];
  if (!csrfTokenMatches(principal.csrfToken, typeof presented === 'string' ? presented : undefined)) {
    throw new ApiError('SCR_CSRF');
  }
}

function registerAccountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const failures = signInFailures(ctx);
  const name = (request: FastifyRequest) => `account:${loginName(request, 'email')}`;

  app.post<{ Body: AccountLoginBody }>(
    '/api/v1/auth/login',
    {
      schema: { body: AccountLoginBody, response: { 200: AccountLoginReply } },
      validatorCompiler: strictValidator,
      config: { rateLimit: signInFloodLimit },
      preHandler: async (request, reply) => checkFailures(failures, name(request), request.ip, reply),
    },
    async (request, reply) => {
      const password = secret(request.body.password, 'password');
      const account = await ctx.store.accounts.findAccountByEmail(request.body.email);
      // An invited account has no password yet; a removed one opens no more: both check a dummy.
      const usable = account?.status === 'active' || account?.status === 'suspended';
      const matches = await verifyPassword(password, usable ? account?.passwordHash : undefined);
      if (account === undefined || !matches) {
        failures.failed(name(request), request.ip);
        request.log.info('account login refused');
        throw new ApiError('SCR_BAD_CREDENTIALS');
      }
      failures.succeeded(name(request), request.ip);
      // Told only to whoever knows the password: a suspended person learns why they cannot get in.
      if (account.status === 'suspended') throw new ApiError('SCR_ACCOUNT_SUSPENDED');
      const session = await replaceSession(ctx, request, reply, { kind: 'account', accountId: account.id });
      request.log.info({ accountId: account.id }, 'account signed in');
      return { account: signedInAccount(account), csrfToken: session.row.csrfToken };
    },
  );

  app.post('/api/v1/auth/logout', async (request, reply) => signOut(ctx, request, reply));

  app.get('/api/v1/auth/me', { schema: { response: { 200: MeReply } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return describe(request.principal);
  });
}

function registerVoterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const failures = signInFailures(ctx);
  const name = (request: FastifyRequest) => {
    const params = request.params as Partial<ElectionParams>;
    return `voter:${params.electionId ?? ''}:${loginName(request, 'login')}`;
  };

  app.post<{ Params: ElectionParams; Body: VoterLoginBody }>(
    '/api/v1/elections/:electionId/voter/login',
    {
      schema: { params: ElectionParams, body: VoterLoginBody, response: { 200: VoterLoginReply } },
      validatorCompiler: strictValidator,
      config: { rateLimit: signInFloodLimit },
      preHandler: async (request, reply) => checkFailures(failures, name(request), request.ip, reply),
    },
    async (request, reply) => {
      const { electionId } = request.params;
      const password = secret(request.body.password, 'password');
      // An unknown election answers like an unknown login: nothing to probe.
      const voter = await ctx.store.voters.findByLogin(electionId, request.body.login);
      // Voter passwords are generated (src/delivery/secrets.ts) and hashed at that cost: an unknown
      // login is checked against a hash of the same cost, so timing does not tell logins apart.
      const matches = await verifyPassword(
        password,
        voter?.passwordHash ?? (await dummyGeneratedPasswordHash()),
      );
      if (voter === undefined || !matches) {
        failures.failed(name(request), request.ip);
        request.log.info({ electionId }, 'voter login refused');
        throw new ApiError('SCR_BAD_CREDENTIALS');
      }
      failures.succeeded(name(request), request.ip);
      const session = await replaceSession(ctx, request, reply, {
        kind: 'voter',
        voterId: voter.id,
        electionId,
      });
      request.log.info({ electionId, voterId: voter.id }, 'voter signed in');
      return {
        voter: { login: voter.login, displayName: voter.displayName },
        csrfToken: session.row.csrfToken,
      };
    },
  );

  app.post<{ Params: ElectionParams }>(
    '/api/v1/elections/:electionId/voter/logout',
    { schema: { params: ElectionParams }, validatorCompiler: strictValidator },
    async (request, reply) => signOut(ctx, request, reply),
  );
}

/**
 * Before a password is checked: refuses a (login, address) pair that must still wait, and holds the
 * answer a little on a login under attack (slowed, never refused).
 */
export async function checkFailures(
  failures: SignInFailures,
  name: string,
  address: string,
  reply: FastifyReply,
): Promise<void> {
  const slowDownMs = failures.check(name, address, reply);
  if (slowDownMs > 0) await sleep(slowDownMs);
}

/** Opens a session for `owner`, closing the one the request came with (one browser, one session). */
async function replaceSession(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  owner: SessionOwner,
): Promise<OpenedSession> {
  if (request.principal.kind !== 'anonymous')
    await ctx.store.accounts.deleteSession(request.principal.tokenHash);
  const session = await openSession(ctx.store, ctx.clock, owner);
  reply.setCookie(SESSION_COOKIE, session.token.reveal(), sessionCookieOptions(ctx.config));
  reply.header('cache-control', 'no-store');
  return session;
}

/** Ends the request's session, whatever its kind; idempotent. */
async function signOut(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (request.principal.kind !== 'anonymous')
    await ctx.store.accounts.deleteSession(request.principal.tokenHash);
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx.config));
  return reply.code(204).send();
}

function describe(principal: Principal) {
  switch (principal.kind) {
    case 'anonymous':
      return { kind: 'anonymous' as const };
    case 'account':
      return { kind: 'account' as const, account: principal.account, csrfToken: principal.csrfToken };
    case 'voter': {
      const { electionId, login, displayName } = principal.voter;
      return {
        kind: 'voter' as const,
        voter: { electionId, login, displayName },
        csrfToken: principal.csrfToken,
      };
    }
  }
}

/** The login name of a validated body, as identities compare, so `Alice@x` and `alice@x` share one budget. */
function loginName(request: FastifyRequest, field: 'email' | 'login'): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[field];
  return typeof value === 'string' ? identityKey(value) : '';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A health probe (/healthz, /readyz): no session lookup, no CSRF check. */
    probe?: boolean;
  }
}
