/**
 * Quorum and qualified majorities: adopted, rejected, quorum not reached, the exact 2/3 boundary,
 * the base (votes cast with blank, or valid votes), thresholds as people write them, and the same
 * engine deciding the two-round rules behind a quorum.
 */
import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.js';
import { checkQuorum, decideMotion, decideQuestion, type MotionRule } from './majority.js';
import { DEFAULT_RULE } from './rules.js';
import { formatThreshold, parseThreshold, type Threshold } from './threshold.js';

const threshold = (text: string): Threshold => parseThreshold(text)!;
const motion = (
  majority: string,
  base: MotionRule['base'] = 'valid',
  quorum: MotionRule['quorum'] = null,
) => ({
  majority: threshold(majority),
  base,
  quorum,
});
const counts = (yes: number, no: number, blank = 0, rollWeight = 1000) => ({
  yes: BigInt(yes),
  no: BigInt(no),
  blank: BigInt(blank),
  rollWeight: BigInt(rollWeight),
});

describe('qualified majorities', () => {
  it('the exact 2/3 boundary: 200 of 300 is adopted for ≥ 2/3, rejected for > 2/3', () => {
    expect(decideMotion(motion('≥ 2/3'), counts(200, 100))).toMatchObject({ kind: 'adopted', base: 300n });
    expect(decideMotion(motion('> 2/3'), counts(200, 100))).toMatchObject({
      kind: 'rejected',
      reason: 'majority-not-reached',
    });
    expect(decideMotion(motion('> 2/3'), counts(201, 99))).toMatchObject({ kind: 'adopted' });
    expect(decideMotion(motion('≥ 2/3'), counts(199, 101))).toMatchObject({ kind: 'rejected' });
  });

  it('an absolute majority is more than half: 150 of 300 is rejected, 151 adopted', () => {
    expect(decideMotion(motion('> 1/2'), counts(150, 150)).kind).toBe('rejected');
    expect(decideMotion(motion('> 1/2'), counts(151, 149)).kind).toBe('adopted');
    expect(decideMotion(motion('≥ 3/5'), counts(60, 40)).kind).toBe('adopted');
  });

  it('takes blank votes into the base only when the rule says so', () => {
    // 200 yes, 100 no, 30 blank: 2/3 of valid votes, not of votes cast.
    expect(decideMotion(motion('≥ 2/3', 'valid'), counts(200, 100, 30)).kind).toBe('adopted');
    expect(decideMotion(motion('≥ 2/3', 'cast'), counts(200, 100, 30))).toMatchObject({
      kind: 'rejected',
      base: 330n,
    });
  });

  it('adopts nothing without votes, even at ≥ 0', () => {
    expect(decideMotion(motion('≥ 0'), counts(0, 0, 5))).toMatchObject({
      kind: 'rejected',
      reason: 'no-votes',
    });
  });

  it('is exact on weighted totals beyond 2^53', () => {
    const yes = 2n * 10n ** 18n;
    const no = 10n ** 18n;
    const big = { yes, no, blank: 0n, rollWeight: yes + no };
    expect(decideMotion(motion('≥ 2/3'), big).kind).toBe('adopted');
    expect(decideMotion(motion('> 2/3'), big).kind).toBe('rejected');
    expect(decideMotion(motion('> 2/3'), { ...big, yes: yes + 1n }).kind).toBe('adopted');
  });

  it('reads thresholds as people write them, and writes them back', () => {
    expect(parseThreshold('> 1/2')).toEqual({ comparison: '>', share: fraction(1, 2) });
    expect(parseThreshold('>= 2/3')).toEqual({ comparison: '>=', share: fraction(2, 3) });
    expect(parseThreshold('≥3/5')).toEqual({ comparison: '>=', share: fraction(3, 5) });
    expect(parseThreshold('> 50 %')).toEqual({ comparison: '>', share: fraction(50, 100) });
    expect(parseThreshold('≥ 66.5%')).toEqual({ comparison: '>=', share: fraction(665, 1000) });
    for (const bad of ['1/2', '< 1/2', '> 3/2', '> 1/0', '> 101 %', '> -1/2', '≥ x'])
      expect(parseThreshold(bad), bad).toBeUndefined();
    expect(formatThreshold(threshold('>= 2/3'))).toBe('≥ 2/3');
  });
});

describe('quorum', () => {
  it('is not reached below a share of the roll weight, and reached at exactly that share', () => {
    const quarter = { kind: 'share' as const, share: fraction(1, 4) };
    // Roll weight 1000: a quorum of a quarter needs 250 (blank ballots count as taking part).
    expect(decideMotion(motion('> 1/2', 'valid', quarter), counts(200, 40, 9))).toEqual({
      kind: 'quorum-not-reached',
      quorum: { reached: false, turnout: 249n, required: 250n },
    });
    expect(decideMotion(motion('> 1/2', 'valid', quarter), counts(200, 40, 10))).toMatchObject({
      kind: 'adopted',
      quorum: { reached: true, turnout: 250n },
    });
    // A share that does not divide the roll: a third of 1000 needs 334 (333.33… rounded up).
    expect(checkQuorum({ kind: 'share', share: fraction(1, 3) }, 333n, 1000n)).toEqual({
      reached: false,
      turnout: 333n,
      required: 334n,
    });
  });

  it('can be an absolute weight, and uses the turnout when it is given apart', () => {
    const fifty = { kind: 'weight' as const, weight: 50n };
    expect(decideMotion(motion('> 1/2', 'valid', fifty), counts(30, 19)).kind).toBe('quorum-not-reached');
    expect(decideMotion(motion('> 1/2', 'valid', fifty), counts(30, 20)).kind).toBe('adopted');
    expect(decideMotion(motion('> 1/2', 'valid', fifty), { ...counts(30, 19), turnout: 50n }).kind).toBe(
      'adopted',
    );
  });
});

describe('one engine for motions and rounds', () => {
  const quorum = { kind: 'share' as const, share: fraction(1, 2) };

  it('decides a motion question from its [yes, no] answers', () => {
    const rule = { kind: 'motion' as const, rule: motion('≥ 2/3', 'cast') };
    expect(decideQuestion(rule, { answers: [200n, 100n], blank: 0n, rollWeight: 400n }).kind).toBe('adopted');
  });

  it('checks the quorum before a round rule, then decides as rules.ts does', () => {
    const rule = { kind: 'round' as const, quorum, rule: DEFAULT_RULE };
    expect(decideQuestion(rule, { answers: [51n, 30n, 18n], blank: 0n, rollWeight: 200n })).toMatchObject({
      kind: 'quorum-not-reached',
      quorum: { required: 100n },
    });
    expect(decideQuestion(rule, { answers: [51n, 30n, 19n], blank: 0n, rollWeight: 200n })).toEqual({
      kind: 'elected',
      winner: 0,
      reason: 'majority',
      quorum: { reached: true, turnout: 100n, required: 100n },
    });
    expect(decideQuestion(rule, { answers: [40n, 35n, 25n], blank: 0n, rollWeight: 200n })).toMatchObject({
      kind: 'second-round',
      qualified: [0, 1],
    });
  });

  it('reports a tie in a final round, with no quorum', () => {
    expect(
      decideQuestion(
        { kind: 'final-round', quorum: null },
        { answers: [5n, 5n], blank: 0n, rollWeight: 10n },
      ),
    ).toEqual({ kind: 'tie', tied: [0, 1], quorum: null });
  });
});
