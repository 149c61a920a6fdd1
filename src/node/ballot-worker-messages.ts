/**
 * The messages between a BallotWorkerPool and its workers (ballot-worker.ts). An election is sent
 * once per worker and then named by a number; results come back per chunk, tagged with the job.
 */
import type { BallotCheck } from '../protocol/ballot.js';

export type ToBallotWorker =
  | { readonly type: 'election'; readonly election: number; readonly raw: string }
  | { readonly type: 'forget'; readonly election: number }
  | {
      readonly type: 'check';
      readonly job: number;
      readonly election: number;
      readonly ballots: readonly string[];
    };

export type FromBallotWorker =
  | { readonly type: 'checked'; readonly job: number; readonly checks: BallotCheck[] }
  /** A bug or an unloadable election: the whole batch fails (expected rejections are BallotChecks). */
  | { readonly type: 'failed'; readonly job: number; readonly message: string; readonly stack?: string };
