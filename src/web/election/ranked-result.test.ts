import { describe, expect, it } from 'vitest';
import type { PublicQuestion } from './api.js';
import { rankedOutcome } from './ranked-result.js';

const base = {
  question: 'q',
  answers: ['Ana', 'Bo', 'Cy'],
  min: 0,
  max: 3,
  blank: false,
  homomorphic: false,
};
// Ana first on two ballots, Cy first on one; Bo last on two.
const BALLOTS = [
  [1, 2, 3],
  [1, 3, 2],
  [3, 2, 1],
];

describe('rankedOutcome: the published decrypted ballots counted as the question says', () => {
  it('Schulze: the order of the candidates, ties grouped', () => {
    const question: PublicQuestion = { ...base, method: { method: 'Schulze', blank: false } };
    expect(rankedOutcome(question, BALLOTS)).toEqual({
      kind: 'schulze',
      order: [['Ana'], ['Cy'], ['Bo']],
      valid: 3,
      blank: undefined,
    });
  });

  it('STV: the elected candidates for the seats', () => {
    const question: PublicQuestion = { ...base, method: { method: 'STV', blank: false, seats: 1 } };
    expect(rankedOutcome(question, BALLOTS)).toMatchObject({
      kind: 'stv',
      seats: 1,
      elected: ['Ana'],
      valid: 3,
    });
  });

  it('majority judgment: the order and each candidate’s grades and majority grade', () => {
    const question: PublicQuestion = {
      ...base,
      method: { method: 'MajorityJudgment', blank: true, grades: ['Good', 'Fair', 'Poor'] },
    };
    const outcome = rankedOutcome(question, [...BALLOTS, [0, 0, 0]]);
    // Bo and Cy share the majority grade Fair; Cy's next one (Good) beats Bo's (Fair).
    expect(outcome).toMatchObject({ kind: 'mj', order: [['Ana'], ['Cy'], ['Bo']], valid: 3, blank: 1 });
    expect(outcome?.kind === 'mj' && outcome.rows[0]).toEqual({
      label: 'Ana',
      counts: [2, 0, 1],
      majorityGrade: 'Good',
    });
  });

  it('without a method: the number of ballots; values that do not fit the question: nothing', () => {
    expect(rankedOutcome(base, BALLOTS)).toEqual({ kind: 'list', ballots: 3 });
    expect(rankedOutcome(base, [[1, 2]])).toBeUndefined();
    expect(rankedOutcome({ ...base, homomorphic: true }, BALLOTS)).toBeUndefined();
  });
});
