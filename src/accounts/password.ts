/**
 * Password hashing with scrypt (RFC 7914) from node:crypto, for accounts and voters. A stored hash is
 * self-describing text, `scrypt$N$r$p$salt$hash` (salt and hash in unpadded standard Base64), so the
 * cost can be raised later without invalidating existing hashes. Passwords are Unicode-normalised
 * (NFC) first, so the same password typed on two systems hashes the same. Verification compares in
 * constant time, and answering "no such account" costs as much as a wrong password: callers pass
 * `undefined` as the stored hash and a dummy derivation runs, so timing does not tell whether a login
 * exists.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../core/secret.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export type Password = Secret<string, 'password'>;

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 128·N·r = 32 MiB of memory and ~0.1–0.2 s of one core per hash, a cost a
 * login can afford and an offline attack per guess cannot (RFC 7914 §2 describes the parameters).
 */
export const SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Bounds on what a stored hash may ask for, so a corrupted row cannot make a login eat the machine. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Length policy (in Unicode code points): long enough to resist guessing, short enough to bound input. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

export type PasswordPolicyOutcome =
  | { ok: true }
  | { ok: false; kind: 'too-short'; minLength: number }
  | { ok: false; kind: 'too-long'; maxLength: number }
  | { ok: false; kind: 'common' };

/** Checks a new password against the policy; the outcome names the rule, never the password. */
export function checkPasswordPolicy(password: Password): PasswordPolicyOutcome {
  const length = [...password.reveal().normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, kind: 'too-short', minLength: PASSWORD_MIN_LENGTH };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, kind: 'too-long', maxLength: PASSWORD_MAX_LENGTH };
  // Case does not make a listed password any less likely to be tried first.
  if (COMMON_PASSWORDS.has(password.reveal().normalize('NFC').toLowerCase()))
    return { ok: false, kind: 'common' };
  return { ok: true };
}

/** Thrown by `hashPassword` when the caller skipped the policy check: a bug, hence an exception. */
export class PasswordPolicyError extends RangeError {
  constructor(readonly outcome: Exclude<PasswordPolicyOutcome, { ok: true }>) {
    super(
      outcome.kind === 'too-short'
        ? `password must be at least ${outcome.minLength} characters long`
        : outcome.kind === 'too-long'
          ? `password must be at most ${outcome.maxLength} characters long`
          : 'password is a common one',
    );
    this.name = 'PasswordPolicyError';
  }
}

/** Hashes a new password (which must satisfy the policy) with a fresh salt and the current parameters. */
export async function hashPassword(password: Password): Promise<string> {
  const policy = checkPasswordPolicy(password);
  if (!policy.ok) throw new PasswordPolicyError(policy);
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, SCRYPT_PARAMETERS);
  const { N, r, p } = SCRYPT_PARAMETERS;
  return ['scrypt', N, r, p, toBase64(salt), toBase64(key)].join('$');
}

/**
 * True when `password` matches `stored`. With no stored hash (unknown login, or a voter without a
 * password) a derivation with the default parameters runs anyway and the answer is false. A stored
 * value that is not a well-formed scrypt hash is data corruption, reported as an exception.
 */
export async function verifyPassword(
  password: Password,
  stored: string | null | undefined,
): Promise<boolean> {
  if (stored === null || stored === undefined) {
    await deriveKey(password, randomBytes(SALT_BYTES), KEY_BYTES, SCRYPT_PARAMETERS);
    return false;
  }
  const parsed = parseStoredHash(stored);
  const key = await deriveKey(password, parsed.salt, parsed.hash.length, parsed.parameters);
  return timingSafeEqual(key, parsed.hash);
}

interface StoredHash {
  parameters: ScryptParameters;
  salt: Buffer;
  hash: Buffer;
}

// Any salt is accepted when verifying (RFC 7914's test vectors use a 4-byte one); new hashes get 16 bytes.
const STORED_HASH =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]{2,88})\$([A-Za-z0-9+/]{22,88})$/;

function parseStoredHash(stored: string): StoredHash {
  const match = STORED_HASH.exec(stored);
  // The message never quotes the stored value: it would end up in a log.
  if (!match) throw new Error('stored password hash is not in the scrypt$N$r$p$salt$hash format');
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = (parameters.N & (parameters.N - 1)) === 0;
  if (!powerOfTwo || parameters.N < 2 || parameters.N > MAX_N)
    throw new Error('stored password hash has a bad N');
  if (parameters.r < 1 || parameters.r > MAX_R) throw new Error('stored password hash has a bad r');
  if (parameters.p < 1 || parameters.p > MAX_P) throw new Error('stored password hash has a bad p');
  return { parameters, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

function deriveKey(
  password: Password,
  salt: Buffer,
  keyLength: number,
  { N, r, p }: ScryptParameters,
): Promise<Buffer> {
  // OpenSSL needs about 128·r·(N + p + 2) bytes; Node's default cap (32 MiB) is exactly our cost, so
  // the cap is computed, with slack, instead of relying on the default.
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.reveal().normalize('NFC'), salt, keyLength, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function toBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
