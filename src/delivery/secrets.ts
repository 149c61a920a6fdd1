/**
 * Login secrets the server generates for voters: passwords (16 Base58 characters, about 94 bits)
 * and one-time codes (8 digits). Both are stored only as scrypt hashes in the format of
 * src/accounts/password.ts, so the one `verifyPassword` checks them.
 *
 * Cost: human-chosen passwords get scrypt N=2^15 (≈0.1–0.2 s each) because they are guessable.
 * A generated password has ~94 bits of entropy: no offline search gets anywhere near it whatever the
 * cost (a plain SHA-256 would do, as for session tokens), so it gets N=2^9 (≈1–2 ms, 512 KiB), which
 * is what lets 40,000 passwords be generated and mailed in minutes instead of hours. One-time codes are short but live 10 minutes and allow 5 tries; their
 * hash uses the full cost, since it is the only thing that slows an offline search within those 10
 * minutes should the store leak.
 */
import { randomBytes, randomInt, scrypt } from 'node:crypto';
import { SCRYPT_PARAMETERS, type ScryptParameters } from '../accounts/password.js';
import { BASE58_ALPHABET } from '../core/base58.js';
import { type Secret, secret } from '../core/secret.js';

export const GENERATED_PASSWORD_LENGTH = 16;
export const GENERATED_PASSWORD_SCRYPT: ScryptParameters = { N: 2 ** 9, r: 8, p: 1 };
export const CODE_DIGITS = 8;

export type GeneratedPassword = Secret<string, 'password'>;
export type OneTimeCode = Secret<string, 'password'>;

export function generatePassword(): GeneratedPassword {
  // Rejection sampling over random bytes: uniform over the alphabet, one CSPRNG call per password.
  const limit = 256 - (256 % BASE58_ALPHABET.length);
  let out = '';
  while (out.length < GENERATED_PASSWORD_LENGTH) {
    for (const byte of randomBytes(2 * GENERATED_PASSWORD_LENGTH)) {
      if (byte >= limit) continue;
      out += BASE58_ALPHABET[byte % BASE58_ALPHABET.length];
      if (out.length === GENERATED_PASSWORD_LENGTH) break;
    }
  }
  return secret(out, 'password');
}

export function generateCode(): OneTimeCode {
  return secret(String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0'), 'password');
}

/** `scrypt$N$r$p$salt$hash`, verifiable by `verifyPassword`. */
export function hashGeneratedSecret(
  value: Secret<string, string>,
  parameters: ScryptParameters = GENERATED_PASSWORD_SCRYPT,
): Promise<string> {
  const { N, r, p } = parameters;
  const salt = randomBytes(16);
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(value.reveal().normalize('NFC'), salt, 32, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(['scrypt', N, r, p, unpadded(salt), unpadded(key)].join('$')),
    );
  });
}

export function hashCode(code: OneTimeCode): Promise<string> {
  return hashGeneratedSecret(code, SCRYPT_PARAMETERS);
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

let dummyHash: string | undefined;

/**
 * A hash with the generated-password parameters, for a sign-in route to check against when the
 * login is unknown: the refusal then costs what checking a real voter's password costs, so timing
 * does not tell which logins exist (the default dummy in password.ts uses the human-password cost).
 */
export async function dummyGeneratedPasswordHash(): Promise<string> {
  dummyHash ??= await hashGeneratedSecret(generatePassword());
  return dummyHash;
}
