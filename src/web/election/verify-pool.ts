/**
 * The in-browser BallotBatchChecker: the ballots of a board cut into chunks and spread over a few
 * Web Workers (verify-worker.ts), verdicts put back in board order, progress reported per chunk.
 * The browser counterpart of src/node/ballot-worker-pool.ts, which the page cannot use (Node only).
 */
import type { BallotCheck } from '../../protocol/ballot.js';
import type { BallotBatchChecker } from '../../protocol/verifier.js';
import type { FromVerifyWorker, ToVerifyWorker } from './verify-messages.js';

/** Ballots per message: small enough for a smooth progress bar, large enough to keep messages few. */
const MAX_CHUNK = 16;
const CHUNKS_PER_WORKER = 8;
const MAX_WORKERS = 8;

/** One worker per logical core the browser reports (at least 1, at most 8). */
export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

/** Chunk boundaries of `total` ballots for `workers` workers: [start, end) pairs in board order. */
export function chunkRanges(total: number, workers: number): [number, number][] {
  const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(total / (workers * CHUNKS_PER_WORKER))));
  const ranges: [number, number][] = [];
  for (let start = 0; start < total; start += size) ranges.push([start, Math.min(total, start + size)]);
  return ranges;
}

export class WebBallotPool {
  private readonly workers: Worker[] = [];
  private closed = false;

  constructor(
    private readonly workerUrl: string,
    readonly size: number,
    private readonly onProgress: (checked: number, total: number) => void = () => {},
  ) {}

  readonly check: BallotBatchChecker = (ctx, ballots) => this.run(ctx.raw, ballots);

  close(): void {
    this.closed = true;
    for (const worker of this.workers.splice(0)) worker.terminate();
  }

  private run(electionRaw: string, ballots: readonly string[]): Promise<BallotCheck[]> {
    if (ballots.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const checks = new Array<BallotCheck>(ballots.length);
      const queue = chunkRanges(ballots.length, this.size);
      let checked = 0;
      let nextJob = 0;
      let settled = false;
      const stop = (error: Error) => {
        if (settled) return;
        settled = true;
        this.close();
        reject(error);
      };
      const feed = (worker: Worker) => {
        const range = queue.shift();
        if (range === undefined || settled) return;
        const job = nextJob++;
        jobs.set(job, range);
        worker.postMessage({ type: 'check', job, ballots: ballots.slice(...range) } satisfies ToVerifyWorker);
      };
      const jobs = new Map<number, [number, number]>();
      const workers = Math.min(this.size, queue.length);
      for (let i = 0; i < workers; i++) {
        let worker: Worker;
        try {
          worker = new Worker(this.workerUrl, { type: 'module', name: `verify-worker-${i + 1}` });
        } catch (error) {
          stop(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        this.workers.push(worker);
        worker.onerror = (event) => {
          event.preventDefault();
          stop(new Error(event.message || 'a verification worker could not run'));
        };
        worker.onmessage = ({ data }: MessageEvent<FromVerifyWorker>) => {
          const range = jobs.get(data.job);
          if (range === undefined || settled) return;
          jobs.delete(data.job);
          if (data.type === 'failed') return stop(new Error(data.message));
          if (data.checks.length !== range[1] - range[0])
            return stop(new Error('a verification worker returned a wrong number of verdicts'));
          data.checks.forEach((verdict, i) => {
            checks[range[0] + i] = verdict;
          });
          checked += data.checks.length;
          this.onProgress(checked, ballots.length);
          if (checked === ballots.length) {
            settled = true;
            resolve(checks);
          } else feed(worker);
        };
        worker.postMessage({ type: 'election', raw: electionRaw } satisfies ToVerifyWorker);
        feed(worker);
      }
      if (this.closed) stop(new Error('the verification was stopped'));
    });
  }
}
