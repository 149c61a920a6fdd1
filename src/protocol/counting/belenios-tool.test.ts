/**
 * Differential test against the real `belenios-tool method …` (Belenios 2.0), when installed: random
 * ballot sets, biased towards ties, blank and invalid ballots, must give byte-identical output, and
 * the tool must fail exactly when we refuse. Skipped when the binary is absent. Set
 * COUNTING_CROSSCHECK_RUNS to run more than the default 30 cases per method.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, CountingOutcome } from './ballots.js';
import { countMajorityJudgment } from './majority-judgment.js';
import { countSchulze } from './schulze.js';
import { countStv } from './stv.js';

const TOOL = '/usr/bin/belenios-tool';
const numRuns = Number(process.env.COUNTING_CROSSCHECK_RUNS ?? 30);

/** Runs the tool on the ballots (read from stdin): its stdout line, or undefined if it failed. */
function runTool(args: string[], ballots: readonly Ballot[]): string | undefined {
  const run = spawnSync(TOOL, ['method', ...args], { input: JSON.stringify(ballots), encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trimEnd() : undefined;
}

const asToolOutput = (outcome: CountingOutcome<unknown>) =>
  outcome.ok ? JSON.stringify(outcome.result) : undefined;

/** Ballots of `width` entries drawn from `entry`, mixing in all-zero (blank) ballots. */
const ballotsOf = (width: number, entry: fc.Arbitrary<number>, maxLength = 15) =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.array(entry, { minLength: width, maxLength: width }) },
      {
        weight: 1,
        arbitrary: fc.constant(new Array<number>(width).fill(0)),
      },
    ),
    { maxLength },
  );

/** A ranking 1..k of k random choices among `width`, the others left at 0; sometimes corrupted. */
const rankingOf = (width: number) =>
  fc
    .tuple(
      fc.shuffledSubarray([...Array(width).keys()]),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: -1, max: width + 1 }),
    )
    .map(([order, corrupt, value]) => {
      const ballot = new Array<number>(width).fill(0);
      order.forEach((choice, rank) => {
        ballot[choice] = rank + 1;
      });
      if (corrupt === 0) ballot[value >= 0 && value < width ? value : 0] = value; // gap, repeat or negative
      return ballot;
    });

describe.skipIf(!existsSync(TOOL))('agreement with belenios-tool 2.0', () => {
  it('schulze', () => {
    const input = fc
      .integer({ min: 1, max: 6 })
      .chain((width) => fc.tuple(ballotsOf(width, fc.integer({ min: -1, max: width })), fc.boolean()));
    fc.assert(
      fc.property(input, ([ballots, blankAllowed]) => {
        const ours = asToolOutput(countSchulze(ballots, { blankAllowed }));
        expect(ours).toBe(runTool(['schulze', `--blank-allowed=${blankAllowed}`], ballots));
      }),
      { numRuns },
    );
  });

  it('majority judgment (many ties among many choices)', () => {
    const input = fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.boolean())
      .chain(([width, ngrades, blankAllowed]) =>
        fc.tuple(
          ballotsOf(width, fc.integer({ min: -1, max: ngrades + 1 }), 6),
          fc.constant(ngrades),
          fc.constant(blankAllowed),
        ),
      );
    fc.assert(
      fc.property(input, ([ballots, ngrades, blankAllowed]) => {
        const ours = asToolOutput(countMajorityJudgment(ballots, { ngrades, blankAllowed }));
        const args = ['majority-judgment', `--ngrades=${ngrades}`, `--blank-allowed=${blankAllowed}`];
        expect(ours).toBe(runTool(args, ballots));
      }),
      { numRuns },
    );
  });

  it('stv (fractional transfers, eliminations, ties, invalid ballots)', () => {
    const input = fc
      .integer({ min: 1, max: 6 })
      .chain((width) =>
        fc.tuple(fc.array(rankingOf(width), { maxLength: 40 }), fc.integer({ min: 1, max: 4 })),
      );
    fc.assert(
      fc.property(input, ([ballots, nseats]) => {
        const ours = asToolOutput(countStv(ballots, { nseats }));
        expect(ours).toBe(runTool(['stv', `--nseats=${nseats}`], ballots));
      }),
      { numRuns },
    );
  });
});
