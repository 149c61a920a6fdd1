/**
 * Disjunctive Chaum–Pedersen proofs that (α, β) = (g^r, y^r·g^M) with M in a list M0…Mk (spec §4.12),
 * the "iprove" of the spec. One branch is real, the others simulated; the challenges sum to the hash.
 * The same machinery serves the blank-vote proofs of §4.13 (blank.ts), which mix statements.
 */

import { mod } from '../../core/bigint.js';
import type { Group } from '../../core/group.js';
import { hashToZq } from '../../core/hash.js';
import type { Ciphertext, Proof } from '../messages.js';
import { PROVE } from './domains.js';

/** A statement "(α, β') = (g^r, y^r)" for one branch, where β' = β/g^M has already been formed. */
export interface Branch {
  alpha: bigint;
  beta: bigint;
}

export interface Commitment {
  A: bigint;
  B: bigint;
}

/** Simulated branch: random challenge and response, commitments solved backwards. */
export function simulateBranch(
  group: Group,
  y: bigint,
  branch: Branch,
): { proof: Proof; commitment: Commitment } {
  const challenge = group.randomExponent();
  const response = group.randomExponent();
  return {
    proof: { challenge, response },
    commitment: branchCommitment(group, y, branch, { challenge, response }),
  };
}

/** A = g^response·α^challenge, B = y^response·β^challenge. */
export function branchCommitment(group: Group, y: bigint, branch: Branch, proof: Proof): Commitment {
  return {
    A: group.mul(group.gPow(proof.response), group.pow(branch.alpha, proof.challenge)),
    B: group.mul(group.pow(y, proof.response), group.pow(branch.beta, proof.challenge)),
  };
}

export const commitmentsString = (commitments: Commitment[]) =>
  commitments.map(({ A, B }) => `${A},${B}`).join(',');

/** β/g^M as one multiplication by a cached g^(-M). */
export function shifted(group: Group, ciphertext: Ciphertext, M: number): Branch {
  return { alpha: ciphertext.alpha, beta: group.mul(ciphertext.beta, group.gInversePow(M)) };
}

/**
 * Proves branch `real` (witness r) among `branches`, with the challenges summing to hashOf(commitments).
 * Exported for the blank proofs, which use the same shape with different hashes and statements.
 */
export function proveDisjunction(
  group: Group,
  y: bigint,
  branches: Branch[],
  real: number,
  r: bigint,
  hashOf: (commitments: Commitment[]) => bigint,
): Proof[] {
  const proofs: Proof[] = [];
  const commitments: Commitment[] = [];
  const w = group.randomExponent();
  branches.forEach((branch, j) => {
    if (j === real) {
      proofs.push({ challenge: 0n, response: 0n });
      commitments.push({ A: group.gPow(w), B: group.pow(y, w) });
    } else {
      const simulated = simulateBranch(group, y, branch);
      proofs.push(simulated.proof);
      commitments.push(simulated.commitment);
    }
  });
  const others = proofs.reduce((sum, proof, j) => (j === real ? sum : sum + proof.challenge), 0n);
  const challenge = mod(hashOf(commitments) - others, group.q);
  proofs[real] = { challenge, response: mod(w - r * challenge, group.q) };
  return proofs;
}

export function verifyDisjunction(
  group: Group,
  y: bigint,
  branches: Branch[],
  proofs: Proof[],
  hashOf: (commitments: Commitment[]) => bigint,
): boolean {
  if (proofs.length !== branches.length) return false;
  let sum = 0n;
  const commitments: Commitment[] = [];
  for (let j = 0; j < branches.length; j++) {
    const proof = proofs[j]!;
    if (!group.isExponent(proof.challenge) || !group.isExponent(proof.response)) return false;
    commitments.push(branchCommitment(group, y, branches[j]!, proof));
    sum += proof.challenge;
  }
  return hashOf(commitments) === mod(sum, group.q);
}

const intervalHash = (group: Group, S: string, ciphertext: Ciphertext) => (commitments: Commitment[]) =>
  hashToZq(`${PROVE}|${S}|${ciphertext.alpha},${ciphertext.beta}|${commitmentsString(commitments)}`, group.q);

/** iprove(S, r, i, M0…Mk): `index` is the position of the true plaintext in `values`. */
export function proveInterval(
  group: Group,
  y: bigint,
  S: string,
  ciphertext: Ciphertext,
  r: bigint,
  index: number,
  values: number[],
): Proof[] {
  const branches = values.map((M) => shifted(group, ciphertext, M));
  return proveDisjunction(group, y, branches, index, r, intervalHash(group, S, ciphertext));
}

export function verifyInterval(
  group: Group,
  y: bigint,
  S: string,
  ciphertext: Ciphertext,
  proofs: Proof[],
  values: number[],
): boolean {
  const branches = values.map((M) => shifted(group, ciphertext, M));
  return verifyDisjunction(group, y, branches, proofs, intervalHash(group, S, ciphertext));
}

export function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
