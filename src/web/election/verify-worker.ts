/**
 * Web Worker entry of the in-browser verifier: loads the election it is sent and checks chunks of
 * raw ballots with the protocol's own in-process checker, the very code the command-line verifier
 * runs in its worker threads. Built by build.ts as a content-hashed asset (CSP worker-src 'self').
 */
import type { ElectionContext } from '../../protocol/election.js';
import { loadElection } from '../../protocol/election.js';
import { inProcessChecker } from '../../protocol/verifier.js';
import type { FromVerifyWorker, ToVerifyWorker } from './verify-messages.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToVerifyWorker>) => void) | null;
  postMessage(message: FromVerifyWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
let election: ElectionContext | Error | undefined;

scope.onmessage = async ({ data: message }) => {
  if (message.type === 'election') {
    try {
      election = loadElection(message.raw);
    } catch (error) {
      election = error instanceof Error ? error : new Error(String(error));
    }
    return;
  }
  let reply: FromVerifyWorker;
  try {
    if (election === undefined) throw new Error('no election was sent to this worker');
    if (election instanceof Error) throw new Error(`cannot load the election: ${election.message}`);
    reply = { type: 'checked', job: message.job, checks: await inProcessChecker(election, message.ballots) };
  } catch (error) {
    reply = {
      type: 'failed',
      job: message.job,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  scope.postMessage(reply);
};
