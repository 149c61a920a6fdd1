/**
 * Modular exponentiation in the two Belenios 2.0 groups (2048-bit p): portable BigInt, the BigInt
 * fixed-base table the core uses for g and y, and the node:crypto DH engine (variable base, and the
 * membership check x^q that every element read goes through). Exponents are uniform below q: 256
 * bits in BELENIOS-2048, 2047 bits in RFC-3526-2048. Figures: operations per second in the main
 * thread, in 1 worker thread and in 2 worker threads running at once (sum of both).
 */
import type { Worker } from 'node:worker_threads';
import { type Bench, formatNumber, load, medianOf, opsPerSecond, printTable } from './harness.js';
import { CASES, type CaseName, GROUPS, type GroupName, prepareCase } from './modexp-cases.js';
import type { FromModExpWorker, ToModExpWorker } from './modexp-worker.js';

const WORKERS = 2;

class WorkerSet {
  private constructor(private readonly workers: Worker[]) {}

  static async start(count: number): Promise<WorkerSet> {
    const { startModuleWorker } =
      await load<typeof import('../src/node/module-worker.js')>('node/module-worker');
    const entry = new URL('./modexp-worker.ts', import.meta.url);
    return new WorkerSet(
      Array.from({ length: count }, () => startModuleWorker(entry, { name: 'modexp-bench' })),
    );
  }

  private ask(worker: Worker, message: ToModExpWorker): Promise<FromModExpWorker> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: FromModExpWorker) => {
        worker.off('error', onError);
        resolve(reply);
      });
      worker.postMessage(message);
    });
  }

  async prepare(group: GroupName, name: CaseName): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'prepare', group, name })));
  }

  /** Total operations per second of the first `count` workers running at the same time. */
  async run(count: number, seconds: number): Promise<number> {
    const replies = await Promise.all(
      this.workers.slice(0, count).map((w) => this.ask(w, { type: 'go', seconds })),
    );
    return replies.reduce((sum, reply) => sum + (reply.type === 'done' ? reply.opsPerSecond : 0), 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export const modexpBench: Bench = {
  name: 'modexp',
  description: 'modular exponentiation backends, 1 thread and 1–2 workers',
  async run({ seconds, runs }) {
    const workers = await WorkerSet.start(WORKERS);
    const rows: Record<string, string>[] = [];
    try {
      for (const group of GROUPS) {
        for (const name of Object.keys(CASES) as CaseName[]) {
          const op = await prepareCase(group, name);
          op();
          const main = await medianOf(runs, () => opsPerSecond(op, seconds));
          await workers.prepare(group, name);
          const one = await medianOf(runs, () => workers.run(1, seconds));
          const two = await medianOf(runs, () => workers.run(2, seconds));
          rows.push({
            group,
            operation: CASES[name],
            'µs/op': formatNumber(1e6 / main),
            'ops/s main thread': formatNumber(main),
            'ops/s 1 worker': formatNumber(one),
            'ops/s 2 workers': formatNumber(two),
            'speed-up': `${formatNumber(two / one, 2)}×`,
          });
          process.stderr.write('.');
        }
      }
    } finally {
      await workers.close();
    }
    process.stderr.write('\n');
    printTable('Modular exponentiation (2048-bit modulus)', rows);
  },
};
