/** Per-voter access facts: first and last sign-in, access test. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface VoterAccessRow {
  voterId: string;
  firstLoginAt: string | null;
  lastLoginAt: string | null;
  accessCheckedAt: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function recordAccess(
  db: Db,
  electionId: string,
  voterId: string,
  what: 'login' | 'access-check',
  at: string,
): Promise<void> {
  const values = {
    election_id: electionId,
    voter_id: voterId,
    first_login_at: what === 'login' ? at : null,
    last_login_at: what === 'login' ? at : null,
    access_checked_at: what === 'access-check' ? at : null,
  };
  await db
    .insertInto('voter_access')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['election_id', 'voter_id']).doUpdateSet((eb) =>
        what === 'login'
          ? {
              first_login_at: eb.fn.coalesce('voter_access.first_login_at', eb.val(at)),
              last_login_at: at,
            }
          : { access_checked_at: at },
      ),
    )
    .execute();
}

export async function listAccess(db: Db, electionId: string): Promise<VoterAccessRow[]> {
  const rows = await db
    .selectFrom('voter_access')
    .selectAll()
    .where('election_id', '=', electionId)
    .execute();
  return rows.map((r) => ({
    voterId: r.voter_id,
    firstLoginAt: r.first_login_at,
    lastLoginAt: r.last_login_at,
    accessCheckedAt: r.access_checked_at,
  }));
}
