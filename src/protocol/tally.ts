/**
 * Tallying (spec §4.16–4.19): the encrypted tally of the last ballot per credential, partial
 * decryptions with their proofs, and the result obtained by combining decryption factors (Lagrange
 * interpolation inside Pedersen groups) and taking bounded discrete logarithms.
 */
import type { Group } from '../core/group.js';
import type { ElectionContext } from './election.js';
import {
  type Ballot,
  type Ciphertext,
  type EncryptedTally,
  type HomomorphicAnswer,
  isHomomorphic,
  type PartialDecryption,
  weightToJson,
} from './messages.js';
import { decodeNonHomomorphic } from './nh-encoding.js';
import { proveDecryptionFactor, verifyDecryptionFactor } from './proofs/decryption.js';
import { lagrangeCoefficient, type TrusteeSet } from './trustees.js';

export interface WeightedBallot {
  readonly ballot: Ballot;
  readonly weight: bigint;
}

/** last(B): only the latest ballot per credential counts (spec §4.15), in order of their last cast. */
export function lastBallots<T extends { ballot: Ballot }>(ballots: readonly T[]): T[] {
  const latest = new Map<bigint, T>();
  for (const entry of ballots) {
    latest.delete(entry.ballot.credential);
    latest.set(entry.ballot.credential, entry);
  }
  return [...latest.values()];
}

export function computeEncryptedTally(
  ctx: ElectionContext,
  ballots: readonly WeightedBallot[],
): EncryptedTally {
  const { group } = ctx;
  return ctx.election.questions.map((question, i) => {
    if (!isHomomorphic(question)) {
      // Sorted by (α, β) as numbers, as belenios-tool 2.0 orders them: it recomputes this row to
      // check the first shuffle, so any other order would make it reject a valid shuffle of ours.
      return ballots
        .map(({ ballot, weight }) => {
          if (weight !== 1n) throw new RangeError('non-homomorphic questions require weight 1');
          return ballot.answers[i]!.choices as Ciphertext;
        })
        .sort(compareCiphertexts);
    }
    const slots = question.answers.length + (question.blank ? 1 : 0);
    const sums: Ciphertext[] = Array.from({ length: slots }, () => ({ alpha: 1n, beta: 1n }));
    for (const { ballot, weight } of ballots) {
      const answer = ballot.answers[i] as HomomorphicAnswer;
      answer.choices.forEach((c, j) => {
        const alpha = weight === 1n ? c.alpha : group.pow(c.alpha, weight);
        const beta = weight === 1n ? c.beta : group.pow(c.beta, weight);
        sums[j] = { alpha: group.mul(sums[j]!.alpha, alpha), beta: group.mul(sums[j]!.beta, beta) };
      });
    }
    return sums;
  });
}

const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const compareCiphertexts = (a: Ciphertext, b: Ciphertext) =>
  compareBig(a.alpha, b.alpha) || compareBig(a.beta, b.beta);

export function computePartialDecryption(
  ctx: ElectionContext,
  tally: EncryptedTally,
  x: bigint,
): PartialDecryption {
  const { group, fingerprint } = ctx;
  const X = group.gPow(x);
  return {
    decryption_factors: tally.map((row) => row.map((c) => group.pow(c.alpha, x))),
    decryption_proofs: tally.map((row) =>
      row.map((c) => proveDecryptionFactor(group, fingerprint, x, X, c.alpha)),
    ),
  };
}

/** Why a partial decryption is refused. */
export type PartialDecryptionRejection = 'malformed' | 'not-in-group' | 'invalid-proof';

/** Checks shape, membership and every proof of a trustee's partial decryption. */
export function checkPartialDecryption(
  ctx: ElectionContext,
  tally: EncryptedTally,
  publicKey: bigint,
  partial: PartialDecryption,
): { reason: PartialDecryptionRejection; problem: string } | undefined {
  const { group, fingerprint } = ctx;
  if (
    partial.decryption_factors.length !== tally.length ||
    partial.decryption_proofs.length !== tally.length
  ) {
    return { reason: 'malformed', problem: 'wrong number of questions' };
  }
  for (let i = 0; i < tally.length; i++) {
    const row = tally[i]!;
    const factors = partial.decryption_factors[i]!;
    const proofs = partial.decryption_proofs[i]!;
    if (factors.length !== row.length || proofs.length !== row.length)
      return { reason: 'malformed', problem: `question ${i}: wrong number of factors` };
    for (let j = 0; j < row.length; j++) {
      if (!group.isMember(factors[j]!))
        return { reason: 'not-in-group', problem: `question ${i} factor ${j}: not in the group` };
      if (!verifyDecryptionFactor(group, fingerprint, publicKey, row[j]!.alpha, factors[j]!, proofs[j]!)) {
        return { reason: 'invalid-proof', problem: `question ${i} factor ${j}: invalid decryption proof` };
      }
    }
  }
  return undefined;
}

export type CombineResult = { ok: true; factors: bigint[][] } | { ok: false; problem: string };

/**
 * F_ij = Π_Single f · Π_Pedersen Π_{δ∈I} f_δ^λδ. Every Single trustee must have decrypted and at least
 * `threshold` members of each Pedersen group; extra verified shares are harmless (same polynomial).
 */
