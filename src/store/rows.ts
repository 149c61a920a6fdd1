/**
 * Mapping between the row types of `store.ts` (camelCase, what the server sees) and the tables of
 * `schema.ts` (snake_case, what both dialects return). Every column is listed explicitly, both ways:
 * the row types are the allowlist of what can be read back, so nothing is copied by spreading.
 */

import type { Insertable, Selectable, Updateable } from 'kysely';
import { identityKey } from '../core/identity.js';
import { accountId, electionId, organisationId } from '../core/ids.js';
import { AuditDetailsSchema, decodeStored } from './decode.js';
import type {
  AccountRow,
  AccountStatus,
  AuditRow,
  CastRow,
  ElectionRow,
  ElectionState,
  NewAccountRow,
  OrganisationRow,
  SessionRow,
  TrusteeRow,
  VoterRow,
} from './row-types.js';
import type {
  AccountsTable,
  AuditLogTable,
  BallotsTable,
  ElectionsTable,
  OrganisationsTable,
  SessionsTable,
  TrusteesTable,
  VotersTable,
} from './schema.js';

export const toDbBoolean = (value: boolean): 0 | 1 => (value ? 1 : 0);

/** int8 comes back from pg as a decimal string; every value we store fits a double exactly. */
const toNumber = (value: number | string): number => (typeof value === 'number' ? value : Number(value));

export const fromOrganisation = (r: Selectable<OrganisationsTable>): OrganisationRow => ({
  id: organisationId(r.id),
  name: r.name,
  createdAt: r.created_at,
});

export const toOrganisation = (r: OrganisationRow): Insertable<OrganisationsTable> => ({
  id: r.id,
  name: r.name,
  created_at: r.createdAt,
});

export const fromAccount = (r: Selectable<AccountsTable>): AccountRow => ({
  id: accountId(r.id),
  email: r.email,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  isOperator: Boolean(r.is_operator),
  createdAt: r.created_at,
  status: r.status as AccountStatus,
  passwordSetAt: r.password_set_at,
});

export const toAccount = (r: NewAccountRow): Insertable<AccountsTable> => ({
  id: r.id,
  email: r.email,
  email_key: identityKey(r.email),
  display_name: r.displayName,
  password_hash: r.passwordHash,
  is_operator: toDbBoolean(r.isOperator),
  created_at: r.createdAt,
  status: r.status ?? 'active',
  password_set_at: r.passwordSetAt !== undefined ? r.passwordSetAt : r.createdAt,
});

export const fromElection = (r: Selectable<ElectionsTable>): ElectionRow => ({
  id: electionId(r.id),
  organisationId: organisationId(r.organisation_id),
  state: r.state as ElectionState,
  name: r.name,
  description: r.description,
  groupName: r.group_name,
  questionsJson: r.questions_json,
  timeZone: r.time_zone,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  credentialMode: r.credential_mode as ElectionRow['credentialMode'],
  electionJson: r.election_json,
  fingerprint: r.fingerprint,
  trusteesHash: r.trustees_hash,
  credentialsHash: r.credentials_hash,
  archiveTimestamp: r.archive_timestamp === null ? null : toNumber(r.archive_timestamp),
  annulReason: r.annul_reason,
  resultJson: r.result_json,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type ElectionPatch = Partial<Omit<ElectionRow, 'id' | 'organisationId' | 'version' | 'createdAt'>>;

/** Column of each patchable field; `satisfies` makes a field added to ElectionRow a compile error here. */
const ELECTION_COLUMNS = {
  state: 'state',
  name: 'name',
  description: 'description',
  groupName: 'group_name',
  questionsJson: 'questions_json',
  timeZone: 'time_zone',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
  credentialMode: 'credential_mode',
  electionJson: 'election_json',
  fingerprint: 'fingerprint',
  trusteesHash: 'trustees_hash',
  credentialsHash: 'credentials_hash',
  archiveTimestamp: 'archive_timestamp',
  annulReason: 'annul_reason',
  resultJson: 'result_json',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof ElectionPatch, keyof ElectionsTable>;

export function toElection(r: ElectionRow): Insertable<ElectionsTable> {
  return {
    id: r.id,
    organisation_id: r.organisationId,
    version: r.version,
    created_at: r.createdAt,
    ...toElectionUpdate(r),
  } as Insertable<ElectionsTable>;
}

/** The columns a patch sets: fields absent or undefined are left alone, null clears. */
export function toElectionUpdate(patch: ElectionPatch): Updateable<ElectionsTable> {
  const update: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(ELECTION_COLUMNS)) {
    const value = patch[field as keyof ElectionPatch];
    if (value !== undefined) update[column] = value;
  }
  return update as Updateable<ElectionsTable>;
}

export const fromVoter = (r: Selectable<VotersTable>): VoterRow => ({
  id: r.id,
  electionId: r.election_id,
  email: r.email,
  login: r.login,
  displayName: r.display_name,
  weight: r.weight,
  language: r.language,
  publicCredential: r.public_credential,
  passwordHash: r.password_hash,
  ...(r.phone === null || r.phone === undefined ? {} : { phone: r.phone }),
});

export const toVoter = (r: VoterRow, electionId: string, position: number): Insertable<VotersTable> => ({
  id: r.id,
  election_id: electionId,
  position,
  email: r.email,
  login: r.login,
  login_key: identityKey(r.login),
  display_name: r.displayName,
  weight: r.weight,
  language: r.language,
  public_credential: r.publicCredential,
  password_hash: r.passwordHash,
  phone: r.phone ?? null,
});

export const fromTrustee = (r: Selectable<TrusteesTable>): TrusteeRow => ({
  electionId: r.election_id,
  position: r.position,
  kind: r.kind as TrusteeRow['kind'],
  accountId: r.account_id,
  displayName: r.display_name,
  publicJson: r.public_json,
  serverPrivateKey: r.server_private_key,
});

export const toTrustee = (r: TrusteeRow): Insertable<TrusteesTable> => ({
  election_id: r.electionId,
  position: r.position,
  kind: r.kind,
  account_id: r.accountId,
  display_name: r.displayName,
  public_json: r.publicJson,
  server_private_key: r.serverPrivateKey,
});

export const fromSession = (r: Selectable<SessionsTable>): SessionRow => ({
  tokenHash: r.token_hash,
  accountId: r.account_id === null ? null : accountId(r.account_id),
  voterId: r.voter_id,
  electionId: r.election_id,
  csrfToken: r.csrf_token,
  expiresAt: r.expires_at,
});

export const toSession = (r: SessionRow): Insertable<SessionsTable> => ({
  token_hash: r.tokenHash,
  account_id: r.accountId,
  voter_id: r.voterId,
  election_id: r.electionId,
  csrf_token: r.csrfToken,
  expires_at: r.expiresAt,
});

export const fromCast = (r: Selectable<BallotsTable>): CastRow => ({
  tracker: r.tracker,
  voterId: r.voter_id,
  credential: r.credential,
  height: r.height,
  castAt: r.cast_at,
});

export const fromAudit = (r: Selectable<AuditLogTable>): AuditRow => ({
  organisationId: r.organisation_id,
  electionId: r.election_id,
  actor: r.actor,
  action: r.action,
  details: decodeStored(AuditDetailsSchema, 'audit_log.details_json', r.details_json),
  seq: r.seq,
  at: r.at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const toAudit = (r: AuditRow, detailsJson: string): Insertable<AuditLogTable> => ({
  organisation_id: r.organisationId,
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  election_id: r.electionId,
  details_json: detailsJson,
  prev_hash: r.prevHash,
  hash: r.hash,
});
