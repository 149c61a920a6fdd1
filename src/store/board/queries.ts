/**
 * The public board's writes and reads, dialect-neutral. An append claims consecutive positions from
 * the election's cursor row, then inserts the data files (a hash already on the board keeps its first
 * place: the same payload may legitimately appear twice), the event and the cast, all in the caller's
 * transaction. The (election, height) and (election, tracker) keys decide races: the loser's insert
 * fails, the transaction rolls back whole, and `appendConflict` names the conflict. Positions order
 * the archive: every data file before the event that first references it, events in append order.
 */
import type { Kysely, Transaction } from 'kysely';
import { chunks } from '../chunks.js';
import { asUniqueViolation, type UniqueKey } from '../errors.js';
import type { BallotInput, BoardDataInput, BoardEventInput, BoardRecord } from '../row-types.js';
import type { Database } from '../schema.js';

/**
 * Refusals that are conflicts rather than bugs. An event hash already on the board means that very
 * event (its JSON includes its height) holds the height.
 */
const APPEND_CONFLICTS: Partial<Record<UniqueKey, 'height' | 'tracker'>> = {
  'board-height': 'height',
  'board-event-hash': 'height',
  'ballot-tracker': 'tracker',
};

export function appendConflict(error: unknown): 'height' | 'tracker' | undefined {
  const key = asUniqueViolation(error)?.key;
  return key === undefined || key === 'other' ? undefined : APPEND_CONFLICTS[key];
}

export async function insertAppend(
  trx: Transaction<Database>,
  electionId: string,
  data: readonly BoardDataInput[],
  event: BoardEventInput,
  ballot: BallotInput | undefined,
): Promise<void> {
  const files = [...new Map(data.map((file) => [file.hash, file])).values()];
  let position = await claimPositions(trx, electionId, files.length + 1);
  for (const chunk of chunks(files)) {
    const values = chunk.map((file) => ({
      election_id: electionId,
      hash: file.hash,
      raw: file.raw,
      position: position++,
    }));
    await trx
      .insertInto('board_data')
      .values(values)
      .onConflict((oc) => oc.columns(['election_id', 'hash']).doNothing())
      .execute();
  }
  const { height, hash, type, raw } = event;
  await trx
    .insertInto('board_events')
    .values({ election_id: electionId, height, hash, type, raw, position })
    .execute();
  if (ballot !== undefined) {
    await trx
      .insertInto('ballots')
      .values({
        election_id: electionId,
        tracker: ballot.tracker,
        voter_id: ballot.voterId,
        credential: ballot.credential,
        height,
        cast_at: new Date().toISOString(),
      })
      .execute();
  }
}

/**
 * Reserves `count` consecutive board positions of an election and returns the first. The upsert
 * row-locks the election's cursor until commit, so on PostgreSQL concurrent appends to one election
 * queue here (on SQLite, BEGIN IMMEDIATE already serialises writers) and positions follow commit
 * order; a rolled-back append gives its positions back.
 */
async function claimPositions(
  trx: Transaction<Database>,
  electionId: string,
  count: number,
): Promise<number> {
  const { next_position } = await trx
    .insertInto('board_cursors')
    .values({ election_id: electionId, next_position: count })
    .onConflict((oc) =>
      oc
        .column('election_id')
        .doUpdateSet((eb) => ({ next_position: eb('board_cursors.next_position', '+', count) })),
    )
    .returning('next_position')
    .executeTakeFirstOrThrow();
  return next_position - count;
}

/**
 * Records in position order from `fromPosition` on, read in one UNION statement (one snapshot, so
 * never a torn append). Positions may have gaps (a data file already present is not stored twice).
 */
export async function selectBoard(
  db: Kysely<Database>,
  electionId: string,
  fromPosition = 0,
): Promise<BoardRecord[]> {
  const found = await db
    .selectFrom('board_data')
    .select((eb) => [eb.val('data').as('kind'), 'hash', 'raw', 'position'])
    .where('election_id', '=', electionId)
    .where('position', '>=', fromPosition)
    .unionAll((eb) =>
      eb
        .selectFrom('board_events')
        .select((eb) => [eb.val('event').as('kind'), 'hash', 'raw', 'position'])
        .where('election_id', '=', electionId)
        .where('position', '>=', fromPosition),
    )
    .orderBy('position')
    .execute();
  return found.map((r) => ({
    kind: r.kind as BoardRecord['kind'],
    hash: r.hash,
    raw: r.raw,
    position: Number(r.position),
  }));
}
