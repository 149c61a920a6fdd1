/**
 * Migration 0001_initial: organisations, accounts, memberships, elections and their roles, voters,
 * trustees, sessions, the board, ballots and the audit log (the tables of schema.ts's `CoreTables`).
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreFeature } from './feature.js';

const initial: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_operator', 'boolean', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('accounts_email_key', ['email'])
      .execute();

    await db.schema
      .createTable('memberships')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pkey', ['organisation_id', 'account_id', 'role'])
      .execute();
    await db.schema.createIndex('memberships_account_idx').on('memberships').column('account_id').execute();

    await db.schema
      .createTable('elections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('questions_json', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('opens_at', 'text')
      .addColumn('closes_at', 'text')
      .addColumn('credential_mode', 'text', (c) => c.notNull())
      .addColumn('election_json', 'text')
      .addColumn('fingerprint', 'text')
      .addColumn('trustees_hash', 'text')
      .addColumn('credentials_hash', 'text')
      // Seconds since 1970: bigint so it outlives 2038.
      .addColumn('archive_timestamp', 'bigint')
      .addColumn('annul_reason', 'text')
      .addColumn('result_json', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('elections_organisation_idx')
      .on('elections')
      .column('organisation_id')
      .execute();

    await db.schema
      .createTable('election_roles')
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('election_roles_pkey', ['election_id', 'account_id', 'role'])
      .execute();
    await db.schema
      .createIndex('election_roles_account_idx')
      .on('election_roles')
      .column('account_id')
      .execute();

    await db.schema
      .createTable('voters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('weight', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('public_credential', 'text')
      .addColumn('password_hash', 'text')
      .addUniqueConstraint('voters_login_key', ['election_id', 'login'])
      // NULLs are distinct on both dialects, so voters without credentials do not collide.
      .addUniqueConstraint('voters_credential_key', ['election_id', 'public_credential'])
      // Target of ballots' composite key: a cast's voter belongs to the cast's election.
      .addUniqueConstraint('voters_election_id_key', ['election_id', 'id'])
      .execute();

    await db.schema
      .createTable('trustees')
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('public_json', 'text')
      .addColumn('server_private_key', 'text')
      .addPrimaryKeyConstraint('trustees_pkey', ['election_id', 'position'])
      .execute();

    // A session dies with whatever it authenticates (a roll replaced in draft drops voters' sessions).
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('voter_id', 'text', (c) => c.references('voters.id').onDelete('cascade'))
      .addColumn('election_id', 'text', (c) => c.references('elections.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('board_cursors')
      .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
      .addColumn('next_position', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('board_data')
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('board_data_pkey', ['election_id', 'hash'])
      .addUniqueConstraint('board_data_position_key', ['election_id', 'position'])
      .execute();

    await db.schema
      .createTable('board_events')
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('board_events_pkey', ['election_id', 'height'])
      .addUniqueConstraint('board_events_hash_key', ['election_id', 'hash'])
      .addUniqueConstraint('board_events_position_key', ['election_id', 'position'])
      .execute();

    await db.schema
      .createTable('ballots')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('tracker', 'text', (c) => c.notNull())
      .addColumn('voter_id', 'text', (c) => c.notNull())
      .addColumn('credential', 'text', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('cast_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ballots_pkey', ['election_id', 'tracker'])
      // One cast per Ballot event, and every cast is on the board.
      .addUniqueConstraint('ballots_height_key', ['election_id', 'height'])
      .addForeignKeyConstraint('ballots_event_fkey', ['election_id', 'height'], 'board_events', [
        'election_id',
        'height',
      ])
      .addForeignKeyConstraint('ballots_voter_fkey', ['election_id', 'voter_id'], 'voters', [
        'election_id',
        'id',
      ])
      .execute();

    // election_id carries no foreign key: the log records what was attempted, even on a missing election.
    await db.schema
      .createTable('audit_log')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('election_id', 'text')
      .addColumn('details_json', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pkey', ['organisation_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_log_election_idx')
      .on('audit_log')
      .columns(['organisation_id', 'election_id', 'seq'])
      .execute();
  },
};

/** The core tables; their types are schema.ts's `CoreTables`, which the `Database` type starts from. */
export const initialStore: StoreFeature<Record<never, never>> = {
  name: 'initial',
  migrations: { '0001_initial': initial },
};
