/**
 * The tables as Kysely sees them: one interface per table, snake_case columns, shared by the SQLite
 * and PostgreSQL dialects. Column types are the intersection of what both drivers return: timestamps
 * are ISO 8601 text (so an audit entry's `at` reads back byte for byte as it was hashed), big decimals
 * and JSON are text, booleans are written as 0/1 (better-sqlite3 cannot bind a JS boolean, and
 * PostgreSQL accepts '0'/'1' as boolean input) and read back as number or boolean, and 64-bit
 * integers read back as number (SQLite) or string (pg returns int8 as text). `rows.ts` maps these to
 * the row types of `store.ts`; nothing outside the store sees this module's types.
 */
import type { ColumnType } from 'kysely';
import type { FeatureTables } from './features.js';

/** Written 0/1; read back as 0/1 from SQLite and false/true from PostgreSQL. */
export type BooleanColumn = ColumnType<boolean | number, 0 | 1, 0 | 1>;
/** `bigint` column: read back as a number from SQLite and a decimal string from pg. */
export type Int64Column = ColumnType<number | string, number, number>;

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  email: string;
  /** `identityKey(email)` (src/core/identity.ts), unique: the email as compared. */
  email_key: string;
  display_name: string;
  password_hash: string;
  is_operator: BooleanColumn;
  created_at: string;
  /** Migration 0005_accounts (src/store/accounts/access.ts). */
  status: string;
  password_set_at: string | null;
}

export interface MembershipsTable {
  organisation_id: string;
  account_id: string;
  role: string;
}

export interface ElectionsTable {
  id: string;
  organisation_id: string;
  state: string;
  name: string;
  description: string;
  group_name: string;
  questions_json: string;
  time_zone: string;
  opens_at: string | null;
  closes_at: string | null;
  credential_mode: string;
  election_json: string | null;
  fingerprint: string | null;
  trustees_hash: string | null;
  credentials_hash: string | null;
  archive_timestamp: ColumnType<number | string | null, number | null, number | null>;
  annul_reason: string | null;
  result_json: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ElectionRolesTable {
  election_id: string;
  account_id: string;
  role: string;
}

export interface VotersTable {
  id: string;
  election_id: string;
  /** Order of the roll as given to replaceVoters. */
  position: number;
  email: string;
  login: string;
  /** `identityKey(login)` (src/core/identity.ts), unique per election: the login as compared. */
  login_key: string;
  display_name: string;
  weight: string;
  language: string;
  public_credential: string | null;
  password_hash: string | null;
  /** Mobile number in E.164 (+33612345678), for the SMS channel; null when the roll gives none. */
  phone: string | null;
}

export interface TrusteesTable {
  election_id: string;
  position: number;
  kind: string;
  account_id: string | null;
  display_name: string;
  public_json: string | null;
  server_private_key: string | null;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string | null;
  voter_id: string | null;
  election_id: string | null;
  csrf_token: string;
  expires_at: string;
}

/** Board records carry `position`: one per-election sequence shared by data and events (append order). */
export interface BoardDataTable {
  election_id: string;
  hash: string;
  raw: string;
  position: number;
}

export interface BoardEventsTable {
  election_id: string;
  height: number;
  hash: string;
  type: string;
  raw: string;
  position: number;
}

/** One row per election: the next free board position; updating it also serialises appends. */
export interface BoardCursorsTable {
  election_id: string;
  next_position: number;
}

export interface BallotsTable {
  election_id: string;
  tracker: string;
  voter_id: string;
  credential: string;
  height: number;
  cast_at: string;
}

export interface AuditLogTable {
  organisation_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  election_id: string | null;
  /** Canonical JSON, exactly the text that was hashed. */
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The tables of the initial migration (initial.ts); later features add theirs (features.ts). */
export interface CoreTables {
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  elections: ElectionsTable;
  election_roles: ElectionRolesTable;
  voters: VotersTable;
  trustees: TrusteesTable;
  sessions: SessionsTable;
  board_data: BoardDataTable;
  board_events: BoardEventsTable;
  board_cursors: BoardCursorsTable;
  ballots: BallotsTable;
  audit_log: AuditLogTable;
}

/** Every table: the core ones and those of every feature of `STORE_FEATURES`. */
export interface Database extends CoreTables, FeatureTables {}
