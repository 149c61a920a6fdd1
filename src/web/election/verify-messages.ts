/**
 * Messages between the page and its verification Web Workers (verify-worker.ts): the election's
 * JSON once, then chunks of raw ballots; verdicts come back per chunk, tagged with the job.
 */
import type { BallotCheck } from '../../protocol/ballot.js';

export type ToVerifyWorker =
  | { readonly type: 'election'; readonly raw: string }
  | { readonly type: 'check'; readonly job: number; readonly ballots: readonly string[] };

export type FromVerifyWorker =
  | { readonly type: 'checked'; readonly job: number; readonly checks: BallotCheck[] }
  /** An unloadable election or a bug: the verification stops (invalid ballots are BallotChecks). */
  | { readonly type: 'failed'; readonly job: number; readonly message: string };
