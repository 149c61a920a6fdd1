/**
 * Credential recovery's schema fragment: its three tables (snake_case, as both dialects return
 * them), the row types the rest of the code sees, and migration 0004_recovery. It imports nothing
 * of the store: the store's `Database` type (src/store/schema.ts) and its migrations compose it, and
 * the queries (store-queries.ts) use both without a cycle.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreFeature } from '../feature.js';

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
  /**
   * 'voter': self-service; 'help-desk': an election admin on the voter's behalf; 'address-correction':
   * an election admin corrected the voter's address after opening (src/election/roll-changes.ts).
   */
  origin: 'voter' | 'help-desk' | 'address-correction';
  state: RecoveryRequestState;
  /** Account id, or "voter" for self-service. */
  requestedBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  completedAt: string | null;
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

export interface RecoveryTables {
  recovery_settings: RecoverySettingsTable;
  credential_escrows: CredentialEscrowsTable;
  recovery_requests: RecoveryRequestsTable;
}

/** Credential recovery: settings, escrows, requests. */
export const recoveryStore: StoreFeature<RecoveryTables> = {
  name: 'recovery',
  migrations: { '0004_recovery': recoveryMigration },
};
