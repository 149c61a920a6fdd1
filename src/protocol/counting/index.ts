/**
 * Counting methods for non-homomorphic (clear-ballot) questions, matching `belenios-tool method …`
 * of Belenios 2.0: JSON.stringify of each result is what the tool prints.
 */
export type { Ballot, CountingOutcome } from './ballots.js';
export {
  countMajorityJudgment,
  type MajorityJudgmentOptions,
  type MajorityJudgmentResult,
} from './majority-judgment.js';
export {
  type ClearBallotProblem,
  type CountingMethod,
  clearBallotProblem,
  countingMethodOf,
  MAX_ENTRY,
  type MethodReading,
  methodExtra,
  readCountingMethod,
} from './method.js';
export { type Beat, countSchulze, type SchulzeOptions, type SchulzeResult } from './schulze.js';
export { countStv, type StvEvent, type StvOptions, type StvResult } from './stv.js';
