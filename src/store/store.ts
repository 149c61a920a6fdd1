/**
 * The one storage interface of the server, with two implementations over Kysely: SQLite (embedded,
 * the default) and PostgreSQL (several server processes may share it). Correctness under concurrency
 * comes from constraints and transactions, never from in-process locks: the board's (election,
 * height) key makes two concurrent appends conflict, the (election, tracker) key refuses a replay.
 *
 * (An in-process write queue per SQLite file only keeps one process's writers from blocking Node;
 * which write wins is still decided by the database.)
 *
 * Secrets never enter the store: passwords and session tokens only as hashes, voters' private
 * credentials never (the store has no column for them). Row types below are the allowlist of what
 * can be read back.
 */

import type { AccountsRepository } from './accounts/repository.js';
import type { AccountStatus } from './accounts/tables.js';
import type { AuditRepository } from './audit/repository.js';
import type { BoardRepository } from './board/repository.js';
import type { ConsultationsRepository } from './consultations/repository.js';
import type { DeliveryRepository } from './delivery/repository.js';
import type { ElectionsRepository, TrusteesRepository } from './elections/repository.js';
import type { RecoveryRepository } from './recovery/repository.js';
import type { VotersRepository } from './voters/repository.js';

export type { AccountStatus } from './accounts/tables.js';

export type Role = 'election-admin' | 'credential-authority' | 'trustee' | 'scrutineer';
/** 'member': a person of the organisation with no power by itself (election roles are granted apart). */
export type OrganisationRole = 'org-admin' | 'member';

export type ElectionState = 'draft' | 'open' | 'closed' | 'tallied' | 'published' | 'annulled';

export interface OrganisationRow {
  id: string;
  name: string;
  createdAt: string;
}

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  /** scrypt hash in PHC-like text form; never a password. NO_PASSWORD until its person sets one. */
  passwordHash: string;
  isOperator: boolean;
  createdAt: string;
  status: AccountStatus;
  /** When its person last set their password (null: never, the account is invited). */
  passwordSetAt: string | null;
}

/** The password hash of an account whose person has not set a password: matches no password. */
export const NO_PASSWORD = '!';

/** A new account: without status, an active account whose password was set when it was created. */
export type NewAccountRow = Omit<AccountRow, 'status' | 'passwordSetAt'> &
  Partial<Pick<AccountRow, 'status' | 'passwordSetAt'>>;

export interface MembershipRow {
  organisationId: string;
  accountId: string;
  role: OrganisationRole;
}

export interface ElectionRow {
  /** The Belenios uuid (Base58, 14 characters). */
  id: string;
  organisationId: string;
  state: ElectionState;
  name: string;
  description: string;
  groupName: string;
  /** The questions as JSON (Belenios question structures). */
  questionsJson: string;
  /** IANA time zone in which dates are shown, e.g. "Europe/Paris". */
  timeZone: string;
  /** ISO 8601 instants (UTC) or null when not scheduled. */
  opensAt: string | null;
  closesAt: string | null;
  credentialMode: 'server' | 'external';
  /** Set when the election opens: exact bytes of election.json and the sealed hashes. */
  electionJson: string | null;
  fingerprint: string | null;
  trusteesHash: string | null;
  credentialsHash: string | null;
  /** Archive header timestamp (seconds), fixed when the Setup event is written. */
  archiveTimestamp: number | null;
  annulReason: string | null;
  /** Result JSON once computed (shown only when published). */
  resultJson: string | null;
  /** Optimistic concurrency: every update checks and increments it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ElectionRoleRow {
  electionId: string;
  accountId: string;
  role: Role;
}

export interface VoterRow {
  id: string;
  electionId: string;
  email: string;
  login: string;
  displayName: string;
  /** Decimal string (weights may exceed 2^53). */
  weight: string;
  language: string;
  /** g^s as a decimal string, bound to this login once credentials are set. */
  publicCredential: string | null;
  /** scrypt hash of the voter's login password, if any. */
  passwordHash: string | null;
}

/** What a per-voter change of the roll may set on one voter (`null` clears a credential or password). */
export interface VoterPatch {
  email?: string;
  weight?: string;
  publicCredential?: string | null;
  passwordHash?: string | null;
}

export interface TrusteeRow {
  electionId: string;
  /** 0-based position in the trustees structure. */
  position: number;
  kind: 'server' | 'single' | 'pedersen';
  accountId: string | null;
  displayName: string;
  /** Public material as JSON (trustee_public_key, or the Pedersen protocol state). */
  publicJson: string | null;
  /**
   * Only for kind 'server' (the weakest mode, labelled as such): the server's own key, which the
   * spec requires the server to hold. Never returned by any API.
   */
  serverPrivateKey: string | null;
}

export interface BoardEventInput {
  height: number;
  hash: string;
  type: string;
  raw: string;
}

export interface BoardDataInput {
  hash: string;
  raw: string;
}

export interface BallotInput {
  tracker: string;
  voterId: string;
  credential: string;
}

export interface BoardRecord {
  kind: 'data' | 'event';
  hash: string;
  raw: string;
  /** Increasing per election (with possible gaps): where a reader resumes. */
  position: number;
}

export interface CastRow {
  tracker: string;
  voterId: string;
  credential: string;
  height: number;
  castAt: string;
}

export interface SessionRow {
  tokenHash: string;
  accountId: string | null;
  voterId: string | null;
  electionId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export interface AuditEntryInput {
  organisationId: string;
  electionId: string | null;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AuditRow extends AuditEntryInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export type AppendOutcome = { ok: true } | { ok: false; conflict: 'height' | 'tracker' };

/**
 * The store: one repository per family of tables, each declared beside its implementation in its
 * sub-folder, plus `transaction`. Every repository of a store (or of a transaction's view) goes to
 * the same connection, so a `transaction(fn)` commits the writes of all of them together or none.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  /**
   * Runs `fn` with a view of this store whose every repository reads and writes in one database
   * transaction: committed when `fn` resolves, rolled back when it throws (Belenios'
   * `with_transaction`). An audited action makes its change and appends its audit entry through `tx`,
   * so both commit or neither does. Calling `transaction` on the view joins the same transaction.
   * Inside `fn`, use only `tx`: the store itself refuses to be used from its own scope (on SQLite it
   * would wait on itself). Nothing outside the database (a network call, the board's in-memory
   * verifier) belongs in `fn`.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** Organisations, accounts, memberships, sessions, and invitation and reset links (accounts/repository.ts). */
  readonly accounts: AccountsRepository;
  /** Elections and their roles (elections/repository.ts). */
  readonly elections: ElectionsRepository;
  /** Each election's trustees (elections/repository.ts). */
  readonly trustees: TrusteesRepository;
  /** Each election's roll (voters/repository.ts). */
  readonly voters: VotersRepository;
  /** The public board and its casts (board/repository.ts). */
  readonly board: BoardRepository;
  /** The hash-chained audit log (audit/repository.ts). */
  readonly audit: AuditRepository;
  /** Outbox, delivery settings, voter access, one-time codes (delivery/repository.ts). */
  readonly delivery: DeliveryRepository;
  /** Consultations and their ballot boxes, congress (consultations/repository.ts). */
  readonly consultations: ConsultationsRepository;
  /** Credential recovery: settings, escrows (ciphertexts only), requests (recovery/repository.ts). */
  readonly recovery: RecoveryRepository;

  /** Migrations not applied to this store (empty when current); fails when the store does not answer. */
  pendingMigrations(): Promise<string[]>;
}
