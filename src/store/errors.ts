/**
 * Recognising which uniqueness invariant a write broke, on either dialect. PostgreSQL reports the
 * violated constraint by name (SQLSTATE 23505, `constraint`); better-sqlite3 reports
 * SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY with a message listing `table.column`s. Both are mapped to
 * one closed set of keys, so `board.append` can turn a taken height or tracker into a value and callers
 * of the other writes (duplicate email, login, credential) can tell a refusal from a bug.
 */

export type UniqueKey =
  | 'account-email'
  | 'voter-login'
  | 'voter-credential'
  | 'voter-id'
  | 'board-height'
  | 'board-event-hash'
  | 'board-position'
  | 'ballot-tracker'
  | 'ballot-height'
  | 'audit-seq'
  | 'organisation-id'
  | 'election-id'
  | 'session-token';

/** Constraint names as created in migrations.ts, with the columns SQLite names in its message. */
const KEYS: readonly { key: UniqueKey; constraint: string; columns: string }[] = [
  { key: 'account-email', constraint: 'accounts_email_key', columns: 'accounts.email' },
  { key: 'account-email', constraint: 'accounts_email_fold_key', columns: 'accounts.email_key' },
  { key: 'voter-login', constraint: 'voters_login_key', columns: 'voters.election_id, voters.login' },
  {
    key: 'voter-login',
    constraint: 'voters_login_fold_key',
    columns: 'voters.election_id, voters.login_key',
  },
  {
    key: 'voter-credential',
    constraint: 'voters_credential_key',
    columns: 'voters.election_id, voters.public_credential',
  },
  { key: 'voter-id', constraint: 'voters_pkey', columns: 'voters.id' },
  {
    key: 'board-height',
    constraint: 'board_events_pkey',
    columns: 'board_events.election_id, board_events.height',
  },
  {
    key: 'board-event-hash',
    constraint: 'board_events_hash_key',
    columns: 'board_events.election_id, board_events.hash',
  },
  {
    key: 'board-position',
    constraint: 'board_events_position_key',
    columns: 'board_events.election_id, board_events.position',
  },
  {
    key: 'board-position',
    constraint: 'board_data_position_key',
    columns: 'board_data.election_id, board_data.position',
  },
  { key: 'ballot-tracker', constraint: 'ballots_pkey', columns: 'ballots.election_id, ballots.tracker' },
  { key: 'ballot-height', constraint: 'ballots_height_key', columns: 'ballots.election_id, ballots.height' },
  { key: 'audit-seq', constraint: 'audit_log_pkey', columns: 'audit_log.organisation_id, audit_log.seq' },
  { key: 'organisation-id', constraint: 'organisations_pkey', columns: 'organisations.id' },
  { key: 'election-id', constraint: 'elections_pkey', columns: 'elections.id' },
  { key: 'session-token', constraint: 'sessions_pkey', columns: 'sessions.token_hash' },
];

/** A write refused by a uniqueness constraint: an expected outcome the caller may report. */
export class UniqueViolation extends Error {
  constructor(
    readonly key: UniqueKey | 'other',
    options: { cause: unknown },
  ) {
    super(`store: unique constraint ${key} violated`, options);
    this.name = 'UniqueViolation';
  }
}

const SQLITE_UNIQUE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const SQLITE_PREFIX = 'UNIQUE constraint failed: ';
const PG_UNIQUE_VIOLATION = '23505';

/** The violation `error` reports, or undefined when it is not a uniqueness violation. */
export function asUniqueViolation(error: unknown): UniqueViolation | undefined {
  if (error instanceof UniqueViolation) return error;
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const { code } = error as { code: unknown; constraint?: unknown };
  let found: (typeof KEYS)[number] | undefined;
  if (code === PG_UNIQUE_VIOLATION) {
    const { constraint } = error as { constraint?: unknown };
    found = KEYS.find((k) => k.constraint === constraint);
  } else if (typeof code === 'string' && SQLITE_UNIQUE.has(code) && error.message.startsWith(SQLITE_PREFIX)) {
    const columns = error.message.slice(SQLITE_PREFIX.length);
    found = KEYS.find((k) => k.columns === columns);
  } else {
    return undefined;
  }
  return new UniqueViolation(found?.key ?? 'other', { cause: error });
}
