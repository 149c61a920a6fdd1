/**
 * Property: any valid homomorphic election (random questions with min/max/blank, weighted voters,
 * revotes, 1–2 Single trustees, stopped at any stage) verifies, reaches the expected phase and
 * yields the result computed from the clear votes. BELENIOS-2048 only, few runs: each ballot costs
 * tens of milliseconds to create and to check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import type { HomomorphicQuestion } from '../../src/protocol/messages.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { type ClearVote, type SimulationOptions, type Stage, simulateElection } from '../support/simulate.js';
import { PROPERTY_SEED } from './mutations.js';

const questionArb: fc.Arbitrary<HomomorphicQuestion> = fc
  .record({ answers: fc.integer({ min: 1, max: 3 }), blank: fc.boolean() })
  .chain(({ answers, blank }) =>
    // Blank questions ask for at least one choice (a blank vote is the way to pick none).
    fc
      .integer({ min: blank ? 1 : 0, max: answers })
      .chain((min) => fc.integer({ min: Math.max(min, 1), max: answers }).map((max) => ({ min, max })))
      .map(({ min, max }) => ({
        answers: Array.from({ length: answers }, (_, i) => `Answer ${i + 1}`),
        ...(blank ? { blank: true } : {}),
        min,
        max,
        question: `Question with ${answers} answers`,
      })),
  );

/** A clear vote that fits the question: blank (when allowed) or between min and max choices. */
function answerArb(question: HomomorphicQuestion): fc.Arbitrary<number[]> {
  const n = question.answers.length;
  const choices = fc
    .shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: question.min, maxLength: question.max },
    )
    .map((picked) => Array.from({ length: n }, (_, i) => (picked.includes(i) ? 1 : 0)));
  if (!question.blank) return choices;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<number[]>([1, ...Array.from({ length: n }, () => 0)]) },
    { weight: 3, arbitrary: choices.map((vote) => [0, ...vote]) },
  );
}

const electionArb: fc.Arbitrary<SimulationOptions> = fc
  .record({
    questions: fc.array(questionArb, { minLength: 1, maxLength: 2 }),
    weights: fc.array(fc.option(fc.constantFrom(1n, 2n, 5n, 1000n), { nil: undefined }), {
      minLength: 1,
      maxLength: 3,
    }),
    singles: fc.integer({ min: 1, max: 2 }),
    stopAfter: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Stage>('result') },
      { weight: 1, arbitrary: fc.constantFrom<Stage>('ballots', 'end-ballots', 'tally', 'decryptions') },
    ),
  })
  .chain(({ questions, weights, singles, stopAfter }) => {
    const vote: fc.Arbitrary<ClearVote> = fc.record({
      voter: fc.integer({ min: 0, max: weights.length - 1 }),
      plaintext: fc.tuple(...questions.map(answerArb)),
    });
    return fc.array(vote, { maxLength: 4 }).map(
      (votes): SimulationOptions => ({
        group: 'BELENIOS-2048',
        questions,
        voters: weights,
        trustees: { singles },
        votes,
        stopAfter,
      }),
    );
  });

describe('random valid elections', () => {
  it('verify and yield the result of the clear votes', async () => {
    await fc.assert(
      fc.asyncProperty(electionArb, async (options) => {
        const election = simulateElection(options);
        const report = await verifyArchive(parseArchive(election.bytes));
        expect(report.failure).toBeUndefined();
        expect(report.ok).toBe(true);
        expect(report.phase).toBe(election.phase);
        expect(report.counts.ballots).toBe(options.votes.length);
        if (options.stopAfter === 'result') {
          expect(report.result).toEqual(election.expected.result);
        } else {
          expect(report.result).toBeUndefined();
        }
        if (['tally', 'decryptions', 'result'].includes(options.stopAfter!)) {
          expect(report.counts.tallied).toBe(election.expected.numTallied);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 20 },
    );
  });
});
