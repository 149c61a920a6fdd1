import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode } from '../../core/codec.js';
import { loadElection } from '../election.js';
import { electionCodec, type GenericQuestion } from '../messages.js';
import { clearBallotProblem, countingMethodOf, methodExtra, readCountingMethod } from './method.js';

// The tool ends the file with a newline, which the archive's copy does not have.
const raw = readFileSync(
  new URL('../../../test/fixtures/nh-extra/election.json', import.meta.url),
  'utf8',
).trimEnd();

describe('non-homomorphic questions with extra (belenios-tool 2.0 output, test/fixtures/nh-extra)', () => {
  it('decodes election.json and encodes it back byte for byte', () => {
    const ctx = loadElection(raw);
    expect(encode(electionCodec, ctx.election)).toBe(raw);
  });

  it('reads each question’s counting method, and none for the question without extra', () => {
    const questions = loadElection(raw).election.questions as GenericQuestion[];
    expect(questions.map(countingMethodOf)).toEqual([
      { method: 'Schulze', blank: false },
      { method: 'STV', blank: true, seats: 2 },
      { method: 'MajorityJudgment', blank: false, grades: ['Très bien', 'Bien', 'Passable'] },
      undefined,
    ]);
  });

  it('writes extra as Belenios does: the same bytes as the tool’s file', () => {
    const questions = loadElection(raw).election.questions as GenericQuestion[];
    for (const question of questions.slice(0, 3))
      expect(JSON.stringify(methodExtra(countingMethodOf(question)!))).toBe(JSON.stringify(question.extra));
  });
});

describe('readCountingMethod refuses what no count could use, naming the field', () => {
  it.each([
    [[], 'extra must be an object'],
    [{ method: 'Borda' }, 'extra.method must be'],
    [{ method: 'Schulze', blank: 'yes' }, 'extra.blank'],
    [{ method: 'STV' }, 'extra.seats must be a whole number from 1 to 3'],
    [{ method: 'STV', seats: 4 }, 'extra.seats'],
    [{ method: 'STV', seats: 0 }, 'extra.seats'],
    [{ method: 'MajorityJudgment', grades: ['Only one'] }, 'at least 2 grades'],
    [{ method: 'MajorityJudgment', grades: ['Good', ' '] }, 'at least 2 grades'],
    [{ method: 'MajorityJudgment', grades: ['Good', 'Good'] }, 'twice'],
  ])('%j', (extra, problem) => {
    const reading = readCountingMethod(extra, 3);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toContain(problem);
  });

  it('accepts no extra, or an extra without a method, as generic', () => {
    expect(readCountingMethod(undefined, 3)).toEqual({ ok: true, method: undefined });
    expect(readCountingMethod({ note: 'x' }, 3)).toEqual({ ok: true, method: undefined });
  });
});

describe('clearBallotProblem: what the booth may encrypt for each method', () => {
  const schulze = { method: 'Schulze', blank: false } as const;
  const stv = { method: 'STV', blank: true, seats: 1 } as const;
  const mj = { method: 'MajorityJudgment', blank: false, grades: ['A', 'B', 'C'] } as const;
  it('Schulze: ranks from 1, ties and unranked allowed, nothing ranked is blank (refused here)', () => {
    expect(clearBallotProblem(schulze, [1, 2, 3])).toBeUndefined();
    expect(clearBallotProblem(schulze, [1, 1, 0])).toBeUndefined();
    expect(clearBallotProblem(schulze, [4, 1, 2])).toEqual({ kind: 'out-of-range' });
    expect(clearBallotProblem(schulze, [0, 0, 0])).toEqual({ kind: 'blank-not-allowed' });
  });
  it('STV: ranks 1, 2, 3… without gap or repeat; blank allowed here', () => {
    expect(clearBallotProblem(stv, [2, 0, 1])).toBeUndefined();
    expect(clearBallotProblem(stv, [0, 0, 0])).toBeUndefined();
    expect(clearBallotProblem(stv, [1, 1, 2])).toEqual({ kind: 'ranks-not-consecutive' });
    expect(clearBallotProblem(stv, [1, 3, 0])).toEqual({ kind: 'ranks-not-consecutive' });
  });
  it('majority judgment: every candidate graded within the scale', () => {
    expect(clearBallotProblem(mj, [1, 3, 2])).toBeUndefined();
    expect(clearBallotProblem(mj, [1, 0, 2])).toEqual({ kind: 'incomplete' });
    expect(clearBallotProblem(mj, [1, 4, 2])).toEqual({ kind: 'out-of-range' });
  });
});
