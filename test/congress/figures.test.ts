/**
 * Adding boxes and presenting figures, as pure functions: sums are slot by slot with weights,
 * percentages are exact decimals rounded half up (of votes cast, of valid votes, of registered),
 * annulled and pending boxes are shown but not added, and paper boxes are flagged.
 */

import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/congress/consolidation.js';
import { type BoxFigures, figuresFromJson, figuresProblem, sumFigures } from '../../src/congress/figures.js';
import { percent, present } from '../../src/congress/presentation.js';
import { renderProcesVerbal } from '../../src/congress/proces-verbal.js';
import { boxId, consultationId, electionId } from '../../src/core/ids.js';
import type { HomomorphicQuestion } from '../../src/protocol/messages.js';

const QUESTIONS: HomomorphicQuestion[] = [
  { answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1, question: 'Leader?' },
];
const figures = (
  registered: number,
  cast: number,
  counts: number[],
  weights?: [number, number],
): BoxFigures => ({
  registeredVoters: registered,
  registeredWeight: BigInt(weights?.[0] ?? registered),
  ballotsCounted: cast,
  weightCast: BigInt(weights?.[1] ?? cast),
  counts: [counts.map(BigInt)],
});

describe('figures and presentation', () => {
  it('adds boxes slot by slot, weights included', () => {
    const sum = sumFigures(QUESTIONS, [figures(10, 8, [1, 4, 2, 1]), figures(3, 2, [0, 5, 0, 3], [9, 8])]);
    expect(sum).toEqual(figures(13, 10, [1, 9, 2, 4], [19, 16]));
    expect(sumFigures(QUESTIONS, [])).toEqual(figures(0, 0, [0, 0, 0, 0]));
  });

  it('rounds percentages half up on exact integers', () => {
    expect(percent(1n, 3n)).toBe('33.33');
    expect(percent(2n, 3n)).toBe('66.67');
    expect(percent(1n, 8n)).toBe('12.50');
    expect(percent(1n, 0n)).toBeNull();
    const p = present(QUESTIONS, figures(20, 10, [2, 4, 3, 1]));
    expect(p.turnoutPercent).toBe('50.00');
    expect(
      p.questions[0]!.answers.map((a) => [
        a.percentOfVotesCast,
        a.percentOfValidVotes,
        a.percentOfRegistered,
      ]),
    ).toEqual([
      ['20.00', null, '10.00'],
      ['40.00', '50.00', '20.00'],
      ['30.00', '37.50', '15.00'],
      ['10.00', '12.50', '5.00'],
    ]);
    expect(p.questions[0]!.blankVotes).toBe('2');
    expect(p.questions[0]!.validVotes).toBe('8');
  });

  it('refuses impossible figures and reads typed ones', () => {
    expect(figuresProblem(QUESTIONS, figures(10, 8, [1, 4, 2, 1]))).toBeUndefined();
    expect(figuresProblem(QUESTIONS, figures(10, 8, [1, 4, 2, 2]))).toMatch(/more than the weight cast/);
    expect(figuresProblem(QUESTIONS, figures(5, 8, [0, 4, 2, 2]))).toMatch(/more ballots/);
    expect(figuresFromJson({ registeredVoters: 3, ballotsCounted: '2', counts: [['0', 1, 1, 0]] })).toEqual({
      ok: true,
      figures: figures(3, 2, [0, 1, 1, 0]),
    });
    expect(figuresFromJson({ registeredVoters: 3, ballotsCounted: 2, counts: [[0, 1.5, 1, 0]] }).ok).toBe(
      false,
    );
    expect(figuresFromJson({ registeredVoters: 3, ballotsCounted: 2, counts: [], extra: 1 })).toEqual({
      ok: false,
      problem: 'unknown field extra',
    });
  });

  it('consolidates counted boxes only, shows the others with a note, and renders an escaped report', () => {
    const base = { electionId: null, replaces: null, annulment: null } as const;
    const paper = (label: string, f: BoxFigures) => ({
      ...base,
      id: boxId(label),
      label,
      channel: 'paper' as const,
      paper: {
        figures: f,
        enteredBy: 'Officer <x>',
        enteredAt: 'now',
        reportName: 'r.pdf',
        reportSha256: 'ab'.repeat(32),
      },
    });
    const report = consolidate({
      consultation: { id: consultationId('C'), name: 'Congress & co', round: 1 },
      questions: QUESTIONS,
      rule: { question: 0, qualifying: 2, majorityPercent: 50, minimumPercent: null, blankVotes: 'excluded' },
      boxes: [
        paper('one', figures(10, 8, [0, 4, 3, 1])),
        {
          ...paper('two', figures(10, 8, [0, 8, 0, 0])),
          annulment: { reason: 'fraud', at: 'then', by: 'admin' },
        },
        { ...base, id: boxId('three'), label: 'three', channel: 'online', electionId: electionId('E') },
      ],
    });
    expect(report.complete).toBe(false);
    expect(report.decision).toBeNull();
    expect(report.figures.counts).toEqual([['0', '4', '3', '1']]);
    expect(report.boxes.map((b) => b.status)).toEqual(['counted', 'annulled', 'pending']);
    expect(report.notes.join(' ')).toMatch(/annulled and excluded: fraud/);
    const html = renderProcesVerbal(report, 'en', '2027-01-01T00:00:00Z');
    expect(html).toContain('PROVISIONAL');
    expect(html).toContain('Congress &#38; co');
    expect(html).toContain('Officer &#60;x&#62;');
    expect(html).not.toContain('<script');
  });
});

describe('one roll for the whole consultation', () => {
  it('splits lines by federation and reports every problem with its line in the whole file', async () => {
    const { splitFederationRoll } = await import('../../src/congress/federation-roll.js');
    const ok = splitFederationRoll(
      'federation,email,login,weight,name\nParis,a@x.org,a,2,"Doe, Ann"\n"Lyon",b@x.org,b,1,Bob\nParis,c@x.org,c,,C',
      ['Paris', 'Lyon', 'Abroad'],
    );
    expect(ok).toEqual({
      ok: true,
      parts: new Map([
        ['Paris', 'a@x.org,a,2,"Doe, Ann"\nc@x.org,c,,C'],
        ['Lyon', 'b@x.org,b,1,Bob'],
      ]),
    });
    const bad = splitFederationRoll(
      'Paris,a@x.org,a\nMars,b@x.org,b\nLyon,a@x.org,a\n"Lyon,c@x.org\nParis,bad,d',
      ['Paris', 'Lyon'],
    );
    expect(bad).toEqual({
      ok: false,
      problems: [
        { line: 2, problem: 'unknown federation "Mars"' },
        { line: 3, problem: 'login "a" is also in federation "Paris"' },
        { line: 4, problem: 'unterminated quote' },
        { line: 5, problem: 'invalid email address "bad"' },
      ],
    });
    expect(splitFederationRoll('\n', ['Paris'])).toEqual({
      ok: false,
      problems: [{ line: 0, problem: 'the list is empty' }],
    });
  });
});

describe('the federation column', () => {
  it('is wherever the header line names it', async () => {
    const { splitFederationRoll } = await import('../../src/congress/federation-roll.js');
    expect(
      splitFederationRoll(
        'email,login,weight,name,federation\na@x.org,a,1,"Ann, ""A""",Paris\nb@x.org,b,1,Bob,"Lyon"',
        ['Paris', 'Lyon'],
      ),
    ).toEqual({
      ok: true,
      parts: new Map([
        ['Paris', 'a@x.org,a,1,"Ann, ""A"""'],
        ['Lyon', 'b@x.org,b,1,Bob'],
      ]),
    });
  });
});
