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

import type { AccountStatus } from './accounts/tables.js';

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

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  /**
   * Runs `fn` with a view of this store whose every read and write is one database transaction:
   * committed when `fn` resolves, rolled back when it throws (Belenios' `with_transaction`). An
   * audited action makes its change and appends its audit entry through `tx`, so both commit or
   * neither does. Calling `transaction` on the view joins the same transaction. Inside `fn`, use only
   * `tx`: the store itself refuses to be used from its own scope (on SQLite it would wait on itself).
   * Nothing outside the database (a network call, the board's in-memory verifier) belongs in `fn`.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  // Organisations and accounts
  createOrganisation(row: OrganisationRow): Promise<void>;
  getOrganisation(id: string): Promise<OrganisationRow | undefined>;
  listOrganisations(): Promise<OrganisationRow[]>;
  createAccount(row: NewAccountRow): Promise<void>;
  getAccount(id: string): Promise<AccountRow | undefined>;
  findAccountByEmail(email: string): Promise<AccountRow | undefined>;
  addMembership(row: MembershipRow): Promise<void>;
  listMemberships(accountId: string): Promise<MembershipRow[]>;
  /** The organisation's memberships (its admins), for the admin pages. */
  listOrganisationMembers(organisationId: string): Promise<MembershipRow[]>;

  // Sessions (tokens are stored hashed)
  createSession(row: SessionRow): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  // Elections
  createElection(row: ElectionRow): Promise<void>;
  getElection(id: string): Promise<ElectionRow | undefined>;
  listElections(organisationId: string): Promise<ElectionRow[]>;
  /** Applies `patch` only if the stored version is `expectedVersion`; returns the new row or undefined on conflict. */
  updateElection(
    id: string,
    expectedVersion: number,
    patch: Partial<Omit<ElectionRow, 'id' | 'organisationId' | 'version' | 'createdAt'>>,
  ): Promise<ElectionRow | undefined>;
  addElectionRole(row: ElectionRoleRow): Promise<void>;
  listElectionRoles(electionId: string): Promise<ElectionRoleRow[]>;
  listRolesOfAccount(accountId: string): Promise<ElectionRoleRow[]>;

  // Voters
  /** Replaces the whole roll in one transaction (draft only; the caller checks the state). */
  replaceVoters(electionId: string, voters: VoterRow[]): Promise<void>;
  listVoters(electionId: string): Promise<VoterRow[]>;
  getVoter(id: string): Promise<VoterRow | undefined>;
  findVoterByLogin(electionId: string, login: string): Promise<VoterRow | undefined>;
  /** Sets public credentials (and password hashes) of several voters in one transaction. */
  setVoterSecrets(
    electionId: string,
    updates: { voterId: string; publicCredential?: string; passwordHash?: string }[],
  ): Promise<void>;

  /** Per-voter changes of the roll (src/election/roll-changes.ts): one voter added, changed or removed. */
  addVoter(voter: VoterRow): Promise<void>;
  updateVoter(electionId: string, voterId: string, patch: VoterPatch): Promise<boolean>;
  removeVoter(electionId: string, voterId: string): Promise<boolean>;

  // Trustees
  saveTrustee(row: TrusteeRow): Promise<void>;
  listTrustees(electionId: string): Promise<TrusteeRow[]>;
  deleteTrustees(electionId: string): Promise<void>;
  /**
   * Compare-and-swap of one trustee row: with `expectedPublicJson` null, inserts `row` if its
   * position is free; otherwise writes its public JSON only if the stored one is still
   * `expectedPublicJson`. False when another writer (any process) got there first.
   */
  swapTrustee(row: TrusteeRow, expectedPublicJson: string | null): Promise<boolean>;

  // Public board (Belenios archive, append-only)
  /**
   * Appends data files and one event atomically; with `ballot`, also records the cast. Fails with a
   * conflict (and writes nothing) if the height is taken or the tracker exists. Resolves only once
   * the transaction is durably committed.
   */
  appendBoard(
    electionId: string,
    data: BoardDataInput[],
    event: BoardEventInput,
    ballot?: BallotInput,
  ): Promise<AppendOutcome>;
  /**
   * Several appends (consecutive heights) in one transaction — one commit, one disk flush, for a
   * batch of ballots. All or nothing: any taken height or existing tracker refuses the whole batch.
   */
  appendBoardBatch(
    electionId: string,
    entries: readonly { data: BoardDataInput[]; event: BoardEventInput; ballot?: BallotInput }[],
  ): Promise<AppendOutcome>;
  /** Records in append order (data before the event that references it), from a position on. */
  readBoard(electionId: string, fromPosition?: number): Promise<BoardRecord[]>;
  boardHead(electionId: string): Promise<{ height: number; hash: string } | undefined>;
  listCasts(electionId: string): Promise<CastRow[]>;
  /** Whether this voter has a ballot on the board (one row looked up, for the booth's replace notice). */
  hasCast(electionId: string, voterId: string): Promise<boolean>;
  /** Turnout without reading rows: voters on the roll, and credentials that cast at least once. */
  turnout(electionId: string): Promise<{ voters: number; ballots: number }>;

  // Audit log (append-only, hash-chained per organisation)
  appendAudit(entry: AuditEntryInput): Promise<AuditRow>;
  listAudit(filter: { organisationId: string; electionId?: string }): Promise<AuditRow[]>;

  // Delivery (src/store/delivery/, one module per table): outbox, settings, voter access, one-time codes
  /**
   * Queues messages (an idempotency key already present is skipped, not an error) and, in the same
   * transaction, sets public credentials: a generated credential is bound to its voter only together
   * with the message that carries its private part.
   */
  enqueueMessages(
    electionId: string,
    messages: readonly import('./delivery/index.js').OutboxInput[],
    publicCredentials?: readonly { voterId: string; publicCredential: string }[],
  ): Promise<import('./delivery/index.js').EnqueueOutcome[]>;
  claimMessages(options: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<import('./delivery/index.js').ClaimedMessage[]>;
  /** Extends the leases `owner` holds until `leaseUntil` (a live sender's heartbeat); answers how many. */
  renewMessageLeases(owner: string, leaseUntil: string): Promise<number>;
  /** Puts send-time passwords into leased messages and their hashes on the voters, in one transaction; answers the ids still leased. */
  materialiseMessages(
    owner: string,
    items: readonly import('./delivery/index.js').MaterialisedPassword[],
  ): Promise<Set<string>>;
  settleMessages(
    owner: string,
    outcomes: readonly import('./delivery/index.js').MessageOutcome[],
  ): Promise<void>;
  /** Removes on-disk remnants of erased message bodies where the engine allows (SQLite: checkpoint and truncate the WAL). */
  scrubErasedSecrets(): Promise<void>;
  listMessages(electionId: string, voterId?: string): Promise<import('./delivery/index.js').OutboxEntry[]>;
  countMessages(electionId?: string): Promise<Record<import('./delivery/index.js').MessageStatus, number>>;
  nextMessageDue(): Promise<string | undefined>;
  getDeliverySettings(
    electionId: string,
  ): Promise<import('./delivery/index.js').DeliverySettingsRow | undefined>;
  saveDeliverySettings(row: import('./delivery/index.js').DeliverySettingsRow): Promise<void>;
  recordVoterAccess(
    electionId: string,
    voterId: string,
    what: 'login' | 'access-check',
    at: string,
  ): Promise<void>;
  listVoterAccess(electionId: string): Promise<import('./delivery/index.js').VoterAccessRow[]>;
  saveOneTimeCode(row: import('./delivery/index.js').OneTimeCodeRow): Promise<void>;
  /** Spends one try of a live code (see delivery.ts); undefined when none is left. */
  spendOneTimeCodeAttempt(
    electionId: string,
    voterId: string,
    now: string,
  ): Promise<import('./delivery/index.js').OneTimeCodeRow | undefined>;
  deleteOneTimeCode(electionId: string, voterId: string): Promise<void>;
  // store: delivery (keep this marker line)
  /** Consultations and their ballot boxes (congress): src/store/consultations/store.ts. */
  readonly consultations: import('./consultations/store.js').ConsultationStore;
  // store: congress (keep this marker line)
  // Credential recovery (src/store/recovery/schema.ts, queries.ts): escrows are ciphertexts only.
  getRecoverySettings(
    electionId: string,
  ): Promise<import('./recovery/schema.js').RecoverySettingsRow | undefined>;
  saveRecoverySettings(row: import('./recovery/schema.js').RecoverySettingsRow): Promise<void>;
  /** Replaces these voters' escrows in one transaction. */
  saveCredentialEscrows(
    electionId: string,
    escrows: readonly import('./recovery/schema.js').CredentialEscrowRow[],
  ): Promise<void>;
  listCredentialEscrows(
    electionId: string,
    voterIds?: readonly string[],
  ): Promise<import('./recovery/schema.js').CredentialEscrowRow[]>;
  /** One voter's public credential and escrow, swapped atomically if the credential still is `expected`. */
  replaceVoterCredential(input: import('./recovery/schema.js').CredentialReplacement): Promise<boolean>;
  createRecoveryRequest(row: import('./recovery/schema.js').RecoveryRequestRow): Promise<void>;
  listRecoveryRequests(electionId: string): Promise<import('./recovery/schema.js').RecoveryRequestRow[]>;
  /** Moves a request on only from one of `from` (a decision is taken once). */
  updateRecoveryRequest(
    id: string,
    from: readonly import('./recovery/schema.js').RecoveryRequestState[],
    patch: import('./recovery/schema.js').RecoveryRequestPatch,
  ): Promise<import('./recovery/schema.js').RecoveryRequestRow | undefined>;
  // store: recovery (keep this marker line)
  /** Migrations not applied to this store (empty when current); fails when the store does not answer. */
  pendingMigrations(): Promise<string[]>;
  // store: readiness (keep this marker line)
  /** Invitation and reset links (hashed), password changes, suspension, removal: src/store/accounts/access.ts. */
  readonly accountAccess: import('./accounts/access.js').AccountAccessStore;
  // store: accounts (keep this marker line)
}
