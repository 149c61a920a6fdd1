/**
 * Condorcet-Schulze counting, as `belenios-tool method schulze` (Belenios 2.0, `schulze.ml`). Each ballot
 * ranks the choices (1 = best, equal ranks allowed, 0 = unranked, i.e. below every ranked choice). The
 * pairwise preference matrix is closed under strongest beatpaths, where a beat is the pair (winning
 * votes, losing votes) and losing votes only break ties on winning votes (the CIVS implementation).
 * Choices are then ranked in successive groups of unbeaten choices. When blank is allowed, all-zero
 * ballots are set aside as blank; otherwise they count as valid ballots expressing no preference.
 */
import {
  type Ballot,
  type CountingOutcome,
  counted,
  findMisshapenBallot,
  findNonIntegerEntry,
  refused,
  resolveChoiceCount,
} from './ballots.js';

export interface SchulzeOptions {
  readonly blankAllowed: boolean;
  /** 0 or absent: inferred from the first ballot, like the tool's `--nchoices` default. */
  readonly nchoices?: number;
}

/** [winning votes, losing votes]; [0, 0] when there is no beat. */
export type Beat = readonly [number, number];

/** Fields in the order belenios-tool prints them; `blank` only when blank is allowed. */
export interface SchulzeResult {
  valid: number;
  blank?: number;
  /** raw[i][j]: number of valid ballots ranking choice i strictly above choice j. */
  raw: number[][];
  /** beatpaths[i][j]: strength of the strongest beatpath from i to j. */
  beatpaths: Beat[][];
  /** Groups of tied choices, best group first, each in increasing index order. */
  winners: number[][];
}

/** Beats are ordered by winning votes, then by fewer losing votes. */
function compareBeats([w1, l1]: Beat, [w2, l2]: Beat): number {
  if (w1 !== w2) return w1 > w2 ? 1 : -1;
  if (l1 !== l2) return l1 < l2 ? 1 : -1;
  return 0;
}
const weakerBeat = (x: Beat, y: Beat): Beat => (compareBeats(x, y) > 0 ? y : x);
const strongerBeat = (x: Beat, y: Beat): Beat => (compareBeats(x, y) > 0 ? x : y);

const matrix = <T>(n: number, init: () => T): T[][] =>
  Array.from({ length: n }, () => Array.from({ length: n }, init));

function pairwisePreferences(nchoices: number, ballots: readonly Ballot[]): number[][] {
  const raw = matrix(nchoices, () => 0);
  for (const ballot of ballots) {
    // An unranked choice (0) comes after every ranked one.
    const rank = (i: number) => (ballot[i] === 0 ? Number.POSITIVE_INFINITY : (ballot[i] as number));
    for (let i = 0; i < nchoices - 1; i++) {
      for (let j = i + 1; j < nchoices; j++) {
        if (rank(i) < rank(j)) raw[i]![j]!++;
        else if (rank(j) < rank(i)) raw[j]![i]!++;
      }
    }
  }
  return raw;
}

/** Floyd-Warshall on the (max, min) semiring, starting from the direct beats only. */
function strongestBeatpaths(raw: number[][]): Beat[][] {
  const n = raw.length;
  const paths = matrix<Beat>(n, () => [0, 0]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = raw[i]![j]!;
      const y = raw[j]![i]!;
      if (x > y) paths[i]![j] = [x, y];
      else if (x < y) paths[j]![i] = [y, x];
    }
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        paths[i]![j] = strongerBeat(paths[i]![j]!, weakerBeat(paths[i]![k]!, paths[k]![j]!));
      }
    }
  }
  return paths;
}

/** Repeatedly takes out the choices that no remaining choice beats. */
function rankChoices(paths: Beat[][]): number[][] {
  const n = paths.length;
  const ranked = new Array<boolean>(n).fill(false);
  const groups: number[][] = [];
  for (let done = 0; done < n; ) {
    const unbeaten: number[] = [];
    for (let i = 0; i < n; i++) {
      if (ranked[i]) continue;
      const beaten = paths.some((row, j) => !ranked[j] && compareBeats(row[i]!, paths[i]![j]!) > 0);
      if (!beaten) unbeaten.push(i);
    }
    for (const i of unbeaten) ranked[i] = true;
    done += unbeaten.length;
    groups.push(unbeaten);
  }
  return groups;
}

export function countSchulze(
  ballots: readonly Ballot[],
  options: SchulzeOptions,
): CountingOutcome<SchulzeResult> {
  const notInteger = findNonIntegerEntry(ballots);
  if (notInteger) return refused(notInteger);
  const nchoices = resolveChoiceCount(ballots, options.nchoices);
  if (nchoices === undefined)
    return refused('invalid number of choices (or could not infer it from the ballots)');
  const misshapen = findMisshapenBallot(ballots, nchoices);
  if (misshapen !== undefined) return refused(`ballot ${misshapen} does not have ${nchoices} entries`);

  const isBlank = (b: Ballot) => options.blankAllowed && b.every((x) => x === 0);
  const counting = ballots.filter((b) => !isBlank(b));
  const raw = pairwisePreferences(nchoices, counting);
  const beatpaths = strongestBeatpaths(raw);
  const blank = options.blankAllowed ? { blank: ballots.length - counting.length } : {};
  return counted({ valid: counting.length, ...blank, raw, beatpaths, winners: rankChoices(beatpaths) });
}
