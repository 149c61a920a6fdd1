/**
 * Proof of knowledge of the randomness of a non-homomorphic answer (spec §4.11.2):
 * A = g^w, challenge = SHA256(raweg|S|y,α,β|A) mod q, response = w − r·challenge.
 */
import { mod } from '../../core/bigint.js';
import type { Group } from '../../core/group.js';
import { hashToZq } from '../../core/hash.js';
import type { Ciphertext, Proof } from '../messages.js';
import { RAWEG } from './domains.js';

const rawegChallenge = (group: Group, S: string, y: bigint, c: Ciphertext, A: bigint) =>
  hashToZq(`${RAWEG}|${S}|${y},${c.alpha},${c.beta}|${A}`, group.q);

export function proveRawElGamal(group: Group, y: bigint, S: string, c: Ciphertext, r: bigint): Proof {
  const w = group.randomExponent();
  const challenge = rawegChallenge(group, S, y, c, group.gPow(w));
  return { challenge, response: mod(w - r * challenge, group.q) };
}

export function verifyRawElGamal(group: Group, y: bigint, S: string, c: Ciphertext, proof: Proof): boolean {
  if (!group.isExponent(proof.challenge) || !group.isExponent(proof.response)) return false;
  const A = group.mul(group.gPow(proof.response), group.pow(c.alpha, proof.challenge));
  return rawegChallenge(group, S, y, c, A) === proof.challenge;
}
