import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, CountingOutcome } from './ballots.js';
import { countStv } from './stv.js';

const printed = (outcome: CountingOutcome<unknown>) => {
  if (!outcome.ok) throw new Error(outcome.error);
  return JSON.stringify(outcome.result);
};

// The 50 ballots of demo-stv.sh, as fed to the tool.
const demoBallots: Ballot[] = JSON.parse(
  '[[4,1,2,5,3],[2,4,5,3,1],[3,5,1,4,2],[3,4,2,1,5],[5,3,2,4,1],[5,3,4,1,2],[5,4,2,1,3],[4,3,1,5,2],[3,2,5,4,1],[5,3,2,4,1],[5,4,1,2,3],[5,1,4,3,2],[2,1,3,5,4],[1,5,2,3,4],[5,1,3,2,4],[2,5,4,3,1],[5,4,2,3,1],[5,1,2,3,4],[4,3,5,2,1],[1,2,3,5,4],[5,4,2,1,3],[3,1,5,4,2],[1,5,4,2,3],[5,4,1,3,2],[5,4,3,2,1],[4,2,5,3,1],[3,5,2,1,4],[2,5,4,3,1],[1,3,2,4,5],[4,2,1,5,3],[4,3,5,2,1],[2,5,3,1,4],[1,2,3,4,5],[4,1,5,2,3],[1,3,2,4,5],[3,1,2,5,4],[5,1,3,2,4],[5,4,3,1,2],[3,5,2,4,1],[3,5,2,1,4],[5,4,3,1,2],[3,2,5,4,1],[2,5,1,4,3],[5,3,2,1,4],[2,3,5,4,1],[3,5,2,4,1],[2,3,5,1,4],[4,1,3,5,2],[1,4,2,3,5],[2,4,5,1,3]]',
);

// Partial rankings over 5 choices: surpluses to transfer (fractional weights) and eliminations.
const partialBallots: Ballot[] = [
  [1, 2, 3, 0, 0],
  [1, 2, 3, 0, 0],
  [1, 2, 3, 0, 0],
  [1, 3, 2, 0, 0],
  [1, 0, 0, 2, 0],
  [1, 0, 0, 0, 2],
  [2, 1, 0, 0, 0],
  [0, 1, 2, 0, 0],
  [0, 0, 1, 2, 0],
  [0, 0, 0, 1, 2],
  [0, 0, 0, 1, 0],
  [0, 0, 2, 1, 0],
  [0, 0, 0, 2, 1],
  [3, 0, 0, 2, 1],
];

