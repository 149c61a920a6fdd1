/**
 * The row types of the store: what can be read back (an allowlist: secrets have no field here) and
 * what is written. `store.ts` re-exports them with the `Store` interface.
 */
import type { ElectionState } from '../contract/election.js';
import type { AccountId, ElectionId, OrganisationId } from '../core/ids.js';
import type { AuditAction, AuditDetails } from '../errors/audit-actions.js';
import type { AccountStatus } from './accounts/tables.js';

export type { AccountStatus } from './accounts/tables.js';

export type Role = 'election-admin' | 'credential-authority' | 'trustee' | 'scrutineer';
/** 'member': a person of the organisation with no power by itself (election roles are granted apart). */
export type OrganisationRole = 'org-admin' | 'member';

export type { ElectionState } from '../contract/election.js';

export interface OrganisationRow {
  id: OrganisationId;
  name: string;
  createdAt: string;
}

export interface AccountRow {
  id: AccountId;
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
  accountId: AccountId;
  role: OrganisationRole;
}

export interface ElectionRow {
  /** The Belenios uuid (Base58, 14 characters). */
  id: ElectionId;
  organisationId: OrganisationId;
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
  accountId: AccountId;
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
  /** Mobile number in E.164 for the SMS channel; absent when the roll gives none. */
  phone?: string;
}

/** What a per-voter change of the roll may set on one voter (`null` clears a credential or password). */
export interface VoterPatch {
  email?: string;
  /** `null` removes the number. */
  phone?: string | null;
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
  accountId: AccountId | null;
  voterId: string | null;
  electionId: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** An audit entry as stored: any action string (an old chain may hold actions no longer written). */
export interface AuditEntryRecord {
  organisationId: string;
  electionId: string | null;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/**
 * An entry to append: only an action of the catalogue (src/errors/audit-actions.ts), with the
 * details its catalogue line declares.
 */
export type AuditEntryInput = {
  [A in AuditAction]: AuditEntryOf<A>;
}[AuditAction];

export interface AuditEntryOf<A extends AuditAction> {
  organisationId: string;
  electionId: string | null;
  actor: string;
  action: A;
  details: AuditDetails<A>;
}

export interface AuditRow extends AuditEntryRecord {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export type AppendOutcome = { ok: true } | { ok: false; conflict: 'height' | 'tracker' };
