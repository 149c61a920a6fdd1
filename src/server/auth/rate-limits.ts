/**
 * Rate limits on the endpoints an attacker would hammer: password guessing on the sign-in routes and
 * ballot casting (each ballot costs proof verification). Sign-in counts FAILURES only, per login name
 * (a handful a minute: one name cannot be guessed at from many addresses) and per client address (a
 * generous cap: a section's meeting room or a shared NAT holds many honest members, who all sign in
 * from one address; a success is never refused because of others' successes). Counters live in the memory of one server process (@fastify/rate-limit's local
 * store, created per server instance): with several processes the budget is per process, which still
 * bounds guessing to a small multiple. The client address is `request.ip`: the TCP peer, unless
 * TRUST_PROXY names that peer as a proxy (ServerConfig.trustProxy → Fastify's `trustProxy`), in
 * which case it is the client named in X-Forwarded-For. Behind a proxy without it, every client
 * shares the proxy's budget; with `true` on a port clients reach directly, anyone picks their own.
 */

import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../../core/hash.js';
import { ApiError } from '../errors.js';

const ONE_MINUTE_MS = 60_000;

/** Login attempts per minute, per client address and, separately, per login name. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** Failed sign-ins per minute on one login name (whatever the address). */
export const LOGIN_FAILURES_PER_NAME = 10;
/** Failed sign-ins per minute from one address (many members may share it; a sprayer gets few tries per name). */
export const LOGIN_FAILURES_PER_ADDRESS = 60;
/** Sign-in attempts per minute from one address, successes included: a flood bound only (hashing costs). */
export const SIGN_INS_PER_ADDRESS = 600;
/** Cast requests per minute per voter: revoting is allowed, but not as a flood of proof checks. */
export const CASTS_PER_MINUTE = 20;

/** Every refusal is the catalogue's SCR_RATE_LIMITED (rendered by the app's error handler). */
export function rateLimitedError(): ApiError {
  return new ApiError('SCR_RATE_LIMITED');
}

/** Route config for the login routes: the per-address budget, checked before the body is parsed. */
export const loginRateLimitPerAddress: RateLimitOptions = {
  max: LOGIN_ATTEMPTS_PER_MINUTE,
  timeWindow: ONE_MINUTE_MS,
  keyGenerator: (request) => `address:${request.ip}`,
  errorResponseBuilder: rateLimitedError,
};

/**
 * Options for the per-login-name budget (`app.createRateLimit`), keyed by `nameKey(request)`. The key
 * is hashed: a user who types their password into the login field must not have it kept in memory.
 */
export function loginRateLimitPerName(nameKey: (request: FastifyRequest) => string) {
  return {
    max: LOGIN_ATTEMPTS_PER_MINUTE,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => `name:${sha256Hex(nameKey(request))}`,
  };
}

/**
 * Route config for the casting route: `config: { rateLimit: castRateLimit }`. Keyed by the signed-in
 * voter (by address for requests without a voter session, which the route refuses anyway).
 */
export const castRateLimit: RateLimitOptions = {
  max: CASTS_PER_MINUTE,
  timeWindow: ONE_MINUTE_MS,
  keyGenerator: (request) =>
    request.principal.kind === 'voter' ? `voter:${request.principal.voter.id}` : `address:${request.ip}`,
  errorResponseBuilder: rateLimitedError,
};

/**
 * Failed sign-ins counted per key over a fixed one-minute window, in this process's memory. `check`
 * refuses (SCR_RATE_LIMITED) once a key has used its failures, before the password is even checked,
 * so a guesser cannot tell when it found it; `failed` counts a refusal of credentials. Keys are
 * hashed: a user who types their password into the login field must not have it kept in memory.
 */
export class SignInFailures {
  private readonly counts = new Map<string, { failures: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private static key(kind: 'name' | 'address', value: string): string {
    return `${kind}:${sha256Hex(value)}`;
  }

  private entry(key: string) {
    const now = this.now();
    const found = this.counts.get(key);
    if (found && found.resetAt > now) return found;
    if (this.counts.size > 50_000)
      for (const [k, v] of this.counts) if (v.resetAt <= now) this.counts.delete(k);
    const fresh = { failures: 0, resetAt: now + ONE_MINUTE_MS };
    this.counts.set(key, fresh);
    return fresh;
  }

  /**
   * Throws SCR_RATE_LIMITED when the login name or the address has used its failures this minute,
   * telling the client when to retry (`retry-after`, in seconds).
   */
  check(name: string, address: string, reply?: { header(name: string, value: string): unknown }): void {
    const byName = this.entry(SignInFailures.key('name', name));
    const byAddress = this.entry(SignInFailures.key('address', address));
    const blocked = [
      ...(byName.failures >= LOGIN_FAILURES_PER_NAME ? [byName] : []),
      ...(byAddress.failures >= LOGIN_FAILURES_PER_ADDRESS ? [byAddress] : []),
    ];
    if (blocked.length === 0) return;
    const resetAt = Math.max(...blocked.map((b) => b.resetAt));
    reply?.header('retry-after', String(Math.max(1, Math.ceil((resetAt - this.now()) / 1000))));
    throw rateLimitedError();
  }

  failed(name: string, address: string): void {
    this.entry(SignInFailures.key('name', name)).failures += 1;
    this.entry(SignInFailures.key('address', address)).failures += 1;
  }
}

const failuresByServer = new WeakMap<object, SignInFailures>();

/** The one failure counter of a server (every sign-in route shares it), keyed by its context. */
export function signInFailures(server: object): SignInFailures {
  let found = failuresByServer.get(server);
  if (!found) {
    found = new SignInFailures();
    failuresByServer.set(server, found);
  }
  return found;
}

/** Route config for the sign-in routes: only a flood bound per address (failures are counted apart). */
export const signInFloodLimit: RateLimitOptions = {
  max: SIGN_INS_PER_ADDRESS,
  timeWindow: ONE_MINUTE_MS,
  keyGenerator: (request) => `sign-in:${request.ip}`,
  errorResponseBuilder: rateLimitedError,
};
