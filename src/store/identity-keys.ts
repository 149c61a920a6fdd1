/**
 * Migration 0006: account emails and voter logins compare by `identityKey` (trimmed, NFC,
 * case-folded: src/core/identity.ts). Each table gets the key in its own column with a unique index,
 * on both dialects. Rows written before this migration may already collide (`ADMINB@EXAMPLE.ORG`
 * beside `adminB@example.org`, a roll with `alice` and `ALICE`): those are not merged or renamed
 * silently — the migration refuses, before changing anything, with a report naming every
 * collision, and the operator decides who is who.
 */
import type { Kysely, Migration } from 'kysely';
import { identityKey } from '../core/identity.js';
import type { StoreFeature } from './feature.js';

/** Thrown by the migration when existing rows collide; `report` names each group. */
export class IdentityCollisionError extends Error {
  constructor(readonly collisions: readonly string[]) {
    super(
      `identifiers that differ only by case, spaces or Unicode form must be resolved before upgrading (nothing was changed):\n${collisions.map((c) => `  - ${c}`).join('\n')}`,
    );
    this.name = 'IdentityCollisionError';
  }
}

function groups<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const found = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = found.get(key);
    if (group) group.push(item);
    else found.set(key, [item]);
  }
  return [...found.values()].filter((g) => g.length > 1);
}

export const identityKeysMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    // Read and check first: SQLite runs DDL outside a transaction, so a refusal must precede any change.
    const accounts: { id: string; email: string }[] = await db
      .selectFrom('accounts')
      .select(['id', 'email'])
      .orderBy('id')
      .execute();
    const voters: { id: string; election_id: string; login: string; position: number }[] = await db
      .selectFrom('voters')
      .select(['id', 'election_id', 'login', 'position'])
      .orderBy('election_id')
      .orderBy('position')
      .execute();
    const collisions = [
      ...groups(accounts, (a) => identityKey(a.email)).map(
        (g) => `accounts: ${g.map((a) => `"${a.email}" (account ${a.id})`).join(', ')}`,
      ),
      ...groups(voters, (v) => `${v.election_id}\u0000${identityKey(v.login)}`).map(
        (g) =>
          `election ${g[0]!.election_id}, voter logins: ${g.map((v) => `"${v.login}" (roll line ${Number(v.position) + 1})`).join(', ')}`,
      ),
    ];
    if (collisions.length > 0) throw new IdentityCollisionError(collisions);

    await db.schema
      .alterTable('accounts')
      .addColumn('email_key', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('voters')
      .addColumn('login_key', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    for (const a of accounts)
      await db
        .updateTable('accounts')
        .set({ email_key: identityKey(a.email) })
        .where('id', '=', a.id)
        .execute();
    for (const v of voters)
      await db
        .updateTable('voters')
        .set({ login_key: identityKey(v.login) })
        .where('id', '=', v.id)
        .execute();
    await db.schema
      .createIndex('accounts_email_fold_key')
      .on('accounts')
      .column('email_key')
      .unique()
      .execute();
    await db.schema
      .createIndex('voters_login_fold_key')
      .on('voters')
      .columns(['election_id', 'login_key'])
      .unique()
      .execute();
  },
};

/** Adds key columns to tables of the initial migration: no tables of its own. */
export const identityKeysStore: StoreFeature<Record<never, never>> = {
  name: 'identity-keys',
  // Emails and logins compare trimmed, NFC, case-folded; refuses to run over existing collisions.
  migrations: { '0006_identity_keys': identityKeysMigration },
};
