/**
 * Server-side sessions. The browser holds a random 256-bit token in the `scrutin_session` cookie
 * (HttpOnly so scripts cannot read it, SameSite=Strict so other sites cannot send it, Secure over
 * https); the store holds only its SHA-256, so a leaked database opens no session. Each session also
 * has a CSRF token, returned to the page in API answers and echoed back in the `x-csrf-token` header
 * of every state-changing request. Account sessions last 12 h, voter sessions 1 h (a voter needs
 * minutes, and a forgotten booth on a shared computer should not stay open long). The cookie itself
 * has no Max-Age, so it also goes when the browser closes; the server-side expiry is the one that
 * counts.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Clock } from '../../core/clock.js';
import { sha256, sha256Hex } from '../../core/hash.js';
import type { AccountId } from '../../core/ids.js';
import { type Secret, secret } from '../../core/secret.js';
import type { SessionRow, Store } from '../../store/store.js';
import { isHttps, type ServerConfig } from '../context.js';

export const SESSION_COOKIE = 'scrutin_session';
export const CSRF_HEADER = 'x-csrf-token';

export const ACCOUNT_SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const VOTER_SESSION_LIFETIME_MS = 60 * 60 * 1000;

/** 32 random bytes: guessing a live token is out of reach however many sessions exist. */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes, unpadded: 43 characters. Anything else is not one of our tokens. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type SessionToken = Secret<string, 'session token'>;

export type SessionOwner =
  | { kind: 'account'; accountId: AccountId }
  | { kind: 'voter'; voterId: string; electionId: string };

export interface OpenedSession {
  /** Goes into the Set-Cookie header and nowhere else. */
  readonly token: SessionToken;
  readonly row: SessionRow;
}

export function newSessionToken(): SessionToken {
  return secret(randomBytes(TOKEN_BYTES).toString('base64url'), 'session token');
}

/** The store key of a session: lowercase hex SHA-256 of the token text. */
export function sessionTokenHash(token: SessionToken): string {
  return sha256Hex(token.reveal());
}

/** The token carried by a cookie value, or undefined when it cannot be one of ours (no store lookup). */
export function parseSessionCookie(value: string | undefined): SessionToken | undefined {
  // Stryker disable next-line ConditionalExpression: TOKEN_SHAPE.test(undefined) tests "undefined", which is no token either
  return value !== undefined && TOKEN_SHAPE.test(value) ? secret(value, 'session token') : undefined;
}

/** Creates and stores a session; the caller sets the cookie from `token`. */
export async function openSession(store: Store, clock: Clock, owner: SessionOwner): Promise<OpenedSession> {
  const token = newSessionToken();
  const lifetime = owner.kind === 'account' ? ACCOUNT_SESSION_LIFETIME_MS : VOTER_SESSION_LIFETIME_MS;
  const row: SessionRow = {
    tokenHash: sessionTokenHash(token),
    accountId: owner.kind === 'account' ? owner.accountId : null,
    voterId: owner.kind === 'voter' ? owner.voterId : null,
    electionId: owner.kind === 'voter' ? owner.electionId : null,
    csrfToken: randomBytes(TOKEN_BYTES).toString('base64url'),
    expiresAt: new Date(clock.now().getTime() + lifetime).toISOString(),
  };
  await store.accounts.createSession(row);
  return { token, row };
}

/** The unexpired session of a token, if any; an expired one is deleted on the way. */
export async function findLiveSession(
  store: Store,
  clock: Clock,
  token: SessionToken,
): Promise<SessionRow | undefined> {
  const row = await store.accounts.findSession(sessionTokenHash(token));
  if (row === undefined) return undefined;
  if (Date.parse(row.expiresAt) > clock.now().getTime()) return row;
  await store.accounts.deleteSession(row.tokenHash);
  return undefined;
}

/**
 * Constant-time comparison of the session's CSRF token with the header value. Both sides are hashed
 * first so the comparison has a fixed length and the header's length leaks nothing either.
 */
export function csrfTokenMatches(expected: string, presented: string | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: an empty header never hashes like a 43-character token; the test only skips the hashing
  if (presented === undefined || presented.length === 0) return false;
  return timingSafeEqual(sha256(expected), sha256(presented));
}

/**
 * Attributes of the session cookie (also needed, identical, to clear it). `Secure` whenever the
 * public address is https, even if a caller forgot `secureCookies`: a session token must never
 * travel in clear to a server that is meant to be reached over TLS.
 */
export function sessionCookieOptions(config: ServerConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: config.secureCookies || isHttps(config) };
}
