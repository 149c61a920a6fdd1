/**
 * Interval and blank-vote proofs (spec §4.12–4.13) on their own: a proof made for a ciphertext
 * verifies, and every change a forger could try is refused — a challenge or response outside Zq
 * (even one congruent to the real one), a branch missing or added, another statement, another value
 * list. Ballots reach these checks only after their shape was checked, so these cases are seen here.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { requireGroup } from '../../core/group.js';
import type { Ciphertext, Proof } from '../messages.js';
import { proveBlank, verifyBlank } from './blank.js';
import { proveInterval, range, verifyInterval } from './interval.js';

const group = requireGroup('BELENIOS-2048');
const x = group.randomExponent();
const y = group.gPow(x);
const S = 'fingerprint|credential';

function encrypt(m: number, r: bigint): Ciphertext {
  return { alpha: group.gPow(r), beta: group.mul(group.pow(y, r), group.gPow(BigInt(m))) };
}

const r = group.randomExponent();
const ciphertext = encrypt(1, r);
const values = [0, 1];
// Made in a hook, not on import: a broken prover must fail tests, not the file (see docs/testing.md).
let proof: Proof[];
beforeEach(() => {
  proof = proveInterval(group, y, S, ciphertext, r, 1, values);
});

const withProof = (j: number, change: Partial<Proof>) =>
  proof.map((p, i) => (i === j ? { ...p, ...change } : p));

describe('interval proofs', () => {
  it('verify for the ciphertext, statement and values they were made for', () => {
    expect(verifyInterval(group, y, S, ciphertext, proof, values)).toBe(true);
  });

  it('refuse a challenge or a response outside Zq, even one equal to the real one mod q', () => {
    for (const j of [0, 1]) {
      const { challenge, response } = proof[j]!;
      for (const bad of [
        { challenge: challenge + group.q },
        { response: response + group.q },
        { challenge: challenge - group.q },
        { response: response - group.q },
      ]) {
        expect(
          verifyInterval(group, y, S, ciphertext, withProof(j, bad), values),
          JSON.stringify(Object.keys(bad)),
        ).toBe(false);
      }
    }
  });

  it('refuse a branch missing or one branch too many', () => {
    expect(verifyInterval(group, y, S, ciphertext, proof.slice(0, 1), values)).toBe(false);
    expect(verifyInterval(group, y, S, ciphertext, [...proof, proof[0]!], values)).toBe(false);
  });

  it('refuse another statement, ciphertext or value list', () => {
    expect(verifyInterval(group, y, `${S}x`, ciphertext, proof, values)).toBe(false);
    expect(verifyInterval(group, y, S, encrypt(1, r + 1n), proof, values)).toBe(false);
    expect(verifyInterval(group, y, S, ciphertext, proof, [1, 2])).toBe(false);
  });

  it('range(min, max) lists min…max', () => {
    expect(range(0, 1)).toEqual([0, 1]);
    expect(range(2, 4)).toEqual([2, 3, 4]);
    expect(range(3, 3)).toEqual([3]);
  });
});

describe('blank proofs', () => {
  // Slot 0 says blank; the other slots are summed. Values: one or two choices.
  const choiceValues = [1, 2];
  function ballotOf(isBlank: boolean, mSum: number) {
    const r0 = group.randomExponent();
    const rSum = group.randomExponent();
    const blankSlot = encrypt(isBlank ? 1 : 0, r0);
    const sum = encrypt(mSum, rSum);
    const proofs = proveBlank(group, y, S, blankSlot, sum, choiceValues, { isBlank, r0, rSum, mSum });
    return { blankSlot, sum, proofs };
  }

  it('verify a blank vote and a vote for one or two choices', () => {
    for (const [isBlank, mSum] of [
      [true, 0],
      [false, 1],
      [false, 2],
    ] as const) {
      const { blankSlot, sum, proofs } = ballotOf(isBlank, mSum);
      expect(verifyBlank(group, y, S, blankSlot, sum, choiceValues, proofs), `${isBlank} ${mSum}`).toBe(true);
    }
  });

  it('refuse either proof of another ballot, or under another statement', () => {
    const one = ballotOf(false, 1);
    const other = ballotOf(true, 0);
    const { blankSlot, sum } = one;
    expect(
      verifyBlank(group, y, S, blankSlot, sum, choiceValues, {
        ...one.proofs,
        blank_proof: other.proofs.blank_proof,
      }),
    ).toBe(false);
    expect(
      verifyBlank(group, y, S, blankSlot, sum, choiceValues, {
        ...one.proofs,
        overall_proof: other.proofs.overall_proof,
      }),
    ).toBe(false);
    expect(verifyBlank(group, y, `${S}x`, blankSlot, sum, choiceValues, one.proofs)).toBe(false);
  });
});
