/**
 * The result of a ranked or graded question (issue 18), from its published decrypted ballots (the
 * last shuffle's output, decrypted and verified on the board), counted in the browser with the
 * protocol's own counting methods — the same code that matches `belenios-tool method …`.
 */
import { countMajorityJudgment, countSchulze, countStv } from '../../protocol/counting/index.js';
import type { PublicQuestion } from './api.js';

export type RankedOutcome =
  | {
      readonly kind: 'schulze';
      /** Groups of tied candidates, best first. */
      readonly order: string[][];
      readonly valid: number;
      readonly blank: number | undefined;
    }
  | {
      readonly kind: 'stv';
      readonly seats: number;
      readonly elected: string[];
      readonly valid: number;
      readonly invalid: number;
    }
  | {
      readonly kind: 'mj';
      readonly order: string[][];
      readonly grades: readonly string[];
      /** Per candidate (election order): how many valid ballots gave each grade, and its majority grade. */
      readonly rows: { label: string; counts: number[]; majorityGrade: string }[];
      readonly valid: number;
      readonly blank: number | undefined;
      readonly invalid: number;
    }
  | { readonly kind: 'list'; readonly ballots: number };

const isBallot = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((x) => Number.isSafeInteger(x) && x >= 0);

/** The lower median of the grades given (0-based grade index), as majority judgment reads it. */
function majorityGrade(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (const [grade, count] of counts.entries()) {
    seen += count;
    if (seen >= Math.ceil(total / 2)) return grade;
  }
  return counts.length - 1;
}

/** Undefined when the published values do not fit the question (the page says so instead). */
export function rankedOutcome(question: PublicQuestion, values: unknown): RankedOutcome | undefined {
  if (question.homomorphic || !Array.isArray(values) || !values.every(isBallot)) return undefined;
  const n = question.answers.length;
  if (values.some((ballot) => ballot.length !== n)) return undefined;
  const names = (group: readonly number[]) => group.map((c) => question.answers[c] ?? '?');
  const method = question.method;
  if (!method) return { kind: 'list', ballots: values.length };
  switch (method.method) {
    case 'Schulze': {
      const outcome = countSchulze(values, { blankAllowed: method.blank, nchoices: n });
      if (!outcome.ok) return undefined;
      const { result } = outcome;
      return { kind: 'schulze', order: result.winners.map(names), valid: result.valid, blank: result.blank };
    }
    case 'STV': {
      const outcome = countStv(values, { nseats: method.seats });
      if (!outcome.ok) return undefined;
      const { result } = outcome;
      return {
        kind: 'stv',
        seats: method.seats,
        elected: names(result.winners),
        valid: result.ballots.length,
        invalid: result.invalid.length,
      };
    }
    case 'MajorityJudgment': {
      const outcome = countMajorityJudgment(values, {
        ngrades: method.grades.length,
        blankAllowed: method.blank,
        nchoices: n,
      });
      if (!outcome.ok) return undefined;
      const { result } = outcome;
      return {
        kind: 'mj',
        order: result.winners.map(names),
        grades: method.grades,
        rows: result.raw.map((counts, c) => ({
          label: question.answers[c] ?? '?',
          counts,
          majorityGrade: result.valid === 0 ? '' : (method.grades[majorityGrade(counts)] ?? ''),
        })),
        valid: result.valid,
        blank: result.blank,
        invalid: result.invalid.length,
      };
    }
  }
}
