/**
 * Rate limits on the endpoints an attacker would hammer: password guessing on the sign-in routes and
 * ballot casting (each ballot costs proof verification). Sign-in counts FAILURES only, per (login,
 * client address) pair with growing delays, and per client address (a generous cap: a section's
 * meeting room or a shared NAT holds many honest members, who all sign in from one address; a
 * success is never refused because of others' successes). No budget is per login alone: that would
 * let anyone lock its owner out (issue 15). Counters live in the memory of one server process (@fastify/rate-limit's local
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
 * How many failed sign-ins are let through, and how fast, before a pair waits (a server setting:
 * `ServerConfig.signIn`, lowered by tests).
 */
export interface SignInBudget {
  /** Failures one (login, address) pair may make back to back before delays start. */
  readonly freeFailuresPerPair: number;
  /** The first delay after those; it doubles with each further failure of the pair, up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures from one address, whatever the logins, per `windowMs` (a password sprayer). */
  readonly failuresPerAddress: number;
  readonly windowMs: number;
  /**
   * Failures on one login, from every address, per `windowMs` above which each attempt on that login
   * is answered `slowDownMs` later — slowed, never refused: the right password from an address that
   * has not failed always opens.
   */
  readonly slowAfterLoginFailures: number;
  readonly slowDownMs: number;
  /** A pair that stops failing is forgotten this long after its last failure. */
  readonly pairMemoryMs: number;
}

export const DEFAULT_SIGN_IN_BUDGET: SignInBudget = {
  freeFailuresPerPair: 5,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * ONE_MINUTE_MS,
  failuresPerAddress: LOGIN_FAILURES_PER_ADDRESS,
  windowMs: ONE_MINUTE_MS,
  slowAfterLoginFailures: 30,
  slowDownMs: 1_000,
  pairMemoryMs: 60 * ONE_MINUTE_MS,
};

interface PairState {
  failures: number;
  /** Before this instant (ms) the pair's next attempt is refused without checking the password. */
  nextAllowedAt: number;
  forgetAt: number;
}

interface WindowCount {
  failures: number;
  resetAt: number;
}

/**
 * Failed sign-ins, in this process's memory. Nobody can lock another person out: the delays fall
 * on the (login, client address) pair that failed, so attackers hammering a login from their
 * addresses never delay its owner at another address; the per-login count only slows every
 * attempt on it a little. `check` runs before the password is checked (a refused attempt learns
 * nothing); `failed` and `succeeded` follow the outcome. Keys are hashed: a user who types their
 * password into the login field must not have it kept in memory.
 */
export class SignInFailures {
  private readonly pairs = new Map<string, PairState>();
  private readonly addresses = new Map<string, WindowCount>();
  private readonly logins = new Map<string, WindowCount>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly budget: SignInBudget = DEFAULT_SIGN_IN_BUDGET,
  ) {}

  private static key(...parts: string[]): string {
    return sha256Hex(parts.join('\u0000'));
  }

  private window(map: Map<string, WindowCount>, key: string): WindowCount {
    const now = this.now();
    const found = map.get(key);
    if (found && found.resetAt > now) return found;
    if (map.size > 50_000) for (const [k, v] of map) if (v.resetAt <= now) map.delete(k);
    const fresh = { failures: 0, resetAt: now + this.budget.windowMs };
    map.set(key, fresh);
    return fresh;
  }

  private pair(name: string, address: string): PairState | undefined {
    const key = SignInFailures.key('pair', name, address);
    const found = this.pairs.get(key);
    if (found === undefined) return undefined;
    if (found.forgetAt <= this.now()) {
      this.pairs.delete(key);
      return undefined;
    }
    return found;
  }

  /**
   * Throws SCR_RATE_LIMITED when this pair must still wait, or this address has used its failures
   * this window, telling the client when to retry (`retry-after`, in seconds). Otherwise answers how
   * long to hold the answer (0, or `slowDownMs` for a login under attack).
   */
  check(name: string, address: string, reply?: { header(name: string, value: string): unknown }): number {
    const now = this.now();
    const pair = this.pair(name, address);
    const byAddress = this.window(this.addresses, SignInFailures.key('address', address));
    const waits: number[] = [];
    if (pair !== undefined && pair.nextAllowedAt > now) waits.push(pair.nextAllowedAt);
    if (byAddress.failures >= this.budget.failuresPerAddress) waits.push(byAddress.resetAt);
    if (waits.length > 0) {
      const until = Math.max(...waits);
      reply?.header('retry-after', String(Math.max(1, Math.ceil((until - now) / 1000))));
      throw rateLimitedError();
    }
    const byLogin = this.window(this.logins, SignInFailures.key('login', name));
    return byLogin.failures >= this.budget.slowAfterLoginFailures ? this.budget.slowDownMs : 0;
  }

  failed(name: string, address: string): void {
    const now = this.now();
    const key = SignInFailures.key('pair', name, address);
    const pair = this.pair(name, address) ?? { failures: 0, nextAllowedAt: 0, forgetAt: 0 };
    pair.failures += 1;
    const beyond = pair.failures - this.budget.freeFailuresPerPair;
    if (beyond >= 0)
      pair.nextAllowedAt =
        now + Math.min(this.budget.maxDelayMs, this.budget.firstDelayMs * 2 ** Math.min(beyond, 30));
    pair.forgetAt = now + Math.max(this.budget.pairMemoryMs, pair.nextAllowedAt - now);
    if (this.pairs.size > 100_000)
      for (const [k, v] of this.pairs) if (v.forgetAt <= now) this.pairs.delete(k);
    this.pairs.set(key, pair);
    this.window(this.addresses, SignInFailures.key('address', address)).failures += 1;
    this.window(this.logins, SignInFailures.key('login', name)).failures += 1;
  }

  /** The right password: this pair starts afresh (the address's and login's counts stay). */
  succeeded(name: string, address: string): void {
    this.pairs.delete(SignInFailures.key('pair', name, address));
  }
}

const failuresByServer = new WeakMap<object, SignInFailures>();

/**
 * The one failure counter of a server (every sign-in route shares it), keyed by its context, on
 * the context's clock and with its budget.
 */
export function signInFailures(server: {
  readonly clock: { now(): Date };
  readonly config: { readonly signIn?: Partial<SignInBudget> };
}): SignInFailures {
  let found = failuresByServer.get(server);
  if (!found) {
    found = new SignInFailures(() => server.clock.now().getTime(), {
      ...DEFAULT_SIGN_IN_BUDGET,
      ...server.config.signIn,
    });
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
