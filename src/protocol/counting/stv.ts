/**
 * Single Transferable Vote counting, as `belenios-tool method stv` (Belenios 2.0, `stv.ml`). A ballot
 * ranks choices 1, 2, 3… without gaps or repeats, 0 meaning unranked; it becomes its preference list
 * (choice indices, best first), or is invalid. The quota is floor(valid / (seats + 1)) + 1, blank
 * ballots included. Each round assigns every ballot to its current first choice; the best-scoring
 * choice, if it reaches the quota, wins one seat and its ballots carry on with weight scaled by
 * (score - quota) / score; otherwise the worst-scoring choice is eliminated and its ballots carry on
 * unchanged. Ties go to the lower index for a win and to the higher index for an elimination, and are
 * logged as events. When no more choices remain than seats, they all win.
 *
 * Weights are floats summed in the tool's order (it keeps lists by prepending), so results agree even
 * where rounding matters. The tool ends with a consistency assertion that fails whenever fewer choices
 * than min(seats, length of the first ballot) end up elected (e.g. only blank ballots); such ballot
 * sets are refused here too.
 */
import { type Ballot, type CountingOutcome, counted, findNonIntegerEntry, refused } from './ballots.js';

export interface StvOptions {
  readonly nseats: number;
}

export type StvEvent =
  | readonly ['Win', number[]]
  | readonly ['Lose', number]
  | readonly ['TieWin', [number, number]]
  | readonly ['TieLose', [number, number]];

/** Fields in the order belenios-tool prints them. */
export interface StvResult {
  /** Preference lists of the valid ballots, sorted. */
  ballots: number[][];
  /** Invalid ballots as cast, sorted (shorter first). */
  invalid: number[][];
  events: StvEvent[];
  winners: number[];
}

/** The choices in the ballot's rank order (ranks 1, 2, … up to the first missing one); undefined if
 * some non-zero rank was not reached, i.e. the ranks have a gap or a repeat or are not positive. */
function preferenceList(ballot: Ballot): number[] | undefined {
  const list: number[] = [];
  for (let rank = 1; ; rank++) {
    const choice = ballot.indexOf(rank);
    if (choice < 0) break;
    list.push(choice);
  }
  const reached = new Set(list);
  return ballot.every((rank, choice) => rank === 0 || reached.has(choice)) ? list : undefined;
}

/** OCaml's polymorphic compare on int lists: lexicographic, a prefix first. */
function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** OCaml's polymorphic compare on int arrays: shorter first, then lexicographic. */
const compareArrays = (a: readonly number[], b: readonly number[]): number =>
  a.length - b.length || compareLists(a, b);

interface WeightedBallot {
  readonly weight: number;
  readonly choices: readonly number[];
}

interface Tally {
  readonly choice: number;
  /** Ballots whose current first choice is `choice`, in the tool's (last assigned first) order. */
  readonly pile: readonly WeightedBallot[];
  readonly score: number;
}

/** Piles by first choice (in assignment order); choices only ranked further down get an empty pile.
 * Ascending choice order, like the tool's map. */
function assignToFirstChoices(ballots: readonly WeightedBallot[]): Map<number, WeightedBallot[]> {
  const piles = new Map<number, WeightedBallot[]>();
  for (const ballot of ballots) {
    const [first, ...others] = ballot.choices;
    if (first === undefined) continue; // exhausted (or blank): no longer counts
    const pile = piles.get(first);
    if (pile) pile.push(ballot);
    else piles.set(first, [ballot]);
    for (const other of others) if (!piles.has(other)) piles.set(other, []);
  }
  return new Map([...piles].sort(([a], [b]) => a - b));
}

/** Highest score first, then lower index first (the tool's "arbitrary" tie-break). */
function tallyPiles(piles: Map<number, WeightedBallot[]>): Tally[] {
  const tallies = [...piles].map(([choice, assigned]) => {
    const pile = [...assigned].reverse(); // the tool prepends each assigned ballot
    return { choice, pile, score: pile.reduce((sum, ballot) => sum + ballot.weight, 0) };
  });
  return tallies.sort((a, b) => (a.score !== b.score ? (a.score > b.score ? -1 : 1) : a.choice - b.choice));
}

/** Removes `choice` from every ballot and scales the weight of the ballots in its pile by `coefficient`. */
function transfer(coefficient: number, choice: number, tallies: readonly Tally[]): WeightedBallot[] {
  const next = tallies.flatMap((tally) =>
    tally.pile.map((ballot) => ({
      weight: tally.choice === choice ? ballot.weight * coefficient : ballot.weight,
      choices: ballot.choices.filter((c) => c !== choice),
    })),
  );
  return next.reverse(); // the tool's fold prepends
}

function runRounds(quota: number, initial: readonly WeightedBallot[], nseats: number): StvEvent[] {
  const events: StvEvent[] = [];
  let ballots = initial;
  for (let seats = nseats; seats > 0; ) {
    const piles = assignToFirstChoices(ballots);
    if (piles.size <= seats) {
      events.push(['Win', [...piles.keys()]]);
      break;
    }
    const tallies = tallyPiles(piles);
    const best = tallies[0]!;
    if (best.score >= quota) {
      const runnerUp = tallies[1];
      if (runnerUp?.score === best.score) events.push(['TieWin', [best.choice, runnerUp.choice]]);
      events.push(['Win', [best.choice]]);
      ballots = transfer((best.score - quota) / best.score, best.choice, tallies);
      seats--;
    } else {
      const worst = tallies[tallies.length - 1]!;
      const nextWorst = tallies[tallies.length - 2];
      if (nextWorst?.score === worst.score) events.push(['TieLose', [worst.choice, nextWorst.choice]]);
      events.push(['Lose', worst.choice]);
      ballots = transfer(1, worst.choice, tallies);
    }
  }
  return events;
}

export function countStv(ballots: readonly Ballot[], options: StvOptions): CountingOutcome<StvResult> {
  const { nseats } = options;
  if (!Number.isSafeInteger(nseats) || nseats <= 0) return refused('invalid number of seats');
  const notInteger = findNonIntegerEntry(ballots);
  if (notInteger) return refused(notInteger);

  const valid: number[][] = [];
  const invalid: number[][] = [];
  for (const ballot of ballots) {
    const list = preferenceList(ballot);
    if (list) valid.push(list);
    else invalid.push([...ballot]);
  }
  valid.sort(compareLists);
  invalid.sort(compareArrays);

  const quota = Math.floor(valid.length / (nseats + 1)) + 1;
  const events = runRounds(
    quota,
    valid.map((choices) => ({ weight: 1, choices })),
    nseats,
  );
  const winners = events.flatMap((event) => (event[0] === 'Win' ? event[1] : []));

  // The tool's final assertion, which makes it fail rather than print a result.
  const nchoices = ballots[0]?.length ?? 0;
  const expected = valid.length === 0 ? 0 : Math.min(nseats, nchoices);
  if (winners.length !== expected) {
    return refused(
      `${winners.length} choice(s) elected for ${nseats} seat(s) and ${nchoices} choices: ` +
        'belenios-tool 2.0 rejects such a ballot set (its final consistency assertion fails)',
    );
  }
  return counted({ ballots: valid, invalid, events, winners });
}
