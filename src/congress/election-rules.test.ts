/** An election's rules as sealed JSON, checked against the questions and applied to totals (issue 17). */
import { describe, expect, it } from 'vitest';
import type { ElectionRulesJson, QuestionRuleJson } from '../store/store.js';
import { questionOutcome, rulesProblems, seatOutcome } from './election-rules.js';

const LIST_Q = { question: 'Council', answers: ['A', 'B'], blank: true, min: 1, max: 1 };
const MOTION_Q = { question: 'Statutes', answers: ['For', 'Against'], blank: true, min: 1, max: 1 };
const list = (name: string, genders: ('F' | 'M')[]) => ({
  name,
  candidates: genders.map((gender, i) => ({ name: `${name}${i + 1}`, gender })),
});
const rules = (over: Partial<ElectionRulesJson['lists'][number]> = {}): ElectionRulesJson => ({
  lists: [
    {
      question: 0,
      method: 'hare',
      seats: 3,
      threshold: '5',
      parity: 'balanced',
      lists: [list('A', ['F', 'M', 'F']), list('B', ['M', 'F'])],
      ...over,
    },
  ],
  questions: [],
  tieBreak: [],
});

describe('election rules against the questions', () => {
  it('accepts lists named as the answers, refuses another name, a question of several choices, a parity break', () => {
    expect(rulesProblems(rules(), [LIST_Q])).toEqual([]);
    expect(rulesProblems(rules(), [{ ...LIST_Q, answers: ['A', 'C'] }])).toEqual([
      { kind: 'invalid', problem: 'lists[0]: list 2 is named "B", its answer "C"' },
    ]);
    expect(rulesProblems(rules(), [{ ...LIST_Q, max: 2 }])[0]).toMatchObject({ kind: 'invalid' });
    const unbalanced = rules({ lists: [list('A', ['F', 'F', 'M']), list('B', ['M', 'F'])] });
    expect(rulesProblems(unbalanced, [LIST_Q])).toEqual([
      {
        kind: 'parity',
        refusals: [{ list: 0, listName: 'A', position: 2, reason: 'unbalanced' }],
      },
    ]);
  });

  it('gives the Hare steps: quota, whole quotas and remainders, elected in list order', () => {
    // 3 seats on 600 / 300: quota 300; A 2 quotas, B 1.
    const outcome = seatOutcome(rules().lists[0]!, [600n, 300n]);
    expect(outcome.lists.map((l) => [l.seats, l.elected])).toEqual([
      [2, ['A1', 'A2']],
      [1, ['B1']],
    ]);
    expect(outcome.steps).toMatchObject({
      kind: 'largest-remainder',
      quota: { numerator: '900', denominator: '3' },
    });
  });
});

describe('a motion under its quorum and majority, from the sealed JSON', () => {
  const motion = (majority: string, quorum: QuestionRuleJson['quorum'] = null): QuestionRuleJson => ({
    question: 1,
    kind: 'motion',
    quorum,
    majority,
    base: 'valid',
  });
  // Slots: blank, for, against.
  it('200 of 300 valid votes: adopted at ≥ 2/3, rejected at > 2/3', () => {
    expect(questionOutcome(motion('>= 2/3'), MOTION_Q, [50n, 200n, 100n], 400n)).toMatchObject({
      kind: 'adopted',
      base: '300',
      majority: '≥ 2/3',
    });
    expect(questionOutcome(motion('> 2/3'), MOTION_Q, [50n, 200n, 100n], 400n)).toMatchObject({
      kind: 'rejected',
      reason: 'majority-not-reached',
    });
  });

  it('quorum not reached below half the roll weight, reached at exactly half', () => {
    const half = motion('> 1/2', { kind: 'share', share: '1/2' });
    expect(questionOutcome(half, MOTION_Q, [0n, 199n, 100n], 600n)).toMatchObject({
      kind: 'quorum-not-reached',
      quorum: { reached: false, turnout: '299', required: '300' },
    });
    expect(questionOutcome(half, MOTION_Q, [0n, 200n, 100n], 600n).kind).toBe('adopted');
  });
});
