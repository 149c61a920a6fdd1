/**
 * The schema fragment of account access (issue 15): the `account_tokens` table (hashes of invitation
 * and reset links), the account statuses, and migration 0005_accounts, which adds `status` and
 * `password_set_at` to accounts. Imports nothing of the store, so the schema and the queries form
 * no cycle (as src/store/delivery/tables.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { StoreFeature } from '../feature.js';

/**
 * `invited`: created by someone else, waiting for its person to set a password through the link
 * mailed to them (no password yet); `active`; `suspended` by an admin (cannot sign in, sessions
 * ended); `removed` from its last organisation (cannot sign in; the row stays for the audit log).
 */
export type AccountStatus = 'invited' | 'active' | 'suspended' | 'removed';

export type AccountTokenPurpose = 'invitation' | 'reset';

export interface AccountTokensTable {
  token_hash: string;
  account_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
}

export interface AccountTokenRow {
  /** SHA-256 (hex) of the token mailed to the person; the token itself is never stored. */
  tokenHash: string;
  accountId: string;
  purpose: AccountTokenPurpose;
  createdAt: string;
  expiresAt: string;
}

// Migration 0005_accounts

export const accountsMigration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>): Promise<void> {
    // Accounts that exist already were made with a password: active, set when created.
    await db.schema
      .alterTable('accounts')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .execute();
    await db.schema.alterTable('accounts').addColumn('password_set_at', 'text').execute();
    await db.updateTable('accounts').set({ password_set_at: sql`created_at` }).execute();
    await db.schema
      .createTable('account_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('account_tokens_account_idx')
      .on('account_tokens')
      .columns(['account_id', 'purpose'])
      .execute();
  },
};

export interface AccountsTables {
  account_tokens: AccountTokensTable;
}

/** Account statuses, invitation and reset links. */
export const accountsStore: StoreFeature<AccountsTables> = {
  name: 'accounts',
  migrations: { '0005_accounts': accountsMigration },
};
