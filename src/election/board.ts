/**
 * The public bulletin board of each election: its Belenios archive kept in the store (append-only),
 * and a BoardVerifier that follows it event by event in memory. Appends compute parent and height
 * from the head; the store's (election, height) key makes a concurrent append by another server
 * process fail, in which case the board catches up from the store and tries again. An in-process
 * queue per election keeps this process's own appends from racing each other (throughput, not
 * correctness: correctness is the store's constraint).
 *
 * Ballots arriving while the board is busy are stored together (group commit): one transaction, one
 * disk flush and one catch-up for the whole batch, each ballot still probed by the verifier in
 * order before anything is written and acknowledged only once the batch is committed.
 */

import { decodeText } from '../core/codec.js';
import { sha256Hex } from '../core/hash.js';
import { archiveBytes, type EventRecord, makeEvent } from '../protocol/archive/archive.js';
import type { BallotCheck } from '../protocol/ballot.js';
import { BoardVerifier, type VerificationFailure } from '../protocol/board-verifier.js';
import { type EventType, eventCodec } from '../protocol/messages.js';
import {
  type BallotBatchChecker,
  inProcessChecker,
  outcomeOf,
  type VerificationOutcome,
  type VerificationReport,
  verifyArchive,
} from '../protocol/verifier.js';
import type { BallotInput, Store } from '../store/store.js';

interface LoadedBoard {
  readonly data: Map<string, string>;
  readonly verifier: BoardVerifier;
  /** Store position from which records have not been applied yet. */
  position: number;
  head: { hash: string; height: number } | undefined;
  queue: Promise<unknown>;
  /** Ballots waiting for the next group commit. */
  pending: PendingBallot[];
}

interface PendingBallot {
  readonly payload: string;
  readonly ballot: BallotInput;
  readonly verdict: BallotCheck;
  readonly settle: (result: AppendResult) => void;
  readonly fail: (error: unknown) => void;
}

/** At most this many ballots per transaction, so one commit's latency stays bounded. */
const MAX_BATCH = 64;

export type AppendResult =
  | { ok: true; height: number; hash: string }
  | { ok: false; reason: 'duplicate-tracker' | 'rejected'; failure?: VerificationFailure };

/** The board's verifier refused an event (appendInTransaction): nothing was written. */
export class BoardRefusal extends Error {
  constructor(
    readonly type: EventType,
    readonly failure: VerificationFailure,
  ) {
    super(`${type} refused: ${failure.message}`);
  }
}

export interface BoardStatus {
  readonly verifiedHeight: number | null;
  readonly phase: string;
  /** True only while every event so far verified; false as well when it cannot be verified (shuffles). */
  readonly ok: boolean;
  readonly outcome: VerificationOutcome;
  readonly failure?: VerificationFailure;
  readonly counts: BoardVerifier['counts'];
}

export class BoardService {
  private readonly boards = new Map<string, LoadedBoard>();

  constructor(
    private readonly store: Store,
    /** Checks ballots off the main thread (the worker pool); the board applies its verdicts. */
    private readonly checker: BallotBatchChecker = inProcessChecker,
  ) {}

  /**
   * Runs `fn` on the board caught up with the store, after every operation queued before it on
   * the same election (so two catch-ups or two appends of this process never interleave).
   */
  private withBoard<T>(electionId: string, fn: (board: LoadedBoard) => Promise<T>): Promise<T> {
    const current = this.board(electionId);
    const run = async () => {
      await this.catchUp(electionId, current);
      return fn(current);
    };
    const next = current.queue.then(run, run);
    current.queue = next.catch(() => undefined);
    return next;
  }

  private board(electionId: string): LoadedBoard {
    let board = this.boards.get(electionId);
    if (!board) {
      board = {
        data: new Map(),
        verifier: new BoardVerifier(),
        position: 0,
        head: undefined,
        queue: Promise.resolve(),
        pending: [],
      };
      this.boards.set(electionId, board);
    }
    return board;
  }

