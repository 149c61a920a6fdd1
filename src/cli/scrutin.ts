#!/usr/bin/env node
/**
 * Entry point of the `scrutin` command (bundled into dist/scrutin.mjs by cli/bundle.ts, which
 * bin/scrutin.js runs; the commands are in scrutin/program.ts). A bundle has no ballot-worker.js
 * beside it, so the server's worker threads run this same file: the workerData mark switches a
 * thread to the ballot worker instead of the command line.
 */
import { isMainThread, workerData } from 'node:worker_threads';

const BALLOT_WORKER = 'scrutin:ballot-worker';

if (!isMainThread && workerData === BALLOT_WORKER) {
  await import('../node/ballot-worker.js');
} else {
  const { runScrutin } = await import('./scrutin/program.js');
  await runScrutin(process.argv, new URL(import.meta.url), BALLOT_WORKER);
}
