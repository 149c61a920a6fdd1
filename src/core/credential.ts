/**
 * Voter credentials (spec §4.8). A private credential is 14 random Base58 characters plus a checksum,
 * written XXX-XXX-XXX-XXX-XXX; its secret exponent is PBKDF2-HMAC-SHA256(credential, uuid, 1000, 32)
 * mod q and the public credential is g^secret. The PBKDF2 password is the dashed form (checked
 * against belenios-tool's files), so an undashed input is normalised to it first.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { BASE58_ALPHABET, base58DigitValue, isBase58, randomBase58 } from './base58.js';
import { bytesToBigInt } from './bigint.js';
import type { Group } from './group.js';
import { type Secret, secret } from './secret.js';

const CREDENTIAL_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{3}(-?[1-9A-HJ-NP-Za-km-z]{3}){4}$/;

export type PrivateCredential = Secret<string, 'PrivateCredential'>;

function checksumOf(first14: string): string {
  let n = 0n;
  for (const char of first14) n = n * 58n + BigInt(base58DigitValue(char));
  return BASE58_ALPHABET[53 - Number(n % 53n)]!;
}

function dashed(raw15: string): string {
  return raw15.match(/.{3}/g)!.join('-');
}

export function generatePrivateCredential(): PrivateCredential {
  const body = randomBase58(14);
  return secret(dashed(body + checksumOf(body)), 'PrivateCredential');
}

export type CredentialParseError = 'format' | 'checksum';

/** Accepts both written forms; returns the dashed form or why it is not a credential. */
export function parsePrivateCredential(
  text: string,
): { ok: true; credential: PrivateCredential } | { ok: false; error: CredentialParseError } {
  const trimmed = text.trim();
  if (!CREDENTIAL_PATTERN.test(trimmed) || !isBase58(trimmed.replaceAll('-', ''))) {
    return { ok: false, error: 'format' };
  }
  const raw = trimmed.replaceAll('-', '');
  if (raw.length !== 15) return { ok: false, error: 'format' };
  if (checksumOf(raw.slice(0, 14)) !== raw[14]) return { ok: false, error: 'checksum' };
  return { ok: true, credential: secret(dashed(raw), 'PrivateCredential') };
}

export function credentialSecret(
  credential: PrivateCredential,
  uuid: string,
  group: Group,
): Secret<bigint, 'CredentialSecret'> {
  const derived = pbkdf2(sha256, credential.reveal(), uuid, { c: 1000, dkLen: 32 });
  return secret(bytesToBigInt(derived) % group.q, 'CredentialSecret');
}

export function publicCredential(credential: PrivateCredential, uuid: string, group: Group): bigint {
  return group.gPow(credentialSecret(credential, uuid, group).reveal());
}
