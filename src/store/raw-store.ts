/**
 * A store opened below the `Store` interface, for the operator's tools (backup, restore, doctor):
 * Kysely over either dialect with no typed tables, without migrating on open (a doctor must not
 * change what it examines), plus the table and migration facts those tools need.
 */
import { existsSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';
import { parseStoreUrl, withDefaultUser } from './open-store.js';
import { openSqliteDatabase, StoreSqliteDialect, writeGate } from './sqlite-dialect.js';

/** Kysely's own tables (migrations and their lock): never backed up, never counted as content. */
export const BOOKKEEPING = /^kysely_migration/;

/** A store opened for restoring: Kysely over either dialect, plus what Kysely's Migrator needs. */
export interface RawStore {
  dialect: 'sqlite' | 'postgres';
  // biome-ignore lint/suspicious/noExplicitAny: the tables are whatever the backup names, checked against the target.
  db: Kysely<any>;
  migrationTableSchema: string | undefined;
  /** Runs a write behind this process's other writers to the same SQLite file. */
  write<T>(task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens the store at `storeUrl`; with `mustExist`, a missing SQLite file is an error rather than created. */
export async function openRaw(
  storeUrl: string | undefined,
  options: { mustExist?: boolean } = {},
): Promise<RawStore> {
  const target = parseStoreUrl(storeUrl);
  if (target.dialect === 'sqlite') {
    if (options.mustExist && !existsSync(target.path)) throw new Error(`no SQLite file at ${target.path}`);
    const database = openSqliteDatabase(target.path);
    const gate = writeGate(database);
    const db = new Kysely({ dialect: new StoreSqliteDialect(database) });
    return {
      dialect: 'sqlite',
      db,
      migrationTableSchema: undefined,
      write: (task) => gate.run(task),
      close: async () => {
        await db.destroy();
        gate.release();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: withDefaultUser(target.url), max: 1 });
  pool.on('error', () => undefined);
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (schema == null) throw new Error('PostgreSQL: no schema of search_path exists to hold the tables');
    return {
      dialect: 'postgres',
      db,
      migrationTableSchema: schema,
      write: (task) => task(),
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see RawStore.db
export async function tableNames(store: RawStore, db: Kysely<any> = store.db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables
    .filter((t) => !t.isView && (store.dialect === 'sqlite' || t.schema === store.migrationTableSchema))
    .map((t) => t.name);
}

/** Tables of the target that hold at least one row (Kysely's bookkeeping aside). */
// biome-ignore lint/suspicious/noExplicitAny: see RawStore.db
export async function nonEmptyTables(store: RawStore, db: Kysely<any> = store.db): Promise<string[]> {
  const found: string[] = [];
  for (const name of await tableNames(store, db)) {
    if (BOOKKEEPING.test(name)) continue;
    const { rows } = await sql`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
    if (rows.length > 0) found.push(name);
  }
  return found.sort();
}

export async function appliedMigrations(store: RawStore): Promise<string[]> {
  if (!(await tableNames(store)).includes('kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    store.db,
  );
  return rows.map((r) => r.name);
}

function migrator(store: RawStore): Migrator {
  return new Migrator({
    db: store.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(store.migrationTableSchema === undefined ? {} : { migrationTableSchema: store.migrationTableSchema }),
  });
}

export async function migrate(store: RawStore, to?: string): Promise<string[]> {
  const m = migrator(store);
  const outcome = await store.write(() => (to === undefined ? m.migrateToLatest() : m.migrateTo(to)));
  if (outcome.error !== undefined)
    throw new Error(`migration failed: ${String(outcome.error)}`, { cause: outcome.error });
  return (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows and the store has not applied (none when the schema is current). */
export async function pendingMigrations(store: RawStore): Promise<string[]> {
  const known = await migrator(store).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Migrations the store has applied that this code does not know: a newer Scrutin migrated it. */
export async function unknownMigrations(store: RawStore): Promise<string[]> {
  return (await appliedMigrations(store)).filter((name) => !Object.hasOwn(MIGRATIONS, name));
}
