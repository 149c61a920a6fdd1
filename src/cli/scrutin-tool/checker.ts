/**
 * The ballot checker the CLI verifies with: the Node worker pool when available (src/node), else
 * in-process checks. Kept behind one function so commands do not care which.
 */
import { type BallotBatchChecker, inProcessChecker } from '../../protocol/verifier.js';

export async function ballotChecker(): Promise<BallotBatchChecker> {
  return inProcessChecker;
}
