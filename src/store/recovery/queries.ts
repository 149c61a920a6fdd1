/**
 * Storage of credential recovery (issue #4 item 5): the election's recovery choice (an officer's
 * public key, or explicitly none), the escrowed credentials (ciphertexts only: the store has no
 * column a private credential could be written to in clear) and recovery requests. The tables and
 * row types are in schema.ts; the queries live here; `KyselyStore` delegates to these functions so
 * the shared store files only carry one line per method. Both dialects run the same queries.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type {
  CredentialEscrowRow,
  CredentialEscrowsTable,
  RecoveryRequestPatch,
  RecoveryRequestRow,
  RecoveryRequestState,
  RecoveryRequestsTable,
  RecoverySettingsRow,
  RecoverySettingsTable,
} from './schema.js';

const fromSettings = (r: Selectable<RecoverySettingsTable>): RecoverySettingsRow => ({
  electionId: r.election_id,
  mode: r.mode as RecoverySettingsRow['mode'],
  officerAccountId: r.officer_account_id,
  officerKeyJson: r.officer_key_json,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

const fromEscrow = (r: Selectable<CredentialEscrowsTable>): CredentialEscrowRow => ({
  electionId: r.election_id,
  voterId: r.voter_id,
  publicCredential: r.public_credential,
  escrowJson: r.escrow_json,
  createdAt: r.created_at,
});

const toEscrow = (r: CredentialEscrowRow) => ({
  election_id: r.electionId,
  voter_id: r.voterId,
  public_credential: r.publicCredential,
  escrow_json: r.escrowJson,
  created_at: r.createdAt,
});

const fromRequest = (r: Selectable<RecoveryRequestsTable>): RecoveryRequestRow => ({
  id: r.id,
  electionId: r.election_id,
  voterId: r.voter_id,
  origin: r.origin as RecoveryRequestRow['origin'],
  state: r.state as RecoveryRequestState,
  requestedBy: r.requested_by,
  createdAt: r.created_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  completedAt: r.completed_at,
});

type Db = Kysely<Database>;

export async function getSettings(db: Db, electionId: string): Promise<RecoverySettingsRow | undefined> {
  const row = await db
    .selectFrom('recovery_settings')
    .selectAll()
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return row && fromSettings(row);
}

/** Inserts or replaces the election's choice. */
export async function saveSettings(db: Db, row: RecoverySettingsRow): Promise<void> {
  const values = {
    election_id: row.electionId,
    mode: row.mode,
    officer_account_id: row.officerAccountId,
    officer_key_json: row.officerKeyJson,
    decided_by: row.decidedBy,
    decided_at: row.decidedAt,
  };
  const { election_id, ...rest } = values;
  await db
    .insertInto('recovery_settings')
    .values(values)
    .onConflict((oc) => oc.column('election_id').doUpdateSet(rest))
    .execute();
}

/** Replaces the escrows of the given voters (call inside a transaction). */
export async function saveEscrows(db: Db, electionId: string, escrows: readonly CredentialEscrowRow[]) {
  for (let start = 0; start < escrows.length; start += 400) {
    const chunk = escrows.slice(start, start + 400);
    await db
      .deleteFrom('credential_escrows')
      .where('election_id', '=', electionId)
      .where(
        'voter_id',
        'in',
        chunk.map((e) => e.voterId),
      )
      .execute();
    await db.insertInto('credential_escrows').values(chunk.map(toEscrow)).execute();
  }
}

export async function listEscrows(
  db: Db,
  electionId: string,
  voterIds?: readonly string[],
): Promise<CredentialEscrowRow[]> {
  if (voterIds !== undefined && voterIds.length === 0) return [];
  let query = db.selectFrom('credential_escrows').selectAll().where('election_id', '=', electionId);
  if (voterIds !== undefined) query = query.where('voter_id', 'in', [...voterIds]);
  return (await query.orderBy('voter_id').execute()).map(fromEscrow);
}

/** Replaces one voter's escrow by `escrow`, or removes it (null); call inside a transaction. */
export async function replaceEscrow(
  db: Db,
  electionId: string,
  voterId: string,
  escrow: CredentialEscrowRow | null,
): Promise<void> {
  await db
    .deleteFrom('credential_escrows')
    .where('election_id', '=', electionId)
    .where('voter_id', '=', voterId)
    .execute();
  if (escrow) await db.insertInto('credential_escrows').values(toEscrow(escrow)).execute();
}

export async function createRequest(db: Db, row: RecoveryRequestRow): Promise<void> {
  await db
    .insertInto('recovery_requests')
    .values({
      id: row.id,
      election_id: row.electionId,
      voter_id: row.voterId,
      origin: row.origin,
      state: row.state,
      requested_by: row.requestedBy,
      created_at: row.createdAt,
      decided_by: row.decidedBy,
      decided_at: row.decidedAt,
      completed_at: row.completedAt,
    })
    .execute();
}

export async function listRequests(db: Db, electionId: string): Promise<RecoveryRequestRow[]> {
  const found = await db
    .selectFrom('recovery_requests')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return found.map(fromRequest);
}

/** Moves a request on only from one of `from` (so a decision is taken once); returns the new row. */
export async function updateRequest(
  db: Db,
  id: string,
  from: readonly RecoveryRequestState[],
  patch: RecoveryRequestPatch,
): Promise<RecoveryRequestRow | undefined> {
  const row = await db
    .updateTable('recovery_requests')
    .set({
      ...(patch.state === undefined ? {} : { state: patch.state }),
      ...(patch.decidedBy === undefined ? {} : { decided_by: patch.decidedBy }),
      ...(patch.decidedAt === undefined ? {} : { decided_at: patch.decidedAt }),
      ...(patch.completedAt === undefined ? {} : { completed_at: patch.completedAt }),
    })
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  return row && fromRequest(row);
}
