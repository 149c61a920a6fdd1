/**
 * Worker side of bench/modexp.ts: prepares one case, says `ready`, then on `go` runs it for the
 * requested time and answers its operations per second.
 */
import { parentPort } from 'node:worker_threads';
import { opsPerSecond } from './harness.js';
import { type CaseName, type GroupName, prepareCase } from './modexp-cases.js';

export type ToModExpWorker =
  | { readonly type: 'prepare'; readonly group: GroupName; readonly name: CaseName }
  | { readonly type: 'go'; readonly seconds: number };
export type FromModExpWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly opsPerSecond: number };

const port = parentPort!;
let op: (() => unknown) | undefined;

port.on('message', async (message: ToModExpWorker) => {
  if (message.type === 'prepare') {
    op = await prepareCase(message.group, message.name);
    op(); // warm up
    port.postMessage({ type: 'ready' } satisfies FromModExpWorker);
  } else {
    port.postMessage({
      type: 'done',
      opsPerSecond: opsPerSecond(op!, message.seconds),
    } satisfies FromModExpWorker);
  }
});
