/**
 * The ballot checker the CLI verifies with: a worker-thread pool over all cores for boards with
 * enough ballots to repay starting the workers, in-process checks otherwise.
 */
import { BallotWorkerPool } from '../../node/ballot-worker-pool.js';
import { type BallotBatchChecker, inProcessChecker } from '../../protocol/verifier.js';

/** Below this many ballots, starting workers (~0.2 s) costs more than it saves. */
const POOL_THRESHOLD = 24;

export async function ballotChecker(): Promise<BallotBatchChecker> {
  return async (ctx, raws) => {
    if (raws.length < POOL_THRESHOLD) return inProcessChecker(ctx, raws);
    const pool = new BallotWorkerPool();
    try {
      return await pool.check(ctx, raws);
    } finally {
      await pool.close();
    }
  };
}
