/**
 * Shuffles of an election's non-homomorphic ciphertexts (spec §4.17, §3.4 step 3): nh_ciphertexts
 * picks the NH questions' rows out of the encrypted tally, each trustee in turn shuffles every row
 * and proves it (proofs/shuffle.ts), and the last shuffle's rows are merged back into the tally
 * before any decryption.
 */
import { encode } from '../core/codec.js';
import type { ElectionContext } from './election.js';
import {
  type EncryptedTally,
  isHomomorphic,
  type NhCiphertexts,
  type Shuffle,
  shuffleCodec,
} from './messages.js';
import {
  checkShuffleProof,
  genShuffle,
  genShuffleProof,
  SHUFFLE_PROOF_PASSES,
  type ShuffleProofRejection,
} from './proofs/shuffle.js';

/** nh_ciphertexts(a) = [a_i1, …, a_in] for the non-homomorphic questions i1 < … < in. */
export function extractNhCiphertexts(ctx: ElectionContext, tally: EncryptedTally): NhCiphertexts {
  return tally.filter((_, i) => !isHomomorphic(ctx.election.questions[i]!));
}

/** The tally a′ with nh_ciphertexts(a′) = shuffled, homomorphic rows unchanged. */
export function mergeNhCiphertexts(
  ctx: ElectionContext,
  tally: EncryptedTally,
  shuffled: NhCiphertexts,
): EncryptedTally {
  let next = 0;
  const merged = tally.map((row, i) => (isHomomorphic(ctx.election.questions[i]!) ? row : shuffled[next++]!));
  if (next !== shuffled.length) throw new RangeError('shuffle has more rows than non-homomorphic questions');
  return merged;
}

/**
 * A trustee's shuffle: every NH row re-encrypted, permuted and proved (spec §4.17 steps 1–4).
 * `progress` hears how many of `total` steps are done (a step: one ciphertext in one pass).
 */
export function shuffleCiphertexts(
  ctx: ElectionContext,
  input: NhCiphertexts,
  progress?: (done: number, total: number) => void,
): Shuffle {
  const total = input.reduce((sum, row) => sum + row.length, 0) * (1 + SHUFFLE_PROOF_PASSES);
  let done = 0;
  const tick = progress && (() => progress(++done, total));
  const rows = input.map((row) => {
    const shuffled = genShuffle(ctx.group, ctx.y, row, tick);
    return {
      out: shuffled.output,
      proof: genShuffleProof(ctx.group, ctx.fingerprint, ctx.y, row, shuffled, tick),
    };
  });
  return { ciphertexts: rows.map((r) => r.out), proofs: rows.map((r) => r.proof) };
}

/** The exact bytes of a shuffle, as belenios-tool writes them (the `shuffle` data file). */
export const serializeShuffle = (shuffle: Shuffle): string => encode(shuffleCodec, shuffle);

/** Checks a shuffle of `input` (the encrypted tally's NH rows, or the previous shuffle's output). */
export function checkShuffle(
  ctx: ElectionContext,
  input: NhCiphertexts,
  shuffle: Shuffle,
): { reason: ShuffleProofRejection; problem: string } | undefined {
  if (shuffle.ciphertexts.length !== input.length || shuffle.proofs.length !== input.length)
    return {
      reason: 'malformed',
      problem: `expected ${input.length} shuffled rows and proofs (one per non-homomorphic question)`,
    };
  for (let i = 0; i < input.length; i++) {
    const problem = checkShuffleProof(
      ctx.group,
      ctx.fingerprint,
      ctx.y,
      input[i]!,
      shuffle.ciphertexts[i]!,
      shuffle.proofs[i]!,
    );
    if (problem) return { reason: problem.reason, problem: `row ${i}: ${problem.problem}` };
  }
  return undefined;
}