// Every expected string below is the output of belenios-tool 2.0 (Debian package, 20230102) run on the
// same ballots, e.g. `echo '[[4,1,2,5,3],…]' | belenios-tool method stv --nseats 2`.
describe('countStv: belenios-tool 2.0 vectors', () => {
  const vectors: [string, Ballot[], number, string][] = [
    [
      'demo-stv.sh (its result.reference)',
      demoBallots,
      2,
      '{"ballots":[[0,1,2,3,4],[0,1,2,4,3],[0,2,1,3,4],[0,2,1,3,4],[0,2,3,1,4],[0,2,3,4,1],[0,3,4,2,1],[1,0,2,4,3],[1,2,0,4,3],[1,2,3,4,0],[1,2,4,0,3],[1,3,2,4,0],[1,3,2,4,0],[1,3,4,0,2],[1,4,0,3,2],[1,4,2,0,3],[1,4,3,2,0],[2,0,4,3,1],[2,1,4,0,3],[2,3,4,1,0],[2,4,0,3,1],[2,4,1,0,3],[2,4,3,1,0],[3,0,1,4,2],[3,0,2,4,1],[3,0,4,1,2],[3,2,0,1,4],[3,2,0,4,1],[3,2,0,4,1],[3,2,1,4,0],[3,2,4,1,0],[3,2,4,1,0],[3,4,1,2,0],[3,4,2,1,0],[3,4,2,1,0],[4,0,1,3,2],[4,0,3,1,2],[4,0,3,2,1],[4,0,3,2,1],[4,1,0,3,2],[4,1,0,3,2],[4,1,3,0,2],[4,2,0,3,1],[4,2,0,3,1],[4,2,1,3,0],[4,2,1,3,0],[4,2,3,1,0],[4,3,1,0,2],[4,3,1,0,2],[4,3,2,1,0]],"invalid":[],"events":[["Lose",2],["Win",[4]],["Lose",0],["Win",[3]]],"winners":[4,3]}',
    ],
    [
      'three seats: surplus transfer, then eliminations',
      partialBallots,
      3,
      '{"ballots":[[0,1,2],[0,1,2],[0,1,2],[0,2,1],[0,3],[0,4],[1,0],[1,2],[2,3],[3],[3,2],[3,4],[4,3],[4,3,0]],"invalid":[],"events":[["Win",[0]],["Lose",2],["Win",[3]],["Lose",4],["Win",[1]]],"winners":[0,3,1]}',
    ],
    [
      'same ballots, two seats',
      partialBallots,
      2,
      '{"ballots":[[0,1,2],[0,1,2],[0,1,2],[0,2,1],[0,3],[0,4],[1,0],[1,2],[2,3],[3],[3,2],[3,4],[4,3],[4,3,0]],"invalid":[],"events":[["Win",[0]],["Lose",2],["Lose",4],["Win",[3]]],"winners":[0,3]}',
    ],
    [
      'tie at the quota: the lower index wins first',
      [
        [1, 2, 0],
        [1, 2, 0],
        [2, 1, 0],
        [2, 1, 0],
        [0, 0, 1],
      ],
      2,
      '{"ballots":[[0,1],[0,1],[1,0],[1,0],[2]],"invalid":[],"events":[["TieWin",[0,1]],["Win",[0]],["Win",[1]]],"winners":[0,1]}',
    ],
    [
      'invalid ballots sorted, blank ballots valid (and in the quota), tie on elimination',
      [
        [1, 2, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 1, 0, 0],
        [0, 3, 1, 0],
        [0, 1, 0, 2],
        [2, 0, 1, 0],
        [-1, 0, 0, 0],
        [0, 0, 1, 2],
      ],
      2,
      '{"ballots":[[],[],[0,1],[1,3],[2,0],[2,3]],"invalid":[[-1,0,0,0],[0,3,1,0],[1,1,0,0]],"events":[["Lose",3],["TieLose",[1,0]],["Lose",1],["Win",[0,2]]],"winners":[0,2]}',
    ],
    [
      'ballots of varying lengths; invalid ones sorted shorter first',
      [[1, 2], [1], [1, 2, 3], [], [2, 1], [0, 1], [5], [1, 1, 1], [2, 2]],
      1,
      '{"ballots":[[],[0],[0,1],[0,1,2],[1],[1,0]],"invalid":[[5],[2,2],[1,1,1]],"events":[["Lose",2],["Lose",1],["Win",[0]]],"winners":[0]}',
    ],
    [
      // After 0 wins (surplus coefficient 0.4), 1 holds weights 0.4, 0.4, 1 and, once 3 is eliminated,
      // 2 holds 1, 0.4, 0.4: equal in exact arithmetic, but summed in that order 1.8 > 1.7999999999999998,
      // so no tie is logged.
      'float sums in the tool order decide a near-tie',
      [
        [1, 2, 0, 0],
        [1, 2, 0, 0],
        [1, 0, 3, 2],
        [1, 0, 3, 2],
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
      ],
      2,
      '{"ballots":[[0],[0,1],[0,1],[0,3,2],[0,3,2],[1],[2]],"invalid":[],"events":[["Win",[0]],["Lose",3],["Lose",2],["Win",[1]]],"winners":[0,1]}',
    ],
    ['no ballots at all', [], 2, '{"ballots":[],"invalid":[],"events":[["Win",[]]],"winners":[]}'],
  ];
  it.each(vectors)('%s', (_name, ballots, nseats, expected) => {
    expect(printed(countStv(ballots, { nseats }))).toBe(expected);
  });

  it('refuses what the tool refuses', () => {
    // The tool: "invalid --nseats parameter".
    expect(countStv([[1, 2, 3]], { nseats: 0 }).ok).toBe(false);
    // The tool: assertion failure at the end of stv.ml, as fewer than min(seats, choices) are elected.
    expect(
      countStv(
        [
          [0, 0, 0],
          [0, 0, 0],
        ],
        { nseats: 1 },
      ).ok,
    ).toBe(false);
    expect(
      countStv(
        [
          [1, 0, 0, 0],
          [1, 2, 0, 0],
        ],
        { nseats: 3 },
      ).ok,
    ).toBe(false);
  });
});

describe('countStv: properties', () => {
  /** Rankings 1..k of k of the `width` choices, the others left at 0. */
  const ranking = (width: number) =>
    fc.shuffledSubarray([...Array(width).keys()]).map((order) => {
      const ballot = new Array<number>(width).fill(0);
      for (const [rank, choice] of order.entries()) ballot[choice] = rank + 1;
      return ballot;
    });
  const election = fc.integer({ min: 1, max: 6 }).chain((width) =>
    fc.record({
      ballots: fc.array(ranking(width), { minLength: 1, maxLength: 40 }),
      nseats: fc.integer({ min: 1, max: 4 }),
    }),
  );

  it('fills min(seats, choices) seats with distinct choices, never one it eliminated', () => {
    fc.assert(
      fc.property(election, ({ ballots, nseats }) => {
        const outcome = countStv(ballots, { nseats });
        if (!outcome.ok) return; // fewer choices ranked than seats: the tool refuses too
        const { winners, events } = outcome.result;
        expect(winners.length).toBe(Math.min(nseats, ballots[0]!.length));
        expect(new Set(winners).size).toBe(winners.length);
        const eliminated = events.flatMap((e) => (e[0] === 'Lose' ? [e[1]] : []));
        expect(winners.filter((w) => eliminated.includes(w))).toEqual([]);
      }),
    );
  });

  it('elects every choice that starts with a quota of first preferences', () => {
    fc.assert(
      fc.property(election, ({ ballots, nseats }) => {
        const outcome = countStv(ballots, { nseats });
        if (!outcome.ok) return;
        const quota = Math.floor(ballots.length / (nseats + 1)) + 1;
        for (let choice = 0; choice < ballots[0]!.length; choice++) {
          if (ballots.filter((b) => b[choice] === 1).length >= quota)
            expect(outcome.result.winners).toContain(choice);
        }
      }),
    );
  });

  it('does not depend on ballot order', () => {
    const shuffledElection = election.chain(({ ballots, nseats }) =>
      fc.tuple(
        fc.constant(ballots),
        fc.shuffledSubarray(ballots, { minLength: ballots.length }),
        fc.constant(nseats),
      ),
    );
    fc.assert(
      fc.property(shuffledElection, ([ballots, shuffled, nseats]) => {
        // Only the first ballot's length matters to the tool's final check, and all have the same here.
        expect(countStv(shuffled, { nseats })).toEqual(countStv(ballots, { nseats }));
      }),
    );
  });
});
