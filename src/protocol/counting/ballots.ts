/**
 * Clear ballots and counting outcomes shared by the counting methods. After a non-homomorphic question
 * is decrypted, its result is simply the list of ballots, each a list of small integers (one per
 * choice: a rank or a grade, 0 meaning "left empty"). A counting method turns that list into a result
 * whose JSON is what `belenios-tool method …` prints; a bad option or a malformed ballot set (which the
 * tool rejects, sometimes through a failed assertion) is an expected failure, returned, not thrown.
 */

/** One decrypted ballot: entry i concerns choice i. */
export type Ballot = readonly number[];

export type CountingOutcome<R> =
  | { readonly ok: true; readonly result: R }
  | { readonly ok: false; readonly error: string };

export const counted = <R>(result: R): CountingOutcome<R> => ({ ok: true, result });
export const refused = <R>(error: string): CountingOutcome<R> => ({ ok: false, error });

/**
 * The tool decodes ballots as OCaml ints, so anything else would have been rejected before counting.
 * Returns the first problem found, if any.
 */
export function findNonIntegerEntry(ballots: readonly Ballot[]): string | undefined {
  for (const [i, ballot] of ballots.entries()) {
    if (!Array.isArray(ballot)) return `ballot ${i} is not an array`;
    const j = ballot.findIndex((x) => !Number.isSafeInteger(x));
    if (j >= 0) return `ballot ${i}, entry ${j} is not an integer`;
  }
  return undefined;
}

/**
 * Number of choices for the methods that need it (Schulze, Majority Judgment): the given one, or, when
 * 0 or absent (the tool's default), the length of the first ballot. Undefined when it is not positive.
 */
export function resolveChoiceCount(ballots: readonly Ballot[], nchoices = 0): number | undefined {
  const n = nchoices === 0 ? (ballots[0]?.length ?? 0) : nchoices;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The tool asserts every ballot has exactly one entry per choice; index of the first that does not. */
export function findMisshapenBallot(ballots: readonly Ballot[], nchoices: number): number | undefined {
  const i = ballots.findIndex((ballot) => ballot.length !== nchoices);
  return i >= 0 ? i : undefined;
}
