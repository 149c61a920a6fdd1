/**
 * A pool of worker threads that checks ballots in parallel: a `BallotBatchChecker` for
 * `verifyArchive` (and any other batch check). Ballots are independent (spec §4.11–4.15 checks read
 * only the election and the ballot), so a batch is cut into chunks handed to whichever worker is
 * free; verdicts come back in the order of the batch. Each worker receives an election's JSON once,
 * builds its own context and uses the OpenSSL modexp engine. Idle workers do not keep the process
 * alive; a worker that crashes fails the batch it was working on and is replaced on demand.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { BallotCheck } from '../protocol/ballot.js';
import type { ElectionContext } from '../protocol/election.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import type { FromBallotWorker, ToBallotWorker } from './ballot-worker-messages.js';
import { siblingModule, startModuleWorker } from './module-worker.js';

export interface BallotWorkerPoolOptions {
  /** Number of worker threads; by default one per core (`os.availableParallelism()`). */
  readonly workers?: number;
  /** Ballots per message; by default about 8 chunks per worker, at most 16 ballots (~0.1 s) each. */
  readonly chunkSize?: number;
  /** The worker module; defaults to ballot-worker next to this file (tests substitute a faulty one). */
  readonly entry?: URL;
  /** Given to each worker as `workerData` (lets a single-file bundle tell its workers from itself). */
  readonly workerData?: unknown;
}

/**
 * The worker every pool starts unless told otherwise. A single-file bundle (dist/scrutin-verify.mjs)
 * has no ballot-worker.js beside it: it names itself, with a workerData that switches it to the worker.
 */
let defaultWorker: { entry: URL; workerData?: unknown } | undefined;

export function useBallotWorkerEntry(entry: URL, workerData?: unknown): void {
  defaultWorker = { entry, workerData };
}

/** A batch failed because of a bug or a crash in a worker, not because a ballot is invalid. */
export class BallotWorkerError extends Error {
  override readonly name = 'BallotWorkerError';
  constructor(
    message: string,
    /** The stack trace inside the worker, when it reported one. */
    readonly workerStack?: string,
  ) {
    super(message);
  }
}

interface Batch {
  readonly election: number;
  readonly checks: BallotCheck[];
  remaining: number;
  settled: boolean;
  resolve(checks: BallotCheck[]): void;
  reject(error: Error): void;
}

interface Chunk {
  readonly batch: Batch;
  readonly offset: number;
  readonly ballots: readonly string[];
}

interface Slot {
  readonly worker: Worker;
  /** Elections this worker has been sent (and not told to forget). */
  readonly elections: Set<number>;
  busy?: { readonly job: number; readonly chunk: Chunk };
  crash?: Error;
}

/** Elections a worker keeps parsed (their contexts; the group keeps each key's fixed-base table). */
const MAX_ELECTIONS = 4;
const MAX_CHUNK = 16;
const CHUNKS_PER_WORKER = 8;

export class BallotWorkerPool {
  readonly size: number;
  /** The BallotBatchChecker; bound, so it can be passed as `verifyArchive(archive, pool.check)`. */
  readonly check: BallotBatchChecker = (ctx, ballots) => this.submit(ctx, ballots);
  private readonly chunkSize: number | undefined;
  private readonly entry: URL;
  private readonly workerData: unknown;
  private readonly slots: Slot[] = [];
  private queue: Chunk[] = [];
  private readonly pending = new Set<Batch>();
  /** Election JSON → number, least recently used first. */
  private readonly electionIds = new Map<string, number>();
  private nextElection = 0;
  private nextJob = 0;
  private closed = false;

