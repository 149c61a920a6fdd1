/**
 * Round rules as pure functions: an absolute majority elects in the first round, "top two" with ties
 * at the qualification threshold lets every tied candidate through (the documented rule), blank
 * votes change the percentages only when the rule counts them, and a minimum percentage adds
 * candidates beyond the top N.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE, decideRound, ruleFromJson, ruleProblem } from '../../src/congress/rules.js';

const counts = (...values: number[]) => values.map(BigInt);

describe('round rules', () => {
  it('elects a candidate with an absolute majority: no second round', () => {
    expect(decideRound(DEFAULT_RULE, counts(51, 30, 19), 0n)).toEqual({
      kind: 'elected',
      winner: 0,
      reason: 'majority',
    });
  });

  it('sends the top two to a second round at about 50 / 30.5 / 19 % (50 % is not a majority)', () => {
    expect(decideRound(DEFAULT_RULE, counts(1000, 610, 390), 0n)).toEqual({
      kind: 'second-round',
      qualified: [0, 1],
      tiedAtThreshold: [],
    });
    // Exactly half is not strictly more than half.
    expect(decideRound(DEFAULT_RULE, counts(50, 30, 20), 0n).kind).toBe('second-round');
  });

  it('lets every candidate tied at the qualification threshold through', () => {
    expect(decideRound(DEFAULT_RULE, counts(40, 30, 30), 0n)).toEqual({
      kind: 'second-round',
      qualified: [0, 1, 2],
      tiedAtThreshold: [2],
    });
    expect(decideRound(DEFAULT_RULE, counts(10, 45, 45, 0), 0n)).toEqual({
      kind: 'second-round',
      qualified: [1, 2],
      tiedAtThreshold: [],
    });
    // A tie for first place below the majority: both go through, no one is elected by list order.
    expect(decideRound({ ...DEFAULT_RULE, qualifying: 1 }, counts(45, 45, 10), 0n)).toEqual({
      kind: 'second-round',
      qualified: [0, 1],
      tiedAtThreshold: [1],
    });
  });

  it('counts blank votes in the votes cast only when the rule says so', () => {
    // 55 of 100 valid votes, 20 blank: a majority of valid votes, not of votes cast with blanks.
    const votes = counts(55, 25, 20);
    expect(decideRound({ ...DEFAULT_RULE, blankVotes: 'excluded' }, votes, 20n).kind).toBe('elected');
    expect(decideRound({ ...DEFAULT_RULE, blankVotes: 'counted' }, votes, 20n)).toEqual({
      kind: 'second-round',
      qualified: [0, 1],
      tiedAtThreshold: [],
    });
  });

  it('adds candidates reaching the minimum percentage beyond the top N', () => {
    const rule = { ...DEFAULT_RULE, minimumPercent: 12.5 };
    expect(decideRound(rule, counts(40, 35, 13, 12), 0n)).toEqual({
      kind: 'second-round',
      qualified: [0, 1, 2],
      tiedAtThreshold: [],
    });
  });

  it('never qualifies a candidate without votes, and decides nothing without votes', () => {
    expect(decideRound(DEFAULT_RULE, counts(0, 0, 0), 5n)).toEqual({ kind: 'no-votes' });
    expect(decideRound({ ...DEFAULT_RULE, majorityPercent: null }, counts(7, 0, 0), 0n)).toEqual({
      kind: 'elected',
      winner: 0,
      reason: 'only-candidate-with-votes',
    });
  });

  it('checks rules against the questions', () => {
    const questions = [
      { answers: ['A', 'B', 'C'], max: 1 },
      { answers: ['x', 'y'], max: 2 },
    ];
    expect(ruleProblem(DEFAULT_RULE, questions)).toBeUndefined();
    expect(ruleProblem({ ...DEFAULT_RULE, question: 1 }, questions)).toMatch(/max 1/);
    expect(ruleProblem({ ...DEFAULT_RULE, qualifying: 3 }, questions)).toMatch(/qualifying/);
    expect(ruleProblem({ ...DEFAULT_RULE, majorityPercent: 100 }, questions)).toMatch(/majorityPercent/);
    expect(ruleFromJson({ question: 0, blankVotes: 'counted' })).toEqual({
      ok: true,
      rule: { ...DEFAULT_RULE, blankVotes: 'counted' },
    });
    expect(ruleFromJson({ nope: 1 })).toEqual({ ok: false, problem: 'rule: unknown field nope' });
  });
});

describe('the final round (issue 11): the most votes decide, a tie is reported, never broken by order', () => {
  it('elects the candidate with the most votes, reports a tie, and no votes', async () => {
    const { decideFinalRound } = await import('../../src/congress/rules.js');
    expect(decideFinalRound([4n, 6n])).toEqual({ kind: 'elected', winner: 1, reason: 'most-votes' });
    expect(decideFinalRound([5n, 2n, 5n])).toEqual({ kind: 'tie', tied: [0, 2] });
    expect(decideFinalRound([0n, 0n])).toEqual({ kind: 'no-votes' });
  });
});
