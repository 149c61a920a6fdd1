#!/usr/bin/env node
/**
 * Entry point of the `scrutin-tool` binary (bundled into dist/scrutin-tool.mjs by cli/bundle.ts, which
 * bin/scrutin-tool.js runs). A bundle has no ballot-worker.js beside it, so its worker threads run
 * this same file: the workerData mark switches a thread to the ballot worker instead of the command line.
 */
import { isMainThread, workerData } from 'node:worker_threads';

const BALLOT_WORKER = 'scrutin-tool:ballot-worker';

if (!isMainThread && workerData === BALLOT_WORKER) {
  await import('../node/ballot-worker.js');
} else {
  const { installNodePlatform } = await import('../node/platform.js');
  const { useBallotWorkerEntry } = await import('../node/ballot-worker-pool.js');
  const { main } = await import('./scrutin-tool/main.js');
  installNodePlatform();
  useBallotWorkerEntry(new URL(import.meta.url), BALLOT_WORKER);
  process.exitCode = await main(process.argv.slice(2));
}
