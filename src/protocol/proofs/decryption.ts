/**
 * Proof that a decryption factor is α^x for the trustee's key X = g^x (spec §4.18), a Chaum–Pedersen
 * equality of discrete logs: A = g^w, B = α^w, challenge = SHA256(decrypt|φ|X|A,B) mod q.
 */
import { mod } from '../../core/bigint.js';
import type { Group } from '../../core/group.js';
import { hashToZq } from '../../core/hash.js';
import type { Proof } from '../messages.js';
import { DECRYPT } from './domains.js';

const decryptChallenge = (group: Group, fingerprint: string, X: bigint, A: bigint, B: bigint) =>
  hashToZq(`${DECRYPT}|${fingerprint}|${X}|${A},${B}`, group.q);

export function proveDecryptionFactor(
  group: Group,
  fingerprint: string,
  x: bigint,
  X: bigint,
  alpha: bigint,
): Proof {
  const w = group.randomExponent();
  const challenge = decryptChallenge(group, fingerprint, X, group.gPow(w), group.pow(alpha, w));
  return { challenge, response: mod(w - x * challenge, group.q) };
}

export function verifyDecryptionFactor(
  group: Group,
  fingerprint: string,
  X: bigint,
  alpha: bigint,
  factor: bigint,
  proof: Proof,
): boolean {
  if (!group.isExponent(proof.challenge) || !group.isExponent(proof.response)) return false;
  const A = group.mul(group.gPow(proof.response), group.pow(X, proof.challenge));
  const B = group.mul(group.pow(alpha, proof.response), group.pow(factor, proof.challenge));
  return decryptChallenge(group, fingerprint, X, A, B) === proof.challenge;
}
