/**
 * Rate limits on the endpoints an attacker would hammer: password guessing on the two logins (per
 * client address and per login name, so neither many names from one address nor one name from many
 * addresses gets more than a handful of tries a minute) and ballot casting (each ballot costs proof
 * verification). Counters live in the memory of one server process (@fastify/rate-limit's local
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
