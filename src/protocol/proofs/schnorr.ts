/**
 * Schnorr proofs of knowledge of a discrete logarithm x of X = g^x, bound to a statement string:
 * A = g^w, challenge = H(A), response = w − x·challenge; verified by recomputing A = g^response·X^challenge.
 * Used for trustee keys (§4.5), signed messages (§4.6.1) and ballot signatures (§4.14); the three
 * differ only in the string hashed, built by the callers below.
 */

import { mod } from '../../core/bigint.js';
import type { Group } from '../../core/group.js';
import { hashToZq } from '../../core/hash.js';
import type { Proof } from '../messages.js';
import { POK, SIG, SIGMSG } from './domains.js';

type Challenge = (commitment: bigint) => bigint;

export function proveDlog(group: Group, x: bigint, challengeOf: Challenge): Proof {
  const w = group.randomExponent();
  const challenge = challengeOf(group.gPow(w));
  return { challenge, response: mod(w - x * challenge, group.q) };
}

export function verifyDlog(group: Group, X: bigint, proof: Proof, challengeOf: Challenge): boolean {
  if (!group.isExponent(proof.challenge) || !group.isExponent(proof.response)) return false;
  const commitment = group.mul(group.gPow(proof.response), group.pow(X, proof.challenge));
  return challengeOf(commitment) === proof.challenge;
}

/** §4.5: the group string is the bare name (e.g. pok|BELENIOS-2048|X|A). */
export const pokChallenge = (group: Group, X: bigint) => (A: bigint) =>
  hashToZq(`${POK}|${group.name}|${X}|${A}`, group.q);

/** §4.6.1: the spec omits "mod q"; the challenge is compared as an exponent, as belenios-tool does. */
export const signedMessageChallenge = (group: Group, message: string) => (A: bigint) =>
  hashToZq(`${SIGMSG}|${message}|${A}`, group.q);

/** §4.14: H is the Base64 hash of the unsigned ballot. */
export const ballotSignatureChallenge = (group: Group, ballotHash: string) => (A: bigint) =>
  hashToZq(`${SIG}|${ballotHash}|${A}`, group.q);
