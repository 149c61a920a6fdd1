/**
 * Storage of credential recovery (issue #4 item 5): the election's recovery choice (an officer's
 * public key, or explicitly none), the escrowed credentials (ciphertexts only: the store has no
 * column a private credential could be written to in clear) and recovery requests. The tables, the
 * row types and the queries live here; `KyselyStore` delegates to these functions so the shared store
 * files only carry one line per method. Both dialects run the same queries.
 */
import type { Kysely, Migration, Selectable } from 'kysely';
import type { Database } from '../store/schema.js';

export interface RecoverySettingsTable {
  election_id: string;
  mode: string;
  officer_account_id: string | null;
  officer_key_json: string | null;
  decided_by: string;
  decided_at: string;
}

export interface CredentialEscrowsTable {
  election_id: string;
  voter_id: string;
  public_credential: string;
  escrow_json: string;
  created_at: string;
}

export interface RecoveryRequestsTable {
  id: string;
  election_id: string;
  voter_id: string;
  origin: string;
  state: string;
  requested_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  completed_at: string | null;
}

export interface RecoverySettingsRow {
  electionId: string;
  /** 'escrow': credentials sealed to the officer's key; 'none': chosen without recovery. */
  mode: 'escrow' | 'none';
  officerAccountId: string | null;
  /** The officer's public key with its proof (credential-escrow.ts), when mode is 'escrow'. */
  officerKeyJson: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface CredentialEscrowRow {
  electionId: string;
  voterId: string;
  /** The public credential the escrowed private one derives to (g^s, decimal). */
  publicCredential: string;
  /** credential-escrow.ts's serialized escrow: a ciphertext only. */
  escrowJson: string;
  createdAt: string;
}

export type RecoveryRequestState = 'pending' | 'approved' | 'rejected' | 'completed';

export interface RecoveryRequestRow {
  id: string;
  electionId: string;
  voterId: string;
  /** 'voter': self-service; 'help-desk': an election admin on the voter's behalf. */
  origin: 'voter' | 'help-desk';
  state: RecoveryRequestState;
  /** Account id, or "voter" for self-service. */
  requestedBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  completedAt: string | null;
}

export interface CredentialReplacement {
  electionId: string;
  voterId: string;
  /** The public credential being replaced. */
  expected: string;
  replacement: string;
  /** The new credential's escrow, or null when the election has no recovery. */
  escrow: CredentialEscrowRow | null;
  /** The draft election's version the caller read; the swap bumps it. */
  electionVersion: number;
  /** ISO instant, the election's new updated_at. */
  at: string;
}

export type RecoveryRequestPatch = Partial<
  Pick<RecoveryRequestRow, 'state' | 'decidedBy' | 'decidedAt' | 'completedAt'>
>;

export const recoveryMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('recovery_settings')
      .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('officer_account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('officer_key_json', 'text')
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
    // One escrow per voter; a replaced credential replaces its escrow. Dies with its voter (roll re-import).
    await db.schema
      .createTable('credential_escrows')
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('voter_id', 'text', (c) => c.notNull().references('voters.id').onDelete('cascade'))
      .addColumn('public_credential', 'text', (c) => c.notNull())
      .addColumn('escrow_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('credential_escrows_pkey', ['election_id', 'voter_id'])
      .execute();
    await db.schema
      .createTable('recovery_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('voter_id', 'text', (c) => c.notNull().references('voters.id').onDelete('cascade'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createIndex('recovery_requests_election_idx')
      .on('recovery_requests')
      .columns(['election_id', 'state'])
      .execute();
  },
};

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

/** Thrown inside the replacement's transaction to roll it back; the store answers `false`. */
export class ReplacementConflict extends Error {}

export function falseOnConflict(error: unknown): false {
  if (error instanceof ReplacementConflict) return false;
  throw error;
}

/**
 * Swaps one voter's public credential (and its escrow), inside the caller's transaction, only if
 * the election is still the draft at `electionVersion` and the credential still is `expected`. The
 * election's version is bumped in the same transaction, so an `open` that read the roll before the
 * swap fails on its own version check instead of sealing the old credential.
 */
export async function replaceVoterCredential(db: Db, input: CredentialReplacement): Promise<true> {
  const election = await db
    .updateTable('elections')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: input.at }))
    .where('id', '=', input.electionId)
    .where('version', '=', input.electionVersion)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  if (election.numUpdatedRows === 0n) throw new ReplacementConflict();
  const updated = await db
    .updateTable('voters')
    .set({ public_credential: input.replacement })
    .where('id', '=', input.voterId)
    .where('election_id', '=', input.electionId)
    .where('public_credential', '=', input.expected)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new ReplacementConflict();
  await db
    .deleteFrom('credential_escrows')
    .where('election_id', '=', input.electionId)
    .where('voter_id', '=', input.voterId)
    .execute();
  if (input.escrow) await db.insertInto('credential_escrows').values(toEscrow(input.escrow)).execute();
  return true;
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
