/** One-time login codes: stored hashed, with an expiry and a number of attempts left. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface OneTimeCodeRow {
  electionId: string;
  voterId: string;
  codeHash: string;
  expiresAt: string;
  attemptsLeft: number;
  createdAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function saveCode(db: Db, row: OneTimeCodeRow): Promise<void> {
  const values = {
    election_id: row.electionId,
    voter_id: row.voterId,
    code_hash: row.codeHash,
    expires_at: row.expiresAt,
    attempts_left: row.attemptsLeft,
    created_at: row.createdAt,
  };
  const { election_id, voter_id, ...rest } = values;
  await db
    .insertInto('one_time_codes')
    .values(values)
    .onConflict((oc) => oc.columns(['election_id', 'voter_id']).doUpdateSet(rest))
    .execute();
}

/**
 * Spends one try of the voter's live code and returns it (with the tries left after this one), or
 * undefined when there is none left: the decrement happens before the caller compares, so parallel
 * guesses cannot exceed the budget.
 */
export async function spendCodeAttempt(
  trx: Transaction<Database>,
  electionId: string,
  voterId: string,
  now: string,
): Promise<OneTimeCodeRow | undefined> {
  const updated = await trx
    .updateTable('one_time_codes')
    .set((eb) => ({ attempts_left: eb('attempts_left', '-', 1) }))
    .where('election_id', '=', electionId)
    .where('voter_id', '=', voterId)
    .where('attempts_left', '>', 0)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  return (
    updated && {
      electionId: updated.election_id,
      voterId: updated.voter_id,
      codeHash: updated.code_hash,
      expiresAt: updated.expires_at,
      attemptsLeft: updated.attempts_left,
      createdAt: updated.created_at,
    }
  );
}

export async function deleteCode(db: Db, electionId: string, voterId: string): Promise<void> {
  await db
    .deleteFrom('one_time_codes')
    .where('election_id', '=', electionId)
    .where('voter_id', '=', voterId)
    .execute();
}