export function combineFactors(
  group: Group,
  trustees: TrusteeSet,
  shares: ReadonlyMap<number, PartialDecryption>,
  shape: EncryptedTally,
): CombineResult {
  const factors = shape.map((row) => row.map(() => 1n));
  const multiplyIn = (partial: PartialDecryption, exponent: bigint | undefined) => {
    factors.forEach((row, i) => {
      row.forEach((value, j) => {
        const f = partial.decryption_factors[i]![j]!;
        row[j] = group.mul(value, exponent === undefined ? f : group.pow(f, exponent));
      });
    });
  };
  for (let k = 0; k < trustees.kinds.length; k++) {
    const kind = trustees.kinds[k]!;
    const members = trustees.members.filter((m) => m.kindIndex === k);
    if (kind[0] === 'Single') {
      const share = shares.get(members[0]!.owner);
      if (!share) return { ok: false, problem: `missing partial decryption of trustee ${members[0]!.owner}` };
      multiplyIn(share, undefined);
      continue;
    }
    const present = members.filter((m) => shares.has(m.owner));
    if (present.length < kind[1].threshold) {
      return {
        ok: false,
        problem: `only ${present.length} of the ${kind[1].threshold} partial decryptions needed from threshold trustees`,
      };
    }
    const chosen = present.slice(0, kind[1].threshold);
    const indices = chosen.map((m) => m.indexInGroup);
    for (const member of chosen) {
      multiplyIn(shares.get(member.owner)!, lagrangeCoefficient(group, indices, member.indexInGroup));
    }
  }
  return { ok: true, factors };
}

/**
 * log_g(x) for 0 <= log <= bound (the total weight), by baby-step giant-step: about 2·√bound
 * multiplications, so weights up to ~10^12 stay fast. The baby-step table is built once per result
 * and keyed by the low 52 bits of each element (a hit is confirmed by recomputing g^log).
 */
export class DiscreteLogSolver {
  private readonly baby = new Map<number, number>();
  private readonly step: bigint;
  private readonly giantStep: bigint;

  constructor(
    private readonly group: Group,
    private readonly bound: bigint,
  ) {
    this.step = BigInt(Math.ceil(Math.sqrt(Number(bound) + 1)));
    let value = 1n;
    for (let j = 0; j < Number(this.step); j++) {
      const key = lowBits(value);
      if (!this.baby.has(key)) this.baby.set(key, j);
      value = group.mul(value, group.g);
    }
    this.giantStep = group.gPow(-this.step);
  }

  solve(x: bigint): bigint | undefined {
    let gamma = x;
    for (let i = 0n; i * this.step <= this.bound; i++) {
      const j = this.baby.get(lowBits(gamma));
      if (j !== undefined) {
        const candidate = i * this.step + BigInt(j);
        if (candidate <= this.bound && this.group.gPow(candidate) === x) return candidate;
      }
      gamma = this.group.mul(gamma, this.giantStep);
    }
    return undefined;
  }
}

const lowBits = (value: bigint) => Number(value & 0xfffffffffffffn);

export type ResultValue = bigint[] | number[][];
export type ComputedResult = { ok: true; result: ResultValue[] } | { ok: false; problem: string };

export function computeResult(
  ctx: ElectionContext,
  tally: EncryptedTally,
  factors: bigint[][],
  totalWeight: bigint,
): ComputedResult {
  const { group } = ctx;
  const result: ResultValue[] = [];
  let solver: DiscreteLogSolver | undefined;
  for (let i = 0; i < tally.length; i++) {
    const question = ctx.election.questions[i]!;
    const row = tally[i]!;
    const plain = row.map((c, j) => group.div(c.beta, factors[i]![j]!));
    if (isHomomorphic(question)) {
      solver ??= new DiscreteLogSolver(group, totalWeight);
      const counts: bigint[] = [];
      for (let j = 0; j < plain.length; j++) {
        const count = solver.solve(plain[j]!);
        if (count === undefined)
          return { ok: false, problem: `question ${i} answer ${j}: no count within the total weight` };
        counts.push(count);
      }
      result.push(counts);
    } else {
      const value = question.value as { answers: string[] };
      result.push(plain.map((element) => decodeNonHomomorphic(group, element, value.answers.length)));
    }
  }
  return { ok: true, result };
}

/**
 * Checks a claimed result against the decryption without solving any discrete logarithm: each count
 * r must satisfy g^r = β/F and r <= total weight; non-homomorphic vectors must decode to the given ones.
 */
export function checkResult(
  ctx: ElectionContext,
  tally: EncryptedTally,
  factors: bigint[][],
  totalWeight: bigint,
  claimed: readonly unknown[],
): string | undefined {
  const { group } = ctx;
  if (claimed.length !== tally.length)
    return `result has ${claimed.length} questions, expected ${tally.length}`;
  for (let i = 0; i < tally.length; i++) {
    const question = ctx.election.questions[i]!;
    const row = tally[i]!;
    const given = claimed[i];
    if (!Array.isArray(given) || given.length !== row.length)
      return `question ${i}: expected ${row.length} values`;
    for (let j = 0; j < row.length; j++) {
      const plain = group.div(row[j]!.beta, factors[i]![j]!);
      if (isHomomorphic(question)) {
        const count = weightFromJson(given[j]);
        if (count === undefined || count > totalWeight || group.gPow(count) !== plain) {
          return `question ${i} answer ${j}: the count does not match the decryption`;
        }
      } else {
        const value = question.value as { answers: string[] };
        const decoded = decodeNonHomomorphic(group, plain, value.answers.length);
        if (JSON.stringify(decoded) !== JSON.stringify(given[j]))
          return `question ${i} ballot ${j}: does not match the decryption`;
      }
    }
  }
  return undefined;
}

/** Result JSON: counts as numbers up to 2^30 − 1, decimal strings beyond — what belenios-tool 2.0 writes. */
export function resultToJson(result: readonly ResultValue[]): unknown[] {
  return result.map((value) =>
    value.map((entry) => (typeof entry === 'bigint' ? weightToJson(entry) : entry)),
  );
}

/** Parses a count written either way. */
export function weightFromJson(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value)) return BigInt(value);
  return undefined;
}