  constructor(options: BallotWorkerPoolOptions = {}) {
    const size = options.workers ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`workers: expected a positive integer, got ${size}`);
    const chunk = options.chunkSize;
    if (chunk !== undefined && (!Number.isInteger(chunk) || chunk < 1)) {
      throw new RangeError(`chunkSize: expected a positive integer, got ${chunk}`);
    }
    this.size = size;
    this.chunkSize = chunk;
    this.entry = options.entry ?? defaultWorker?.entry ?? siblingModule(import.meta.url, 'ballot-worker');
    this.workerData = options.entry ? options.workerData : (options.workerData ?? defaultWorker?.workerData);
  }

  /** Stops every worker; pending batches fail, later ones are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const batch of [...this.pending])
      this.fail(batch, new BallotWorkerError('the ballot worker pool was closed'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private submit(ctx: ElectionContext, ballots: readonly string[]): Promise<BallotCheck[]> {
    if (this.closed) return Promise.reject(new BallotWorkerError('the ballot worker pool is closed'));
    if (ballots.length === 0) return Promise.resolve([]);
    return new Promise<BallotCheck[]>((resolve, reject) => {
      const batch: Batch = {
        election: this.electionId(ctx.raw),
        checks: new Array<BallotCheck>(ballots.length),
        remaining: 0,
        settled: false,
        resolve,
        reject,
      };
      const size =
        this.chunkSize ?? Math.min(MAX_CHUNK, Math.ceil(ballots.length / (this.size * CHUNKS_PER_WORKER)));
      for (let offset = 0; offset < ballots.length; offset += size) {
        this.queue.push({ batch, offset, ballots: ballots.slice(offset, offset + size) });
        batch.remaining++;
      }
      this.pending.add(batch);
      this.dispatch();
    });
  }

  private electionId(raw: string): number {
    const known = this.electionIds.get(raw);
    if (known !== undefined) {
      this.electionIds.delete(raw);
      this.electionIds.set(raw, known);
      return known;
    }
    const id = this.nextElection++;
    this.electionIds.set(raw, id);
    if (this.electionIds.size > MAX_ELECTIONS) this.forgetUnusedElection(id);
    return id;
  }

  /** Drops the least recently used election that no pending batch needs (nor the one being added). */
  private forgetUnusedElection(adding: number): void {
    const inUse = new Set([adding, ...[...this.pending].map((batch) => batch.election)]);
    for (const [raw, id] of this.electionIds) {
      if (inUse.has(id)) continue;
      this.electionIds.delete(raw);
      for (const slot of this.slots) {
        if (slot.elections.delete(id)) this.post(slot, { type: 'forget', election: id });
      }
      return;
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      try {
        slot = this.slots.find((s) => s.busy === undefined) ?? this.spawn();
      } catch (error) {
        // new Worker() itself failed (tsx missing for a .ts entry, resource limits): nothing can run.
        const failure = new BallotWorkerError(`cannot start a ballot worker: ${(error as Error).message}`);
        for (const batch of [...this.pending]) this.fail(batch, failure);
        return;
      }
      if (slot === undefined) return;
      const chunk = this.queue.shift()!;
      const { election } = chunk.batch;
      if (!slot.elections.has(election)) {
        const raw = [...this.electionIds].find(([, id]) => id === election)![0];
        this.post(slot, { type: 'election', election, raw });
        slot.elections.add(election);
      }
      const job = this.nextJob++;
      slot.busy = { job, chunk };
      slot.worker.ref();
      this.post(slot, { type: 'check', job, election, ballots: chunk.ballots });
    }
  }

  private spawn(): Slot | undefined {
    if (this.closed || this.slots.length >= this.size) return undefined;
    const worker = startModuleWorker(this.entry, { name: 'ballot-worker', workerData: this.workerData });
    const slot: Slot = { worker, elections: new Set() };
    worker.unref();
    worker.on('message', (message: FromBallotWorker) => this.receive(slot, message));
    worker.on('error', (error) => {
      slot.crash = error;
    });
    worker.on('exit', (code) => this.exited(slot, code));
    this.slots.push(slot);
    return slot;
  }

  private post(slot: Slot, message: ToBallotWorker): void {
    slot.worker.postMessage(message);
  }

  private receive(slot: Slot, message: FromBallotWorker): void {
    const busy = slot.busy;
    if (busy === undefined || busy.job !== message.job) return; // a chunk of a batch failed meanwhile
    slot.busy = undefined;
    slot.worker.unref();
    const { batch, offset } = busy.chunk;
    if (message.type === 'failed') {
      this.fail(batch, new BallotWorkerError(`ballot worker failed: ${message.message}`, message.stack));
    } else if (!batch.settled) {
      if (message.checks.length !== busy.chunk.ballots.length) {
        this.fail(
          batch,
          new BallotWorkerError(
            `ballot worker returned ${message.checks.length} verdicts for ${busy.chunk.ballots.length} ballots`,
          ),
        );
      } else {
        message.checks.forEach((check, i) => {
          batch.checks[offset + i] = check;
        });
        if (--batch.remaining === 0) {
          batch.settled = true;
          this.pending.delete(batch);
          batch.resolve(batch.checks);
        }
      }
    }
    this.dispatch();
  }

  private exited(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // terminated by close()
    this.slots.splice(index, 1);
    if (slot.busy !== undefined) {
      const cause = slot.crash ? `: ${slot.crash.message}` : '';
      this.fail(
        slot.busy.chunk.batch,
        new BallotWorkerError(`ballot worker exited with code ${code}${cause}`, slot.crash?.stack),
      );
    }
    this.dispatch();
  }

  private fail(batch: Batch, error: Error): void {
    if (batch.settled) return;
    batch.settled = true;
    this.pending.delete(batch);
    this.queue = this.queue.filter((chunk) => chunk.batch !== batch);
    batch.reject(error);
  }
}
