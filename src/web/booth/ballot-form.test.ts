import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlaintext } from '../../protocol/ballot.js';
import type { ElectionContext } from '../../protocol/election.js';
import type { GenericQuestion, HomomorphicQuestion } from '../../protocol/messages.js';
import {
  emptySelection,
  questionPlaintext,
  selectionProblem,
  toPlaintext,
  usesRadioButtons,
} from './ballot-form.js';

const single: HomomorphicQuestion = { question: 'Chair?', answers: ['A', 'B', 'C'], min: 1, max: 1 };
const withBlank: HomomorphicQuestion = {
  question: 'Projects?',
  answers: ['X', 'Y', 'Z'],
  min: 1,
  max: 2,
  blank: true,
};

describe('booth ballot form', () => {
  it('uses radio buttons only for exactly-one questions without blank', () => {
    expect(usesRadioButtons(single)).toBe(true);
    expect(usesRadioButtons(withBlank)).toBe(false);
    expect(usesRadioButtons({ ...single, min: 0 })).toBe(false);
  });

  it('puts the blank slot first: [1,0,0,0] is a blank vote', () => {
    expect(questionPlaintext(withBlank, { blank: true, chosen: [false, false, false] })).toEqual([
      1, 0, 0, 0,
    ]);
    expect(questionPlaintext(withBlank, { blank: false, chosen: [false, true, true] })).toEqual([0, 0, 1, 1]);
    expect(questionPlaintext(single, { blank: false, chosen: [false, true, false] })).toEqual([0, 1, 0]);
  });

  it('reports too few, too many and blank-with-answers as closed kinds', () => {
    expect(selectionProblem(single, emptySelection(single))).toEqual({
      kind: 'too-few',
      min: 1,
      blankAllowed: false,
    });
    expect(selectionProblem(withBlank, { blank: false, chosen: [true, true, true] })).toEqual({
      kind: 'too-many',
      max: 2,
    });
    expect(selectionProblem(withBlank, { blank: true, chosen: [true, false, false] })).toEqual({
      kind: 'blank-with-answers',
    });
    expect(selectionProblem(withBlank, { blank: true, chosen: [false, false, false] })).toBeUndefined();
  });

  it('builds one array per question', () => {
    expect(
      toPlaintext(
        [single, withBlank],
        [
          { blank: false, chosen: [true, false, false] },
          { blank: true, chosen: [false, false, false] },
        ],
      ),
    ).toEqual([
      [1, 0, 0],
      [1, 0, 0, 0],
    ]);
  });

  it('agrees with checkPlaintext on every selection (property)', () => {
    const questionAndSelection = fc
      .record({ n: fc.integer({ min: 1, max: 5 }), blank: fc.boolean(), a: fc.nat(5), b: fc.nat(5) })
      .chain(({ n, blank, a, b }) => {
        const [min, max] = [Math.min(a, b, n), Math.min(Math.max(a, b), n)];
        const question: HomomorphicQuestion = {
          question: 'q',
          answers: Array.from({ length: n }, (_, i) => `a${i}`),
          min,
          max,
          blank,
        };
        return fc.record({
          question: fc.constant(question),
          selection: fc.record({
            blank: fc.boolean(),
            chosen: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          }),
        });
      });
    fc.assert(
      fc.property(questionAndSelection, ({ question, selection }) => {
        const ctx = { election: { questions: [question] } } as unknown as ElectionContext;
        const problem = checkPlaintext(ctx, [questionPlaintext(question, selection)]);
        // A blank tick with answers is refused by the booth; the plaintext it would build is blank-only.
        if (question.blank && selection.blank) return problem === undefined;
        return (problem === undefined) === (selectionProblem(question, selection) === undefined);
      }),
    );
  });
});

describe('booth ballot form: ranked and graded questions (Belenios non-homomorphic encoding)', () => {
  const stv: GenericQuestion = {
    type: 'NonHomomorphic',
    value: { answers: ['Ana', 'Bo', 'Cy'], question: 'Two seats' },
    extra: { type: 'PreferentialVoting', blank: true, seats: 2, method: 'STV' },
  };
  const mj: GenericQuestion = {
    type: 'NonHomomorphic',
    value: { answers: ['Ana', 'Bo'], question: 'Grade them' },
    extra: {
      type: 'ScoreVoting',
      blank: false,
      method: 'MajorityJudgment',
      grades: ['Good', 'Fair', 'Poor'],
    },
  };
  const generic: GenericQuestion = { type: 'NonHomomorphic', value: { answers: ['X', 'Y'], question: 'q' } };

  it('gives each candidate its rank or grade, 0 when none; blank is all zero', () => {
    expect(questionPlaintext(stv, { blank: false, chosen: [], values: [2, 0, 1] })).toEqual([2, 0, 1]);
    expect(questionPlaintext(stv, { blank: true, chosen: [], values: [2, 0, 1] })).toEqual([0, 0, 0]);
    expect(questionPlaintext(mj, { blank: false, chosen: [], values: [1, 3] })).toEqual([1, 3]);
    expect(emptySelection(mj).values).toEqual([0, 0]);
  });

  it('reports what the counting method would not take, before encryption', () => {
    expect(selectionProblem(stv, { blank: false, chosen: [], values: [1, 1, 0] })).toEqual({
      kind: 'ranks-not-consecutive',
    });
    expect(selectionProblem(stv, { blank: true, chosen: [], values: [0, 0, 0] })).toBeUndefined();
    expect(selectionProblem(stv, { blank: true, chosen: [], values: [1, 0, 0] })).toEqual({
      kind: 'blank-with-answers',
    });
    expect(selectionProblem(mj, { blank: false, chosen: [], values: [1, 0] })).toEqual({
      kind: 'incomplete',
    });
    expect(selectionProblem(mj, emptySelection(mj))).toEqual({ kind: 'incomplete' });
    // Without a method: a ranking where ties are allowed and blank is not.
    expect(selectionProblem(generic, { blank: false, chosen: [], values: [1, 1] })).toBeUndefined();
    expect(selectionProblem(generic, emptySelection(generic))).toEqual({ kind: 'blank-not-allowed' });
  });
});
