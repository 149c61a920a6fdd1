/**
 * Identities compare trimmed, NFC, case-folded in the store (migration 0006): a second account whose
 * email differs only by case is refused whatever the tenant, lookups find the person whatever the
 * case typed, and a store whose existing rows already collide refuses to migrate, with a report
 * naming every collision and nothing changed. On SQLite and, when a server answers, PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { account, election, organisation, voter } from '../../test/support/store-fixtures.js';
import { UniqueViolation } from './errors.js';
import { openStore, withDefaultUser } from './open-store.js';
import { appliedMigrations, migrate, openRaw } from './raw-store.js';
import type { Store } from './store.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

async function pgQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(PG_URL), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const pgAvailable = await pgQuery('select 1').then(
  () => true,
  () => false,
);
if (!pgAvailable && process.env.CI) throw new Error(`PostgreSQL does not answer at ${PG_URL}`);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshUrl(dialect: 'sqlite' | 'postgres'): Promise<string> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'scrutin-identity-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return `sqlite:${join(dir, 'store.db')}`;
  }
  const schema = `scrutin_identity_${randomBytes(6).toString('hex')}`;
  await pgQuery(`create schema ${schema}`);
  cleanups.push(() => pgQuery(`drop schema ${schema} cascade`));
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function opened(url: string): Promise<Store> {
  const store = await openStore(url);
  cleanups.push(() => store.close());
  return store;
}

const dialects = pgAvailable ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(dialects)('identity keys on %s', (dialect) => {
  it('refuses a second account whose email differs only by case, space or Unicode form, in any tenant', async () => {
    const store = await opened(await freshUrl(dialect));
    await store.accounts.createAccount(account('a', { email: 'adminB@example.org' }));
    for (const email of ['ADMINB@EXAMPLE.ORG', ' adminb@example.org', 'ADMINB@example.ORG ']) {
      const refused = await store.accounts
        .createAccount(account(`b${email.length}`, { email }))
        .catch((e) => e);
      expect(refused).toBeInstanceOf(UniqueViolation);
      expect((refused as UniqueViolation).key).toBe('account-email');
    }
    // NFC: "é" composed and decomposed are one address.
    await store.accounts.createAccount(account('c', { email: 'r\u00e9mi@example.org' }));
    const decomposed = await store.accounts
      .createAccount(account('d', { email: 'RE\u0301MI@example.org' }))
      .catch((e) => e);
    expect((decomposed as UniqueViolation).key).toBe('account-email');
    expect((await store.accounts.findAccountByEmail('ADMINB@Example.Org'))?.id).toBe('a');
    expect((await store.accounts.findAccountByEmail('re\u0301mi@EXAMPLE.org'))?.id).toBe('c');
    // The display form is kept as given.
    expect((await store.accounts.getAccount('a'))?.email).toBe('adminB@example.org');
  });

  it('keeps one voter per login whatever its case, and finds them by any case', async () => {
    const store = await opened(await freshUrl(dialect));
    await store.accounts.createOrganisation(organisation('o'));
    await store.elections.create(election('e1', 'o'));
    await store.elections.create(election('e2', 'o'));
    const refused = await store.voters
      .replace('e1', [voter('v1', 'e1', { login: 'alice' }), voter('v2', 'e1', { login: 'ALICE' })])
      .catch((e) => e);
    expect((refused as UniqueViolation).key).toBe('voter-login');
    expect(await store.voters.list('e1')).toEqual([]);
    await store.voters.replace('e1', [voter('v1', 'e1', { login: 'Alice' })]);
    // Another election may have its own Alice.
    await store.voters.replace('e2', [voter('v3', 'e2', { login: 'alice' })]);
    expect((await store.voters.findByLogin('e1', 'ALICE'))?.id).toBe('v1');
    expect((await store.voters.findByLogin('e1', ' alice '))?.id).toBe('v1');
    expect((await store.voters.findByLogin('e2', 'Alice'))?.id).toBe('v3');
  });

  it('refuses to migrate a store whose existing rows collide, naming each collision, and changes nothing', async () => {
    const url = await freshUrl(dialect);
    const raw = await openRaw(url);
    try {
      await migrate(raw, '0004_recovery');
      const at = '2026-01-15T09:30:00.000Z';
      const insertAccount = (id: string, email: string) =>
        raw.db
          .insertInto('accounts')
          .values({ id, email, display_name: id, password_hash: 'x', is_operator: 0, created_at: at })
          .execute();
      // Two tenants' admins, created under the old schema (exact-case uniqueness only).
      await insertAccount('acc-1', 'adminB@example.org');
      await insertAccount('acc-2', 'ADMINB@EXAMPLE.ORG');
      await insertAccount('acc-3', 'other@example.org');
      await raw.db.insertInto('organisations').values({ id: 'o', name: 'O', created_at: at }).execute();
      const e = election('elec-1', 'o');
      await raw.db
        .insertInto('elections')
        .values({
          id: e.id,
          organisation_id: 'o',
          state: 'draft',
          name: e.name,
          description: '',
          group_name: e.groupName,
          questions_json: '[]',
          time_zone: 'UTC',
          credential_mode: 'server',
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const insertVoter = (id: string, login: string, position: number) =>
        raw.db
          .insertInto('voters')
          .values({
            id,
            election_id: 'elec-1',
            position,
            email: `${id}@example.org`,
            login,
            display_name: login,
            weight: '1',
            language: 'fr',
          })
          .execute();
      await insertVoter('v1', 'alice', 0);
      await insertVoter('v2', 'bob', 1);
      await insertVoter('v3', 'ALICE', 2);

      const refusal = await openStore(url).then(
        async (store) => {
          await store.close();
          return undefined;
        },
        (error: Error) => error,
      );
      expect(refusal).toBeInstanceOf(Error);
      const report = String(refusal?.message);
      expect(report).toContain('0006_identity_keys');
      expect(report).toContain('"adminB@example.org" (account acc-1)');
      expect(report).toContain('"ADMINB@EXAMPLE.ORG" (account acc-2)');
      expect(report).not.toContain('other@example.org');
      expect(report).toContain('election elec-1');
      expect(report).toContain('"alice" (roll line 1)');
      expect(report).toContain('"ALICE" (roll line 3)');
      expect(report).not.toContain('"bob"');

      // Nothing changed: the migration is not recorded, no column was added, the rows are as they were.
      expect(await appliedMigrations(raw)).not.toContain('0006_identity_keys');
      // On PostgreSQL the introspection lists every schema of the database: this test's schema only.
      const schema = new URL(url).searchParams.get('options')?.split('=')[1] ?? null;
      const columns = (await raw.db.introspection.getTables()).find(
        (t) => t.name === 'accounts' && (t.schema ?? null) === schema,
      )?.columns;
      expect(columns?.map((c) => c.name)).toContain('email');
      expect(columns?.map((c) => c.name)).not.toContain('email_key');
      const emails = await raw.db.selectFrom('accounts').select('email').orderBy('id').execute();
      expect(emails.map((r: { email: string }) => r.email)).toEqual([
        'adminB@example.org',
        'ADMINB@EXAMPLE.ORG',
        'other@example.org',
      ]);

      // Once the operator resolves the collisions, the migration runs and keys are filled in.
      await raw.db.deleteFrom('accounts').where('id', '=', 'acc-2').execute();
      await raw.db.updateTable('voters').set({ login: 'alice2' }).where('id', '=', 'v3').execute();
      const store = await opened(url);
      expect((await store.accounts.findAccountByEmail('ADMINb@example.ORG'))?.id).toBe('acc-1');
      expect((await store.voters.findByLogin('elec-1', 'Alice'))?.id).toBe('v1');
      const again = await store.accounts
        .createAccount(account('acc-4', { email: 'OTHER@example.org' }))
        .catch((e) => e);
      expect((again as UniqueViolation).key).toBe('account-email');
    } finally {
      await raw.close();
    }
  });
});