  /**
   * Applies records appended (by any process) since this board last looked. Ballots are checked in
   * one batch by the checker (worker threads), never one by one on the main thread; `known` carries
   * verdicts already computed (the ballot this process just appended).
   */
  private async catchUp(
    electionId: string,
    board: LoadedBoard,
    known?: ReadonlyMap<string, BallotCheck>,
  ): Promise<void> {
    const records = await this.store.board.read(electionId, board.position);
    const events: EventRecord[] = [];
    for (const record of records) {
      if (record.kind === 'data') board.data.set(record.hash, record.raw);
      else
        events.push({
          hash: record.hash,
          raw: record.raw,
          event: decodeText(eventCodec, record.raw, 'event'),
        });
    }
    const verdicts = new Map<string, BallotCheck>(known ?? []);
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const ctx = board.verifier.context;
      if (event.event.type === 'Ballot' && !verdicts.has(event.hash) && ctx) {
        const pending = events.slice(i).filter((e) => e.event.type === 'Ballot' && !verdicts.has(e.hash));
        const raws = pending.map((e) => (e.event.payload && board.data.get(e.event.payload)) ?? '');
        const checked = await this.checker(ctx, raws);
        for (const [j, e] of pending.entries()) verdicts.set(e.hash, checked[j]!);
      }
      board.verifier.apply(event, (h) => board.data.get(h), verdicts.get(event.hash));
      board.head = { hash: event.hash, height: event.event.height };
    }
    const last = records.at(-1);
    if (last) board.position = last.position + 1;
  }

  /**
   * Appends payloads (in order; the last one is the event's payload, as `archive add-event` does)
   * and an event. The event is checked by the board's verifier before it is stored; `ballotVerdict`
   * carries the cryptographic check of a ballot already done (in the worker pool).
   */
  append(
    electionId: string,
    type: EventType,
    payloads: readonly string[],
    options: { ballot?: BallotInput; ballotVerdict?: BallotCheck } = {},
  ): Promise<AppendResult> {
    const { ballot, ballotVerdict } = options;
    if (type === 'Ballot' && ballot && ballotVerdict && payloads.length === 1) {
      return this.appendBallot(electionId, { payload: payloads[0]!, ballot, verdict: ballotVerdict });
    }
    return this.withBoard(electionId, (board) => this.appendNow(electionId, board, type, payloads, options));
  }

  /** One event, on the caught-up board (inside the election's queue). */
  private async appendNow(
    electionId: string,
    board: LoadedBoard,
    type: EventType,
    payloads: readonly string[],
    options: { ballot?: BallotInput; ballotVerdict?: BallotCheck },
  ): Promise<AppendResult> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (attempt > 0) await this.catchUp(electionId, board);
      if (board.verifier.failure) return { ok: false, reason: 'rejected', failure: board.verifier.failure };
      const data = payloads.map((raw) => ({ hash: sha256Hex(raw), raw }));
      const event = makeEvent(board.head, type, data.at(-1)?.hash);
      const lookup = (h: string) => board.data.get(h) ?? data.find((d) => d.hash === h)?.raw;
      const record: EventRecord = { hash: event.hash, raw: event.raw, event: event.event };
      // The verifier must accept the event before anything is written.
      const failure = board.verifier.probe(record, lookup, options.ballotVerdict);
      if (failure) return { ok: false, reason: 'rejected', failure };
      const outcome = await this.store.board.append(
        electionId,
        data,
        { height: event.event.height, hash: event.hash, type, raw: event.raw },
        options.ballot,
      );
      if (outcome.ok) {
        await this.catchUp(
          electionId,
          board,
          options.ballotVerdict && new Map([[event.hash, options.ballotVerdict]]),
        );
        return { ok: true, height: event.event.height, hash: event.hash };
      }
      if (outcome.conflict === 'tracker') return { ok: false, reason: 'duplicate-tracker' };
      // Another process appended first: catch up and try again on the new head.
    }
    throw new Error(`could not append to the board of ${electionId}: too much contention`);
  }

  /**
   * One event written in the caller's transaction, with the other writes of the same action (the
   * election's state, its audit entry): `run` opens `store.transaction` and calls `append(tx)` in it;
   * `counts` are the board's as this event follows them. The election's queue is taken before the
   * transaction, in the order ballot commits take them, and `run` must not use the board itself. The
   * verifier probes the event first (`append` throws a BoardRefusal if it fails) and follows the
   * store only once it has committed; a height taken by another process rolls `run` back and runs it
   * again on the new head.
   */
  appendInTransaction<T>(
    electionId: string,
    type: EventType,
    payloads: readonly string[],
    run: (append: (tx: Store) => Promise<void>, counts: BoardVerifier['counts']) => Promise<T>,
  ): Promise<T> {
    return this.withBoard(electionId, async (board) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        if (attempt > 0) await this.catchUp(electionId, board);
        const data = payloads.map((raw) => ({ hash: sha256Hex(raw), raw }));
        const event = makeEvent(board.head, type, data.at(-1)?.hash);
        const lookup = (h: string) => board.data.get(h) ?? data.find((d) => d.hash === h)?.raw;
        const failure =
          board.verifier.failure ??
          board.verifier.probe({ hash: event.hash, raw: event.raw, event: event.event }, lookup);
        let taken = false;
        try {
          const result = await run(
            async (tx) => {
              // Refused here rather than before `run`, so the action's own checks (state, version),
              // made before it appends, answer first.
              if (failure) throw new BoardRefusal(type, failure);
              const outcome = await tx.board.append(electionId, data, {
                height: event.event.height,
                hash: event.hash,
                type,
                raw: event.raw,
              });
              if (!outcome.ok) {
                taken = true;
                throw new Error(`board height ${event.event.height} of ${electionId} taken meanwhile`);
              }
            },
            { ...board.verifier.counts },
          );
          await this.catchUp(electionId, board);
          return result;
        } catch (error) {
          if (!taken) throw error;
          // Another process appended first: catch up and run again on the new head.
        }
      }
      throw new Error(`could not append to the board of ${electionId}: too much contention`);
    });
  }

  /** Queues a checked ballot for the next group commit of its election. */
  private appendBallot(
    electionId: string,
    item: { payload: string; ballot: BallotInput; verdict: BallotCheck },
  ): Promise<AppendResult> {
    const board = this.board(electionId);
    return new Promise<AppendResult>((settle, fail) => {
      board.pending.push({ ...item, settle, fail });
      // The first waiting ballot schedules a commit; later ones join it until it starts.
      if (board.pending.length === 1) this.scheduleCommit(electionId);
    });
  }

  private scheduleCommit(electionId: string): void {
    void this.withBoard(electionId, async (board) => {
      const batch = board.pending.splice(0, MAX_BATCH);
      if (board.pending.length > 0) this.scheduleCommit(electionId);
      try {
        await this.commitBallots(electionId, board, batch);
      } catch (error) {
        for (const item of batch) item.fail(error);
      }
    });
  }

  /**
   * Probes the batch's ballots in order on a fork of the verifier, stores the accepted ones in one
   * transaction, and answers each. A height taken by another process means catching up and
   * retrying; a tracker that another process stored meanwhile falls back to one append per ballot,
   * so the store's answer is per ballot.
   */
  private async commitBallots(electionId: string, board: LoadedBoard, batch: PendingBallot[]): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (attempt > 0) await this.catchUp(electionId, board);
      if (board.verifier.failure) {
        for (const item of batch)
          item.settle({ ok: false, reason: 'rejected', failure: board.verifier.failure });
        return;
      }
      const fork = board.verifier.fork();
      const batchData = new Map<string, string>();
      const lookup = (h: string) => board.data.get(h) ?? batchData.get(h);
      const trackers = new Set<string>();
      const accepted: { item: PendingBallot; event: ReturnType<typeof makeEvent>; hash: string }[] = [];
      const refused: [PendingBallot, AppendResult][] = [];
      let head = board.head;
      for (const item of batch) {
        if (trackers.has(item.ballot.tracker)) {
          refused.push([item, { ok: false, reason: 'duplicate-tracker' }]);
          continue;
        }
        const hash = sha256Hex(item.payload);
        batchData.set(hash, item.payload);
        const event = makeEvent(head, 'Ballot', hash);
        const record: EventRecord = { hash: event.hash, raw: event.raw, event: event.event };
        // Probe first: a refused ballot must leave the fork as it was for the next one.
        const failure = fork.probe(record, lookup, item.verdict);
        if (failure) {
          refused.push([item, { ok: false, reason: 'rejected', failure }]);
          continue;
        }
        fork.apply(record, lookup, item.verdict);
        trackers.add(item.ballot.tracker);
        accepted.push({ item, event, hash });
        head = { hash: event.hash, height: event.event.height };
      }
      const outcome =
        accepted.length === 0
          ? ({ ok: true } as const)
          : await this.store.board.appendBatch(
              electionId,
              accepted.map(({ item, event, hash }) => ({
                data: [{ hash, raw: item.payload }],
                event: { height: event.event.height, hash: event.hash, type: 'Ballot', raw: event.raw },
                ballot: item.ballot,
              })),
            );
      if (outcome.ok) {
        await this.catchUp(
          electionId,
          board,
          new Map(accepted.map(({ item, event }) => [event.hash, item.verdict])),
        );
        for (const { item, event } of accepted)
          item.settle({ ok: true, height: event.event.height, hash: event.hash });
        for (const [item, result] of refused) item.settle(result);
        return;
      }
      if (outcome.conflict === 'tracker') {
        for (const item of batch) {
          item.settle(
            await this.appendNow(electionId, board, 'Ballot', [item.payload], {
              ballot: item.ballot,
              ballotVerdict: item.verdict,
            }),
          );
        }
        return;
      }
    }
    throw new Error(`could not append to the board of ${electionId}: too much contention`);
  }

  status(electionId: string): Promise<BoardStatus> {
    return this.withBoard(electionId, async ({ verifier }) => ({
      verifiedHeight: verifier.lastHeight ?? null,
      phase: verifier.phase,
      ok: !verifier.failure,
      outcome: outcomeOf(verifier.failure),
      failure: verifier.failure,
      counts: { ...verifier.counts },
    }));
  }

  /** The verified state (election context, ballot box, tally…) once the board has a Setup event. */
  state(electionId: string) {
    return this.withBoard(electionId, async ({ verifier }) => ({
      state: verifier.state,
      phase: verifier.phase,
      failure: verifier.failure,
    }));
  }

  async archive(electionId: string, timestamp: number): Promise<Uint8Array> {
    return archiveBytes(timestamp, await this.store.board.read(electionId));
  }

  /** Full re-verification from the store (at closing and after the result). */
  async reverify(electionId: string): Promise<VerificationReport> {
    const data = new Map<string, string>();
    const events: EventRecord[] = [];
    for (const record of await this.store.board.read(electionId)) {
      if (record.kind === 'data') data.set(record.hash, record.raw);
      else
        events.push({
          hash: record.hash,
          raw: record.raw,
          event: decodeText(eventCodec, record.raw, 'event'),
        });
    }
    // The same verification as any auditor's, ballots checked in a batch on the worker threads.
    return verifyArchive({ header: { version: 1, timestamp: '0' }, data, events }, this.checker);
  }
}
