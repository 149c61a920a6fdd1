#!/usr/bin/env node
/**
 * Entry point of the single-file verifier (dist/scrutin-verify.mjs, built by cli/bundle.ts):
 * `node scrutin-verify.mjs DIR` and `node scrutin-verify.mjs consolidate A.bel B.bel …`. The bundle
 * has no ballot-worker.js beside it, so its worker threads run this same file: the workerData mark
 * switches a thread to the ballot worker instead of the command line.
 */
import { isMainThread, workerData } from 'node:worker_threads';

const BALLOT_WORKER = 'scrutin-verify:ballot-worker';

if (!isMainThread && workerData === BALLOT_WORKER) {
  await import('../node/ballot-worker.js');
} else {
  const { runVerifier } = await import('./scrutin-verify/program.js');
  process.exitCode = await runVerifier(process.argv.slice(2), new URL(import.meta.url), BALLOT_WORKER);
}
