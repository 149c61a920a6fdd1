/**
 * Worker-thread entry of BallotWorkerPool: installs the OpenSSL modexp engine, builds each election
 * it is sent (group tables included) and checks chunks of raw ballots exactly as the in-process
 * checker does, so a verdict cannot depend on where a ballot was checked.
 */
import { parentPort } from 'node:worker_threads';
import type { ElectionContext } from '../protocol/election.js';
import { loadElection } from '../protocol/election.js';
import { inProcessChecker } from '../protocol/verifier.js';
import type { FromBallotWorker, ToBallotWorker } from './ballot-worker-messages.js';
import { installNodeEngine } from './modexp-engine.js';

const port = parentPort;
if (port === null) throw new Error('ballot-worker.ts must run in a worker thread (see BallotWorkerPool)');

installNodeEngine();

/** A failed load is kept as its error, reported to every check that names this election. */
const elections = new Map<number, ElectionContext | Error>();

const describe = (error: unknown) =>
  error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };

port.on('message', async (message: ToBallotWorker) => {
  switch (message.type) {
    case 'election':
      try {
        elections.set(message.election, loadElection(message.raw));
      } catch (error) {
        elections.set(message.election, error instanceof Error ? error : new Error(String(error)));
      }
      break;
    case 'forget':
      elections.delete(message.election);
      break;
    case 'check': {
      let reply: FromBallotWorker;
      try {
        const ctx = elections.get(message.election);
        if (ctx === undefined) throw new Error(`election ${message.election} was never sent to this worker`);
        if (ctx instanceof Error) throw new Error(`cannot load the election: ${ctx.message}`);
        reply = { type: 'checked', job: message.job, checks: await inProcessChecker(ctx, message.ballots) };
      } catch (error) {
        reply = { type: 'failed', job: message.job, ...describe(error) };
      }
      port.postMessage(reply);
      break;
    }
  }
});
