/** The public board (Belenios archive, append-only) and the casts it records (queries.ts). */
import type { Connection } from '../connection.js';
import type {
  AppendOutcome,
  BallotInput,
  BoardDataInput,
  BoardEventInput,
  BoardRecord,
  CastRow,
} from '../row-types.js';
import * as rows from '../rows.js';
import { appendConflict, insertAppend, selectBoard } from './queries.js';

export interface BoardAppend {
  data: BoardDataInput[];
  event: BoardEventInput;
  ballot?: BallotInput;
}

export interface BoardRepository {
  /**
   * Appends data files and one event atomically; with `ballot`, also records the cast. Fails with a
   * conflict (and writes nothing) if the height is taken or the tracker exists. Resolves only once
   * the transaction is durably committed.
   */
  append(
    electionId: string,
    data: BoardDataInput[],
    event: BoardEventInput,
    ballot?: BallotInput,
  ): Promise<AppendOutcome>;
  /**
   * Several appends (consecutive heights) in one transaction — one commit, one disk flush, for a
   * batch of ballots. All or nothing: any taken height or existing tracker refuses the whole batch.
   */
  appendBatch(electionId: string, entries: readonly BoardAppend[]): Promise<AppendOutcome>;
  /** Records in append order (data before the event that references it), from a position on. */
  read(electionId: string, fromPosition?: number): Promise<BoardRecord[]>;
  head(electionId: string): Promise<{ height: number; hash: string } | undefined>;
  listCasts(electionId: string): Promise<CastRow[]>;
  /** Whether this voter has a ballot on the board (one row looked up, for the booth's replace notice). */
  hasCast(electionId: string, voterId: string): Promise<boolean>;
  /** Turnout without reading rows: voters on the roll, and credentials that cast at least once. */
  turnout(electionId: string): Promise<{ voters: number; ballots: number }>;
}

export class KyselyBoard implements BoardRepository {
  constructor(private readonly c: Connection) {}

  append(
    electionId: string,
    data: BoardDataInput[],
    event: BoardEventInput,
    ballot?: BallotInput,
  ): Promise<AppendOutcome> {
    return this.appendBatch(electionId, [{ data, event, ballot }]);
  }

  async appendBatch(electionId: string, entries: readonly BoardAppend[]): Promise<AppendOutcome> {
    for (const { event } of entries) {
      if (!Number.isSafeInteger(event.height) || event.height < 0) {
        throw new RangeError(`appendBoard: event.height must be a non-negative integer, got ${event.height}`);
      }
    }
    try {
      await this.c.atomically(async (trx) => {
        for (const { data, event, ballot } of entries)
          await insertAppend(trx, electionId, data, event, ballot);
      });
    } catch (error) {
      const conflict = appendConflict(error);
      if (conflict !== undefined) return { ok: false, conflict };
      throw error;
    }
    return { ok: true };
  }

  read(electionId: string, fromPosition = 0): Promise<BoardRecord[]> {
    return selectBoard(this.c.db, electionId, fromPosition);
  }

  head(electionId: string): Promise<{ height: number; hash: string } | undefined> {
    return this.c.db
      .selectFrom('board_events')
      .select(['height', 'hash'])
      .where('election_id', '=', electionId)
      .orderBy('height', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async turnout(electionId: string): Promise<{ voters: number; ballots: number }> {
    const db = this.c.db;
    const [voters, ballots] = await Promise.all([
      db
        .selectFrom('voters')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('election_id', '=', electionId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('ballots')
        .select((eb) => eb.fn.count('credential').distinct().as('n'))
        .where('election_id', '=', electionId)
        .executeTakeFirstOrThrow(),
    ]);
    return { voters: Number(voters.n), ballots: Number(ballots.n) };
  }

  async listCasts(electionId: string): Promise<CastRow[]> {
    const found = await this.c.db
      .selectFrom('ballots')
      .selectAll()
      .where('election_id', '=', electionId)
      .orderBy('height')
      .execute();
    return found.map(rows.fromCast);
  }

  async hasCast(electionId: string, voterId: string): Promise<boolean> {
    const found = await this.c.db
      .selectFrom('ballots')
      .select('tracker')
      .where('election_id', '=', electionId)
      .where('voter_id', '=', voterId)
      .limit(1)
      .executeTakeFirst();
    return found !== undefined;
  }
}
