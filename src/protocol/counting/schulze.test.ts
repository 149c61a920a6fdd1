import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, CountingOutcome } from './ballots.js';
import { countSchulze, type SchulzeOptions } from './schulze.js';

const printed = (outcome: CountingOutcome<unknown>) => {
  if (!outcome.ok) throw new Error(outcome.error);
  return JSON.stringify(outcome.result);
};
const repeat = (ballot: Ballot, times: number): Ballot[] => new Array<Ballot>(times).fill(ballot);

// Every expected string below is the output of belenios-tool 2.0 (Debian package, 20230102) run on the
// same ballots, e.g. `echo '[[1,2,3],…]' | belenios-tool method schulze --blank-allowed true`.
describe('countSchulze: belenios-tool 2.0 vectors', () => {
  const vectors: [string, Ballot[], SchulzeOptions, string][] = [
    [
      'demo-nh.sh third question (its schulze.reference)',
      [
        ...repeat([1, 2, 3], 23),
        ...repeat([2, 1, 3], 2),
        ...repeat([3, 1, 2], 17),
        ...repeat([2, 3, 1], 10),
        ...repeat([3, 2, 1], 8),
      ],
      { blankAllowed: true },
      '{"valid":60,"blank":0,"raw":[[0,33,25],[27,0,42],[35,18,0]],"beatpaths":[[[33,27],[33,27],[33,27]],[[35,25],[33,27],[42,18]],[[35,25],[33,27],[33,27]]],"winners":[[1],[2],[0]]}',
    ],
    [
      'Condorcet paradox: a complete tie',
      [
        [1, 2, 3],
        [2, 3, 1],
        [3, 1, 2],
      ],
      { blankAllowed: false },
      '{"valid":3,"raw":[[0,2,1],[1,0,2],[2,1,0]],"beatpaths":[[[2,1],[2,1],[2,1]],[[2,1],[2,1],[2,1]],[[2,1],[2,1],[2,1]]],"winners":[[0,1,2]]}',
    ],
    [
      'cycle with equal winning votes, decided by losing votes',
      [
        [1, 0, 1],
        [2, 0, 1],
        [1, 2, 3],
        [3, 2, 2],
        [1, 2, 0],
        [1, 1, 1],
        [0, 2, 3],
        [1, 1, 1],
        [0, 1, 2],
      ],
      { blankAllowed: false },
      '{"valid":9,"raw":[[0,4,2],[3,0,4],[4,2,0]],"beatpaths":[[[4,3],[4,3],[4,3]],[[4,2],[4,3],[4,2]],[[4,2],[4,3],[4,3]]],"winners":[[1],[2],[0]]}',
    ],
    [
      'blank ballots set aside when allowed; equal and missing ranks',
      [
        [1, 1, 2],
        [0, 1, 0],
        [2, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
        [1, 2, 2],
      ],
      { blankAllowed: true },
      '{"valid":4,"blank":2,"raw":[[0,2,2],[1,0,2],[1,1,0]],"beatpaths":[[[0,0],[2,1],[2,1]],[[0,0],[0,0],[2,1]],[[0,0],[0,0],[0,0]]],"winners":[[0],[1],[2]]}',
    ],
    [
      'all-zero ballots are valid, preference-free, when blank is not allowed',
      [
        [1, 1, 2],
        [0, 1, 0],
        [2, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
        [1, 2, 2],
      ],
      { blankAllowed: false },
      '{"valid":6,"raw":[[0,2,2],[1,0,2],[1,1,0]],"beatpaths":[[[0,0],[2,1],[2,1]],[[0,0],[0,0],[2,1]],[[0,0],[0,0],[0,0]]],"winners":[[0],[1],[2]]}',
    ],
    [
      'a tie in the last group',
      [
        [1, 1, 1],
        [2, 2, 1],
      ],
      { blankAllowed: true },
      '{"valid":2,"blank":0,"raw":[[0,0,0],[0,0,0],[1,1,0]],"beatpaths":[[[0,0],[0,0],[0,0]],[[0,0],[0,0],[0,0]],[[1,0],[1,0],[0,0]]],"winners":[[2],[0,1]]}',
    ],
    [
      'no ballots, explicit number of choices',
      [],
      { blankAllowed: false, nchoices: 3 },
      '{"valid":0,"raw":[[0,0,0],[0,0,0],[0,0,0]],"beatpaths":[[[0,0],[0,0],[0,0]],[[0,0],[0,0],[0,0]],[[0,0],[0,0],[0,0]]],"winners":[[0,1,2]]}',
    ],
  ];
  it.each(vectors)('%s', (_name, ballots, options, expected) => {
    expect(printed(countSchulze(ballots, options))).toBe(expected);
  });

  it('refuses what the tool refuses', () => {
    // The tool: "invalid --nchoices parameter (or could not infer it)".
    expect(countSchulze([], { blankAllowed: true }).ok).toBe(false);
    // The tool: assertion failure in schulze.ml (ballot length differs from the number of choices).
    expect(
      countSchulze(
        [
          [1, 2],
          [0, 0, 0],
        ],
        { blankAllowed: true },
      ).ok,
    ).toBe(false);
    expect(countSchulze([[1, 2, 3]], { blankAllowed: true, nchoices: 2 }).ok).toBe(false);
    expect(countSchulze([[1, 2.5]], { blankAllowed: true }).ok).toBe(false);
  });
});

describe('countSchulze: properties', () => {
  const election = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.tuple(
      fc.array(fc.array(fc.integer({ min: 0, max: n }), { minLength: n, maxLength: n }), {
        minLength: 1,
        maxLength: 25,
      }),
      fc.boolean(),
    ),
  );

  /** Adds the same ballots in another order. */
  const withShuffle = (arb: typeof election) =>
    arb.chain(([ballots, blankAllowed]) =>
      fc.tuple(
        fc.constant(ballots),
        fc.constant(blankAllowed),
        fc.shuffledSubarray(ballots, { minLength: ballots.length }),
      ),
    );

  it('ranks the Condorcet winner, when there is one, alone first', () => {
    fc.assert(
      fc.property(election, ([ballots, blankAllowed]) => {
        const outcome = countSchulze(ballots, { blankAllowed });
        if (!outcome.ok) throw new Error(outcome.error);
        const { raw, winners } = outcome.result;
        const condorcet = raw.findIndex((row, i) => row.every((wins, j) => i === j || wins > raw[j]![i]!));
        if (condorcet >= 0) expect(winners[0]).toEqual([condorcet]);
      }),
    );
  });

  it('ranks every choice exactly once, and does not depend on ballot order', () => {
    fc.assert(
      fc.property(withShuffle(election), ([ballots, blankAllowed, shuffled]) => {
        const outcome = countSchulze(ballots, { blankAllowed });
        if (!outcome.ok) throw new Error(outcome.error);
        const { valid, blank, raw, winners } = outcome.result;
        expect(winners.flat().sort((a, b) => a - b)).toEqual([...raw.keys()]);
        expect(valid + (blank ?? 0)).toBe(ballots.length);
        for (const [i, row] of raw.entries()) {
          for (const [j, wins] of row.entries()) expect(wins + raw[j]![i]!).toBeLessThanOrEqual(valid);
        }
        expect(countSchulze(shuffled, { blankAllowed })).toEqual(outcome);
      }),
    );
  });
});
