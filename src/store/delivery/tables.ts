/**
 * The delivery tables' schema fragment (snake_case, as both dialects return them) and migration
 * 0002_delivery that creates them. The store's `Database` type (../schema.ts) is composed from it;
 * this file imports nothing of the store, so the schema and the queries form no cycle.
 */
import type { Kysely } from 'kysely';
import type { StoreFeature } from '../feature.js';

export interface OutboxTable {
  id: string;
  election_id: string;
  voter_id: string;
  purpose: string;
  generation: number;
  idempotency_key: string;
  channel: string;
  recipient: string;
  language: string;
  /** 0 interactive (one-time codes), 1 bulk: a code never waits behind 40,000 credentials. */
  priority: number;
  subject: string;
  body_text: string | null;
  body_html: string | null;
  secret_kind: string | null;
  /** 'password' when the secret is generated at send time (the body holds a placeholder until then). */
  deferred: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_reason: string | null;
  message_id: string;
  created_at: string;
  sent_at: string | null;
}

export interface DeliverySettingsTable {
  election_id: string;
  login_mode: string;
  password_delay_seconds: number;
  help_contact: string;
  default_language: string;
  /** Null: 'email' (migration 0007_sms_channel). */
  secret_channel: string | null;
}

export interface VoterAccessTable {
  election_id: string;
  voter_id: string;
  first_login_at: string | null;
  last_login_at: string | null;
  access_checked_at: string | null;
}

export interface OneTimeCodesTable {
  election_id: string;
  voter_id: string;
  code_hash: string;
  expires_at: string;
  attempts_left: number;
  created_at: string;
}

// Migration 0002_delivery

// biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
export async function createDeliveryTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    .addColumn('secret_kind', 'text')
    .addColumn('deferred', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('last_reason', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('outbox_idempotency_key', ['election_id', 'idempotency_key'])
    .addUniqueConstraint('outbox_generation_key', ['election_id', 'voter_id', 'purpose', 'generation'])
    // A roll replaced in draft takes its voters' pending messages with it.
    .addForeignKeyConstraint(
      'outbox_voter_fkey',
      ['election_id', 'voter_id'],
      'voters',
      ['election_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .columns(['status', 'priority', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('outbox_voter_idx').on('outbox').columns(['election_id', 'voter_id']).execute();

  await db.schema
    .createTable('delivery_settings')
    .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
    .addColumn('login_mode', 'text', (c) => c.notNull())
    .addColumn('password_delay_seconds', 'integer', (c) => c.notNull())
    .addColumn('help_contact', 'text', (c) => c.notNull())
    .addColumn('default_language', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('voter_access')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('first_login_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('access_checked_at', 'text')
    .addPrimaryKeyConstraint('voter_access_pkey', ['election_id', 'voter_id'])
    .addForeignKeyConstraint(
      'voter_access_voter_fkey',
      ['election_id', 'voter_id'],
      'voters',
      ['election_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('one_time_codes')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts_left', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('one_time_codes_pkey', ['election_id', 'voter_id'])
    .addForeignKeyConstraint(
      'one_time_codes_voter_fkey',
      ['election_id', 'voter_id'],
      'voters',
      ['election_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export interface DeliveryTables {
  outbox: OutboxTable;
  delivery_settings: DeliverySettingsTable;
  voter_access: VoterAccessTable;
  one_time_codes: OneTimeCodesTable;
}

/** Outbox, delivery settings, voter access facts, one-time codes. */
export const deliveryStore: StoreFeature<DeliveryTables> = {
  name: 'delivery',
  migrations: { '0002_delivery': { up: createDeliveryTables } },
};

// Migration 0007_sms_channel (issue 16 point 4)

/**
 * The second channel: a voter's mobile number (E.164, optional) on the roll, and per election the
 * channel of the sign-in secrets (passwords and one-time codes): `email` when null, or `sms`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
export async function addSmsChannel(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('voters').addColumn('phone', 'text').execute();
  await db.schema.alterTable('delivery_settings').addColumn('secret_channel', 'text').execute();
}

/** Columns only (voters.phone, delivery_settings.secret_channel): after every earlier feature. */
export const smsChannelStore: StoreFeature<Record<never, never>> = {
  name: 'sms-channel',
  migrations: { '0007_sms_channel': { up: addSmsChannel } },
};
