/**
 * Majority Judgment counting, as `belenios-tool method majority-judgment` (Belenios 2.0,
 * `majority_judgment.ml`). Each ballot gives every choice a grade from 1 (best) to ngrades (worst). A
 * ballot with any grade out of range is invalid (and reported), except an all-zero ballot when blank is
 * allowed, which is blank. Choices are ordered by their median-grade sequence: the lower median, then
 * the lower median of the grades left once it is removed, and so on, compared lexicographically.
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
import { ocamlArraySort } from './ocaml-sort.js';

export interface MajorityJudgmentOptions {
  readonly ngrades: number;
  readonly blankAllowed: boolean;
  /** 0 or absent: inferred from the first ballot, like the tool's `--nchoices` default. */
  readonly nchoices?: number;
}

/** Fields in the order belenios-tool prints them; `blank` only when blank is allowed. */
export interface MajorityJudgmentResult {
  /** raw[c][g]: number of valid ballots giving choice c the grade g + 1. */
  raw: number[][];
  valid: number;
  blank?: number;
  /** Invalid ballots, last cast first (the tool accumulates them by prepending). */
  invalid: number[][];
  /** Groups of tied choices, best group first. */
  winners: number[][];
}

/** The grades (0-based) a choice received, best first: one entry per valid ballot. */
function sortedGrades(gradeCounts: readonly number[]): number[] {
  return gradeCounts.flatMap((count, grade) => new Array<number>(count).fill(grade));
}

/**
 * Successive lower medians, each removed before taking the next: the Majority Judgment "majority value".
 * The tool removes them one by one from an array (quadratic); since what it removes is always a middle
 * block of the sorted grades, the next lower median is the end of the part left of that block when that
 * part is at least as long as the part on its right, else the start of the right part.
 */
function medianSequence(grades: readonly number[]): number[] {
  const n = grades.length;
  const medians: number[] = [];
  let lo = Math.trunc((n + 1) / 2) - 1; // last index of the left part
  let hi = lo + 1; // first index of the right part
  while (medians.length < n) medians.push(lo + 1 >= n - hi ? grades[lo--]! : grades[hi++]!);
  return medians;
}

function compareLexicographically(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function rankChoices(raw: readonly (readonly number[])[]): number[][] {
  const sorted = raw.map((counts, choice) => ({ choice, medians: medianSequence(sortedGrades(counts)) }));
  // Not stable: tied choices come out in heap-sort order, which the tool's output reflects.
  ocamlArraySort((a, b) => compareLexicographically(a.medians, b.medians), sorted);
  const groups: number[][] = [];
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i]!;
    const group = [first.choice];
    for (i++; i < sorted.length && compareLexicographically(first.medians, sorted[i]!.medians) === 0; i++) {
      group.unshift(sorted[i]!.choice); // the tool builds each group by prepending
    }
    groups.push(group);
  }
  return groups;
}

export function countMajorityJudgment(
  ballots: readonly Ballot[],
  options: MajorityJudgmentOptions,
): CountingOutcome<MajorityJudgmentResult> {
  const { ngrades, blankAllowed } = options;
  const notInteger = findNonIntegerEntry(ballots);
  if (notInteger) return refused(notInteger);
  const nchoices = resolveChoiceCount(ballots, options.nchoices);
  if (nchoices === undefined)
    return refused('invalid number of choices (or could not infer it from the ballots)');
  if (!Number.isSafeInteger(ngrades) || ngrades <= 0) return refused('invalid number of grades');
  const misshapen = findMisshapenBallot(ballots, nchoices);
  if (misshapen !== undefined) return refused(`ballot ${misshapen} does not have ${nchoices} entries`);

  const raw = Array.from({ length: nchoices }, () => new Array<number>(ngrades).fill(0));
  const invalid: number[][] = [];
  let valid = 0;
  let blank = 0;
  for (const ballot of ballots) {
    if (ballot.every((grade) => grade >= 1 && grade <= ngrades)) {
      ballot.forEach((grade, choice) => {
        raw[choice]![grade - 1]!++;
      });
      valid++;
    } else if (blankAllowed && ballot.every((grade) => grade === 0)) {
      blank++;
    } else {
      invalid.push([...ballot]);
    }
  }
  invalid.reverse(); // the tool accumulates invalid ballots by prepending
  return counted({ raw, valid, ...(blankAllowed ? { blank } : {}), invalid, winners: rankChoices(raw) });
}
