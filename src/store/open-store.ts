/**
 * Choosing and opening a store from one URL, as the CLI and server receive it: nothing, `sqlite:PATH`
 * or a plain path select SQLite (default `./scrutin.db`), `postgres://…` or `postgresql://…` selects
 * PostgreSQL (pg's connection-string parameters apply, e.g. `?options=-c%20search_path%3Dschema`).
 * Opening always brings the schema up to date, so a server never runs against an older schema;
 * `migrateStore` does only that, for `scrutin migrate`.
 */
import { userInfo } from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { openSqliteDatabase, StoreSqliteDialect, writeGate } from './sqlite-dialect.js';
import type { Store } from './store.js';

export const DEFAULT_SQLITE_PATH = './scrutin.db';

export type StoreTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export function parseStoreUrl(url: string | undefined): StoreTarget {
  if (url === undefined) return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
  // `sqlite:///abs/path` is accepted as well as `sqlite:/abs/path`.
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (path === '') throw new Error(`store URL ${JSON.stringify(url)} names no SQLite file`);
  return { dialect: 'sqlite', path };
}

export async function openStore(url?: string): Promise<Store> {
  return (await openMigrated(url)).store;
}

/** Brings the schema up to date; returns the migrations applied (none when already current). */
export async function migrateStore(url?: string): Promise<string[]> {
  const { store, applied } = await openMigrated(url);
  await store.close();
  return applied;
}

async function openMigrated(url: string | undefined): Promise<{ store: Store; applied: string[] }> {
  const target = parseStoreUrl(url);
  return target.dialect === 'sqlite' ? openSqlite(target.path) : openPostgres(target.url);
}

async function openSqlite(path: string): Promise<{ store: Store; applied: string[] }> {
  const database = openSqliteDatabase(path);
  const gate = writeGate(database);
  const db = new Kysely<Database>({ dialect: new StoreSqliteDialect(database) });
  const store = new KyselyStore({ db, dialect: 'sqlite', gate });
  return closeOnFailure(store, () => gate.run(() => migrateToLatest(db)));
}

async function openPostgres(url: string): Promise<{ store: Store; applied: string[] }> {
  const pool = new pg.Pool({ connectionString: withDefaultUser(url) });
  // An idle client losing its server (restart, failover) emits 'error' on the pool; unhandled, that
  // would kill the process. pg drops the client and the next query opens a fresh one.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const store = new KyselyStore({ db, dialect: 'postgres' });
  return closeOnFailure(store, async () => {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (schema == null) throw new Error('PostgreSQL: no schema of search_path exists to hold the tables');
    return migrateToLatest(db, schema);
  });
}

/**
 * A URL without a user gets the OS account's name, as libpq (psql) does. pg falls back only to $PGUSER
 * and $USER, which services and containers often lack, and then sends no user at all.
 */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username !== '' || parsed.searchParams.has('user') || process.env.PGUSER || process.env.USER)
    return url;
  try {
    parsed.username = encodeURIComponent(userInfo().username);
  } catch {
    return url; // no passwd entry for this uid: let pg report the missing user
  }
  return parsed.toString();
}

async function closeOnFailure(store: Store, migrate: () => Promise<string[]>) {
  try {
    return { store, applied: await migrate() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
