import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, CountingOutcome } from './ballots.js';
import { countMajorityJudgment, type MajorityJudgmentOptions } from './majority-judgment.js';

const printed = (outcome: CountingOutcome<unknown>) => {
  if (!outcome.ok) throw new Error(outcome.error);
  return JSON.stringify(outcome.result);
};
const repeat = (ballot: Ballot, times: number): Ballot[] => new Array<Ballot>(times).fill(ballot);

// Every expected string below is the output of belenios-tool 2.0 (Debian package, 20230102) run on the
// same ballots, e.g. `echo '[[1,2,2,3],…]' | belenios-tool method majority-judgment --ngrades 3
// --blank-allowed false`.
describe('countMajorityJudgment: belenios-tool 2.0 vectors', () => {
  const sometimesInvalid: Ballot[] = [
    [1, 2, 2, 3],
    [2, 1, 2, 0],
    [3, 3, 1, 3],
    [0, 0, 0, 0],
    [2, 2, 3, 1],
    [9, 1, 1, 1],
    [1, 3, 2, 3],
    [2, 1, 3, 2],
  ];
  const vectors: [string, Ballot[], MajorityJudgmentOptions, string][] = [
    [
      'demo-mj.sh (its mj.reference)',
      [
        ...repeat([1, 1, 1, 1], 6),
        ...repeat([1, 1, 2, 1], 4),
        ...repeat([1, 1, 2, 2], 15),
        ...repeat([1, 2, 2, 3], 5),
        ...repeat([2, 2, 3, 3], 15),
        ...repeat([2, 2, 3, 4], 10),
        ...repeat([3, 3, 3, 4], 15),
        ...repeat([3, 3, 4, 5], 5),
        ...repeat([4, 4, 4, 5], 14),
        [4, 5, 4, 5],
        ...repeat([5, 5, 4, 5], 4),
        ...repeat([5, 5, 5, 5], 6),
        [5, 0, 5, 5],
        [0, 0, 0, 0],
      ],
      { ngrades: 5, blankAllowed: true },
      '{"raw":[[30,25,20,15,10],[25,30,20,14,11],[6,24,40,24,6],[10,15,20,25,30]],"valid":100,"blank":1,"invalid":[[5,0,5,5]],"winners":[[0],[1],[2],[3]]}',
    ],
    [
      'invalid ballots listed last first; all-zero is invalid when blank is not allowed',
      sometimesInvalid,
      { ngrades: 3, blankAllowed: false },
      '{"raw":[[2,2,1],[1,2,2],[1,2,2],[1,1,3]],"valid":5,"invalid":[[9,1,1,1],[0,0,0,0],[2,1,2,0]],"winners":[[0],[1,2],[3]]}',
    ],
    [
      'all-zero is blank when allowed',
      sometimesInvalid,
      { ngrades: 3, blankAllowed: true },
      '{"raw":[[2,2,1],[1,2,2],[1,2,2],[1,1,3]],"valid":5,"blank":1,"invalid":[[9,1,1,1],[2,1,2,0]],"winners":[[0],[1,2],[3]]}',
    ],
    [
      'a tie listed in decreasing index order (unstable sort, groups built by prepending)',
      [
        [1, 1, 3],
        [3, 2, 2],
        [2, 3, 1],
        [2, 2, 3],
      ],
      { ngrades: 3, blankAllowed: false },
      '{"raw":[[1,2,1],[1,2,1],[1,1,2]],"valid":4,"invalid":[],"winners":[[1,0],[2]]}',
    ],
    [
      'ten tied choices, in OCaml heap-sort order',
      [2, 3, 1].map((grade) => new Array<number>(10).fill(grade)),
      { ngrades: 3, blankAllowed: false },
      '{"raw":[[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1],[1,1,1]],"valid":3,"invalid":[],"winners":[[0,1,4,9,8,7,6,5,3,2]]}',
    ],
    [
      'no ballots, explicit number of choices',
      [],
      { ngrades: 3, blankAllowed: false, nchoices: 7 },
      '{"raw":[[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0]],"valid":0,"invalid":[],"winners":[[0,1,4,6,5,3,2]]}',
    ],
  ];
  it.each(vectors)('%s', (_name, ballots, options, expected) => {
    expect(printed(countMajorityJudgment(ballots, options))).toBe(expected);
  });

  it('refuses what the tool refuses', () => {
    // The tool: "invalid --ngrades parameter".
    expect(countMajorityJudgment([[1, 2]], { ngrades: 0, blankAllowed: false }).ok).toBe(false);
    // The tool: "invalid --nchoices parameter (or could not infer it)".
    expect(countMajorityJudgment([], { ngrades: 2, blankAllowed: false }).ok).toBe(false);
    // The tool: assertion failure in majority_judgment.ml (ballot length differs from the number of choices).
    expect(countMajorityJudgment([[1, 2], [1]], { ngrades: 2, blankAllowed: false }).ok).toBe(false);
  });
});

describe('countMajorityJudgment: properties', () => {
  const election = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.boolean())
    .chain(([nchoices, ngrades, blankAllowed]) =>
      fc.record({
        ballots: fc.array(
          fc.array(fc.integer({ min: -1, max: ngrades + 1 }), { minLength: nchoices, maxLength: nchoices }),
          { minLength: 1, maxLength: 25 },
        ),
        ngrades: fc.constant(ngrades),
        blankAllowed: fc.constant(blankAllowed),
      }),
    );

  it('accounts for every ballot and every choice', () => {
    fc.assert(
      fc.property(election, ({ ballots, ngrades, blankAllowed }) => {
        const outcome = countMajorityJudgment(ballots, { ngrades, blankAllowed });
        if (!outcome.ok) throw new Error(outcome.error);
        const { raw, valid, blank, invalid, winners } = outcome.result;
        expect(valid + (blank ?? 0) + invalid.length).toBe(ballots.length);
        for (const row of raw) expect(row.reduce((a, b) => a + b, 0)).toBe(valid);
        expect(winners.flat().sort((a, b) => a - b)).toEqual([...raw.keys()]);
      }),
    );
  });

  it('never ranks a choice below one it is graded at least as well as on every valid ballot', () => {
    fc.assert(
      fc.property(election, ({ ballots, ngrades, blankAllowed }) => {
        const outcome = countMajorityJudgment(ballots, { ngrades, blankAllowed });
        if (!outcome.ok) throw new Error(outcome.error);
        const validBallots = ballots.filter((b) => b.every((g) => g >= 1 && g <= ngrades));
        const groupOf = (choice: number) => outcome.result.winners.findIndex((g) => g.includes(choice));
        const n = ballots[0]!.length;
        for (let a = 0; a < n; a++) {
          for (let b = 0; b < n; b++) {
            if (validBallots.every((ballot) => ballot[a]! <= ballot[b]!)) {
              expect(groupOf(a)).toBeLessThanOrEqual(groupOf(b));
            }
          }
        }
      }),
    );
  });
});
