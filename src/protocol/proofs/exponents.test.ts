/**
 * Schnorr (§4.5, §4.6.1, §4.14), raw ElGamal (§4.11.2) and decryption-factor (§4.18) proofs: each
 * verifies as made, and refuses a challenge or a response outside Zq even when it is congruent to the
 * real one mod q (the commitment recomputed from it would match), as belenios-tool does.
 */
import { describe, expect, it } from 'vitest';
import { mod } from '../../core/bigint.js';
import { requireGroup } from '../../core/group.js';
import type { Proof } from '../messages.js';
import { proveDecryptionFactor, verifyDecryptionFactor } from './decryption.js';
import { proveRawElGamal, verifyRawElGamal } from './raw-elgamal.js';
import {
  ballotSignatureChallenge,
  pokChallenge,
  proveDlog,
  signedMessageChallenge,
  verifyDlog,
} from './schnorr.js';

const group = requireGroup('BELENIOS-2048');
const x = group.randomExponent();
const X = group.gPow(x);

/** The proof unchanged, then each exponent pushed out of [0, q) by ±q. */
function outOfRange(proof: Proof): Proof[] {
  return [
    { ...proof, challenge: proof.challenge + group.q },
    { ...proof, challenge: proof.challenge - group.q },
    { ...proof, response: proof.response + group.q },
    { ...proof, response: proof.response - group.q },
  ];
}

describe('Fiat–Shamir proofs refuse exponents outside Zq', () => {
  it.each([
    ['pok', () => pokChallenge(group, X)],
    ['sigmsg', () => signedMessageChallenge(group, 'message')],
    ['sig', () => ballotSignatureChallenge(group, 'hash')],
  ])('Schnorr (%s)', (_name, challengeFor) => {
    const challengeOf = challengeFor();
    const proof = proveDlog(group, x, challengeOf);
    expect(verifyDlog(group, X, proof, challengeOf)).toBe(true);
    expect(verifyDlog(group, group.mul(X, group.g), proof, challengeOf)).toBe(false);
    for (const bad of outOfRange(proof)) expect(verifyDlog(group, X, bad, challengeOf)).toBe(false);
  });

  it('raw ElGamal', () => {
    const r = group.randomExponent();
    const c = { alpha: group.gPow(r), beta: group.mul(group.pow(X, r), group.g) };
    const proof = proveRawElGamal(group, X, 'S', c, r);
    expect(verifyRawElGamal(group, X, 'S', c, proof)).toBe(true);
    expect(verifyRawElGamal(group, X, 'S2', c, proof)).toBe(false);
    for (const bad of outOfRange(proof)) expect(verifyRawElGamal(group, X, 'S', c, bad)).toBe(false);
  });

  it('decryption factor', () => {
    const alpha = group.gPow(group.randomExponent());
    const factor = group.pow(alpha, x);
    const proof = proveDecryptionFactor(group, 'fp', x, X, alpha);
    expect(verifyDecryptionFactor(group, 'fp', X, alpha, factor, proof)).toBe(true);
    expect(verifyDecryptionFactor(group, 'fp', X, alpha, group.mul(factor, group.g), proof)).toBe(false);
    expect(mod(proof.challenge, group.q)).toBe(proof.challenge);
    for (const bad of outOfRange(proof))
      expect(verifyDecryptionFactor(group, 'fp', X, alpha, factor, bad)).toBe(false);
  });
});
