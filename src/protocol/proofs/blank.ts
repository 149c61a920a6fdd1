/**
 * Proofs for questions that allow a blank vote (spec §4.13). Slot 0 says "blank", slots 1…n the
 * choices; with (α0,β0) slot 0 and (αΣ,βΣ) the product of the others:
 *  - blank_proof: m0 = 0 ∨ mΣ = 0 (two branches, hash bproof0),
 *  - overall_proof: m0 = 1 ∨ mΣ ∈ [min…max] (1 + (max−min+1) branches, hash bproof1).
 */
import type { Group } from '../../core/group.js';
import { hashToZq } from '../../core/hash.js';
import type { Ciphertext, Proof } from '../messages.js';
import { BPROOF0, BPROOF1 } from './domains.js';
import {
  type Branch,
  type Commitment,
  commitmentsString,
  proveDisjunction,
  shifted,
  verifyDisjunction,
} from './interval.js';

const hashWith = (prefix: string, group: Group, S: string) => (commitments: Commitment[]) =>
  hashToZq(`${prefix}|${S}|${commitmentsString(commitments)}`, group.q);

const blankBranches = (blankSlot: Ciphertext, sum: Ciphertext): Branch[] => [blankSlot, sum];

function overallBranches(group: Group, blankSlot: Ciphertext, sum: Ciphertext, values: number[]): Branch[] {
  return [shifted(group, blankSlot, 1), ...values.map((M) => shifted(group, sum, M))];
}

export interface BlankWitness {
  isBlank: boolean;
  /** randomness of slot 0 */
  r0: bigint;
  /** sum of the randomness of slots 1…n */
  rSum: bigint;
  /** number of choices ticked (0 when blank) */
  mSum: number;
}

export function proveBlank(
  group: Group,
  y: bigint,
  S: string,
  blankSlot: Ciphertext,
  sum: Ciphertext,
  values: number[],
  witness: BlankWitness,
): { blank_proof: Proof[]; overall_proof: Proof[] } {
  const blank_proof = witness.isBlank
    ? proveDisjunction(group, y, blankBranches(blankSlot, sum), 1, witness.rSum, hashWith(BPROOF0, group, S))
    : proveDisjunction(group, y, blankBranches(blankSlot, sum), 0, witness.r0, hashWith(BPROOF0, group, S));
  const branches = overallBranches(group, blankSlot, sum, values);
  const overall_proof = witness.isBlank
    ? proveDisjunction(group, y, branches, 0, witness.r0, hashWith(BPROOF1, group, S))
    : proveDisjunction(
        group,
        y,
        branches,
        1 + values.indexOf(witness.mSum),
        witness.rSum,
        hashWith(BPROOF1, group, S),
      );
  return { blank_proof, overall_proof };
}

export function verifyBlank(
  group: Group,
  y: bigint,
  S: string,
  blankSlot: Ciphertext,
  sum: Ciphertext,
  values: number[],
  proofs: { blank_proof: Proof[]; overall_proof: Proof[] },
): boolean {
  return (
    verifyDisjunction(
      group,
      y,
      blankBranches(blankSlot, sum),
      proofs.blank_proof,
      hashWith(BPROOF0, group, S),
    ) &&
    verifyDisjunction(
      group,
      y,
      overallBranches(group, blankSlot, sum, values),
      proofs.overall_proof,
      hashWith(BPROOF1, group, S),
    )
  );
}
