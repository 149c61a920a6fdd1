/**
 * The counting method of a non-homomorphic question, read from its `extra` field as Belenios's web
 * server writes it (the 2.0 tool keeps `extra` as is and never reads it):
 * `{"type":"PreferentialVoting","blank":b,"method":"Schulze"}`,
 * `{"type":"PreferentialVoting","blank":b,"seats":n,"method":"STV"}`,
 * `{"type":"ScoreVoting","blank":b,"method":"MajorityJudgment","grades":[…]}`.
 * A question without a method is counted "generic": its result is the list of decrypted ballots.
 *
 * Also the shape of a clear ballot for each method, which the booth builds and checks before
 * encrypting: ranks 1… (1 = first, 0 = not ranked) or grades 1…ngrades (1 = the first grade named,
 * the best); all zero is a blank vote when blank is allowed.
 */
import type { GenericQuestion } from '../messages.js';

export type CountingMethod =
  | { readonly method: 'Schulze'; readonly blank: boolean }
  | { readonly method: 'STV'; readonly blank: boolean; readonly seats: number }
  | { readonly method: 'MajorityJudgment'; readonly blank: boolean; readonly grades: readonly string[] };

export type MethodReading =
  | { readonly ok: true; readonly method: CountingMethod | undefined }
  | { readonly ok: false; readonly problem: string };

/** Largest value a clear ballot entry may take: bits_per_int is 8 in RFC-3526-2048's embedding. */
export const MAX_ENTRY = 255;

/** The `extra` JSON Belenios writes for a method, fields in its order (hashes cover these bytes). */
export function methodExtra(method: CountingMethod): Record<string, unknown> {
  switch (method.method) {
    case 'Schulze':
      return { type: 'PreferentialVoting', blank: method.blank, method: 'Schulze' };
    case 'STV':
      return { type: 'PreferentialVoting', blank: method.blank, seats: method.seats, method: 'STV' };
    case 'MajorityJudgment':
      return {
        type: 'ScoreVoting',
        blank: method.blank,
        method: 'MajorityJudgment',
        grades: [...method.grades],
      };
  }
}

/** Reads the method of a question with `answers` choices; a problem names what is wrong. */
export function readCountingMethod(extra: unknown, answers: number): MethodReading {
  if (extra === undefined || extra === null) return { ok: true, method: undefined };
  if (typeof extra !== 'object' || Array.isArray(extra))
    return { ok: false, problem: 'extra must be an object' };
  const record = extra as Record<string, unknown>;
  if (record.method === undefined) return { ok: true, method: undefined };
  const blank = record.blank ?? false;
  if (typeof blank !== 'boolean') return { ok: false, problem: 'extra.blank must be true or false' };
  switch (record.method) {
    case 'Schulze':
      return { ok: true, method: { method: 'Schulze', blank } };
    case 'STV': {
      const seats = record.seats;
      if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 1 || seats > answers)
        return {
          ok: false,
          problem: `extra.seats must be a whole number from 1 to ${answers}, the number of candidates`,
        };
      return { ok: true, method: { method: 'STV', blank, seats } };
    }
    case 'MajorityJudgment': {
      const grades = record.grades;
      if (
        !Array.isArray(grades) ||
        grades.length < 2 ||
        grades.length > MAX_ENTRY ||
        !grades.every((g) => typeof g === 'string' && g.trim() !== '')
      )
        return { ok: false, problem: 'extra.grades must name at least 2 grades, best first' };
      if (new Set(grades).size !== grades.length)
        return { ok: false, problem: 'extra.grades must not name a grade twice' };
      return { ok: true, method: { method: 'MajorityJudgment', blank, grades: grades as string[] } };
    }
    default:
      return { ok: false, problem: 'extra.method must be Schulze, STV or MajorityJudgment' };
  }
}

/** The method of a stored question (already checked when it was saved); undefined when generic. */
export function countingMethodOf(question: GenericQuestion): CountingMethod | undefined {
  const answers = (question.value as { answers?: unknown[] }).answers?.length ?? 0;
  const reading = readCountingMethod(question.extra, answers);
  return reading.ok ? reading.method : undefined;
}

export type ClearBallotProblem =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'ranks-not-consecutive' }
  | { readonly kind: 'out-of-range' }
  | { readonly kind: 'blank-not-allowed' };

/**
 * Why a clear ballot does not fit its method (undefined: it does). Schulze: ranks from 1, ties
 * allowed, 0 = not ranked, at least one candidate ranked. STV: ranks 1, 2, 3… without gap or repeat,
 * at least the first. Majority judgment: every candidate graded. All zero: blank, if allowed.
 */
export function clearBallotProblem(
  method: CountingMethod,
  ballot: readonly number[],
): ClearBallotProblem | undefined {
  const n = ballot.length;
  if (ballot.some((v) => !Number.isSafeInteger(v) || v < 0)) return { kind: 'out-of-range' };
  if (ballot.every((v) => v === 0))
    return method.blank
      ? undefined
      : { kind: method.method === 'MajorityJudgment' ? 'incomplete' : 'blank-not-allowed' };
  switch (method.method) {
    case 'Schulze':
      return ballot.some((v) => v > n) ? { kind: 'out-of-range' } : undefined;
    case 'STV': {
      const ranks = ballot.filter((v) => v > 0).sort((a, b) => a - b);
      return ranks.every((rank, i) => rank === i + 1) ? undefined : { kind: 'ranks-not-consecutive' };
    }
    case 'MajorityJudgment':
      if (ballot.some((v) => v > method.grades.length)) return { kind: 'out-of-range' };
      return ballot.some((v) => v === 0) ? { kind: 'incomplete' } : undefined;
  }
}
