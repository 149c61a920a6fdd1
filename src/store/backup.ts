/**
 * Backups of a whole store to one portable file, and restoring one into a new store of either
 * dialect (a SQLite backup restores into PostgreSQL and back).
 *
 * Consistency while the server runs: on SQLite the live file is first copied with SQLite's online
 * backup API (better-sqlite3 `backup()`, in one step, so concurrent commits cannot make it restart)
 * to a private temporary file beside the output, which is then read at leisure — the live database is held for one
 * page copy, not for the whole export, and WAL checkpoints are not blocked meanwhile. On PostgreSQL
 * every table is read in one REPEATABLE READ, READ ONLY transaction, i.e. one snapshot, through a
 * server-side cursor (bounded memory).
 *
 * The file is JSON Lines: a header (format, source dialect, the migrations applied), then per table
 * a line naming its columns followed by one JSON array per row, tables in foreign-key order (parents
 * first), then an end line with the row count and the SHA-256 of every byte before it. Values are
 * text, numbers (64-bit integers beyond 2^53 as decimal text), booleans or null, so both drivers
 * read them back exactly; board records and audit entries are text and come back byte for byte.
 *
 * The file holds what the store holds: password hashes, never passwords; but also the server's own
 * trustee keys (weakest trustee mode) and voters' messages not yet handed to the mail server. It is
 * written with mode 0600 and must be kept like the database itself.
 *
 * Restoring never overwrites anything: the target must be empty (a new SQLite file, or a schema
 * with no rows), it is migrated to the backup's schema version, every row goes in within one
 * transaction that commits only once the end line's checksum matches (a truncated or altered file
 * restores nothing), and the store is then migrated to this version of Scrutin. The checksum finds
 * damage, not forgery (anyone can recompute it): what proves an election is its archive, which the
 * restored server serves and anyone can verify.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';
import { parseStoreUrl, withDefaultUser } from './open-store.js';
import {
  appliedMigrations,
  BOOKKEEPING,
  migrate,
  nonEmptyTables,
  openRaw,
  type RawStore,
  tableNames,
} from './raw-store.js';
import { BUSY_TIMEOUT_MS } from './sqlite-dialect.js';

export const BACKUP_FORMAT = 'scrutin-backup/1';

type Value = string | number | boolean | null;

interface Header {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  source: 'sqlite' | 'postgres';
  migrations: string[];
}

export interface BackupSummary {
  source: 'sqlite' | 'postgres';
  migrations: string[];
  /** Rows per table. */
  tables: Record<string, number>;
  bytes: number;
}

export type BackupOutcome =
  | { ok: true; summary: BackupSummary }
  | { ok: false; kind: 'no-store' | 'not-a-scrutin-store' | 'out-exists' | 'no-folder' };

export type RestoreOutcome =
  | { ok: true; summary: BackupSummary; migratedAfter: string[] }
  | { ok: false; kind: 'not-empty'; tables: string[] }
  | { ok: false; kind: 'target-newer' }
  | { ok: false; kind: 'unknown-migrations'; migrations: string[] }
  | { ok: false; kind: 'damaged'; problem: string }
  | { ok: false; kind: 'no-file' };

/** A table as a snapshot lists it: name, columns, and a reader of its rows. */
interface SnapshotTable {
  name: string;
  columns: string[];
  rows(): AsyncIterable<Value[]>;
}

interface Snapshot {
  source: 'sqlite' | 'postgres';
  migrations: string[];
  /** Parents before children. */
  tables: SnapshotTable[];
}

/** Writes a backup of the store at `storeUrl` to `outPath` (which must not exist). */
export async function writeBackup(storeUrl: string | undefined, outPath: string): Promise<BackupOutcome> {
  if (existsSync(outPath)) return { ok: false, kind: 'out-exists' };
  if (!existsSync(dirname(outPath))) return { ok: false, kind: 'no-folder' };
  const target = parseStoreUrl(storeUrl);
  if (target.dialect === 'sqlite' && !existsSync(target.path)) return { ok: false, kind: 'no-store' };
  const partial = join(dirname(outPath), `.${randomBytes(6).toString('hex')}.scrutin-backup.partial`);
  try {
    const summary =
      target.dialect === 'sqlite'
        ? await withSqliteSnapshot(target.path, dirname(outPath), (snapshot) => writeFile(snapshot, partial))
        : await withPostgresSnapshot(target.url, (snapshot) => writeFile(snapshot, partial));
    if (summary === undefined) return { ok: false, kind: 'not-a-scrutin-store' };
    try {
      // A hard link never replaces an existing file (rename would): a backup overwrites nothing.
      linkSync(partial, outPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, kind: 'out-exists' };
      throw error;
    }
    return { ok: true, summary };
  } finally {
    rmSync(partial, { force: true });
  }
}

async function writeFile(snapshot: Snapshot, path: string): Promise<BackupSummary> {
  const hash = createHash('sha256');
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  // A write error (a full disk) ends the backup instead of leaving it waiting for 'drain' for ever.
  let failure: Error | undefined;
  const failed = new Promise<never>((_, reject) =>
    stream.once('error', (error) => {
      failure = error;
      reject(error);
    }),
  );
  failed.catch(() => undefined);
  await Promise.race([new Promise<void>((resolve) => stream.once('open', () => resolve())), failed]);
  let bytes = 0;
  const write = async (line: string, hashed = true) => {
    if (failure) throw failure;
    const text = `${line}\n`;
    if (hashed) hash.update(text);
    bytes += Buffer.byteLength(text);
    if (!stream.write(text))
      await Promise.race([new Promise<void>((resolve) => stream.once('drain', resolve)), failed]);
  };
  const header: Header = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    source: snapshot.source,
    migrations: snapshot.migrations,
  };
  await write(JSON.stringify(header));
  const tables: Record<string, number> = {};
  let rows = 0;
  for (const table of snapshot.tables) {
    await write(JSON.stringify({ table: table.name, columns: table.columns }));
    let count = 0;
    for await (const row of table.rows()) {
      await write(JSON.stringify(row));
      count += 1;
    }
    tables[table.name] = count;
    rows += count;
  }
  await write(JSON.stringify({ end: { rows, sha256: hash.digest('hex') } }), false);
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { source: snapshot.source, migrations: snapshot.migrations, tables, bytes };
}

// Snapshots

async function withSqliteSnapshot<T>(
  path: string,
  beside: string,
  use: (snapshot: Snapshot) => Promise<T>,
): Promise<T | undefined> {
  // Beside the backup, not in /tmp: the copy holds the same secrets, in the place chosen to keep them.
  const folder = mkdtempSync(join(beside, '.scrutin-snapshot-'));
  const copyPath = join(folder, 'snapshot.db');
  try {
    const live = new SqliteDatabase(path, { fileMustExist: true });
    try {
      live.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // All pages in one step: a step restarts when another connection commits between steps.
      await live.backup(copyPath, { progress: () => 0x7fffffff });
    } finally {
      live.close();
    }
    const copy = new SqliteDatabase(copyPath, { readonly: true });
    try {
      const names = (
        copy
          .prepare(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      if (!names.includes('kysely_migration')) return undefined;
      const migrations = (
        copy.prepare('select name from kysely_migration order by name').all() as { name: string }[]
      ).map((r) => r.name);
      const data = names.filter((n) => !BOOKKEEPING.test(n));
      const parents = new Map<string, string[]>();
      const types = new Map<string, Map<string, string>>();
      for (const name of data) {
        const fks = copy.prepare(`pragma foreign_key_list(${quote(name)})`).all() as { table: string }[];
        parents.set(
          name,
          fks.map((f) => f.table),
        );
        const columns = copy.prepare(`pragma table_info(${quote(name)})`).all() as {
          name: string;
          type: string;
        }[];
        types.set(name, new Map(columns.map((c) => [c.name, c.type.toLowerCase()])));
      }
      const tables = parentsFirst(data, parents).map((name): SnapshotTable => {
        const columnTypes = types.get(name)!;
        const columns = [...columnTypes.keys()];
        const booleans = columns.map((c) => columnTypes.get(c)!.includes('bool'));
        return {
          name,
          columns,
          async *rows() {
            const statement = copy
              .prepare(`select ${columns.map(quote).join(', ')} from ${quote(name)} order by rowid`)
              .raw(true)
              .safeIntegers(true);
            for (const row of statement.iterate() as Iterable<unknown[]>) {
              yield row.map((value, i) => portable(value, booleans[i]!));
            }
          },
        };
      });
      return await use({ source: 'sqlite', migrations, tables });
    } finally {
      copy.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function withPostgresSnapshot<T>(
  url: string,
  use: (snapshot: Snapshot) => Promise<T>,
): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const names = (
      await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
      )
    ).rows.map((r) => r.name);
    if (!names.includes('kysely_migration')) return undefined;
    const migrations = (
      await client.query<{ name: string }>('select name from kysely_migration order by name')
    ).rows.map((r) => r.name);
    const data = names.filter((n) => !BOOKKEEPING.test(n));
    const fks = await client.query<{ child: string; parent: string }>(
      `select child.relname as child, parent.relname as parent
         from pg_constraint c
         join pg_class child on child.oid = c.conrelid
         join pg_class parent on parent.oid = c.confrelid
         join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = current_schema()`,
    );
    const parents = new Map<string, string[]>(data.map((n) => [n, []]));
    for (const { child, parent } of fks.rows) parents.get(child)?.push(parent);
    const columnRows = await client.query<{ table: string; column: string; type: string }>(
      `select table_name as table, column_name as column, data_type as type
         from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`,
    );
    const tables = parentsFirst(data, parents).map((name): SnapshotTable => {
      const described = columnRows.rows.filter((c) => c.table === name);
      const columns = described.map((c) => c.column);
      const integers = described.map((c) => /int/.test(c.type));
      return {
        name,
        columns,
        async *rows() {
          await client.query(
            `declare backup_rows no scroll cursor for select ${columns.map(quote).join(', ')} from ${quote(name)}`,
          );
          try {
            for (;;) {
              const batch = await client.query<unknown[]>({
                text: 'fetch 1000 from backup_rows',
                rowMode: 'array',
              });
              if (batch.rows.length === 0) break;
              for (const row of batch.rows) {
                yield row.map((value, i) =>
                  integers[i] && typeof value === 'string'
                    ? portable(BigInt(value), false)
                    : portable(value, false),
                );
              }
            }
          } finally {
            await client.query('close backup_rows');
          }
        },
      };
    });
    const result = await use({ source: 'postgres', migrations, tables });
    await client.query('commit');
    return result;
  } finally {
    await client.end();
  }
}

function portable(value: unknown, boolean: boolean): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const number = Number(value);
    if (boolean) return value !== 0n;
    return Number.isSafeInteger(number) ? number : value.toString();
  }
  if (boolean && typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // The schema has no binary or JSON-typed column; meeting one means this module needs extending.
  throw new Error(`backup: a value of type ${typeof value} cannot be written portably`);
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
function parentsFirst(names: readonly string[], parents: ReadonlyMap<string, readonly string[]>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? [])
      if (parent !== name && names.includes(parent)) visit(parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return ordered;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

// Restore

class Damaged extends Error {}

/** Restores the backup at `fromPath` into the (empty) store at `storeUrl`. */
export async function restoreBackup(storeUrl: string | undefined, fromPath: string): Promise<RestoreOutcome> {
  if (!existsSync(fromPath)) return { ok: false, kind: 'no-file' };
  const target = parseStoreUrl(storeUrl);
  const created = target.dialect === 'sqlite' && !existsSync(target.path);
  const outcome = await restoreInto(storeUrl, fromPath);
  // A refused restore leaves no trace: a SQLite file it had to create goes again.
  if (!outcome.ok && created && target.dialect === 'sqlite')
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.path}${suffix}`, { force: true });
  return outcome;
}

async function restoreInto(storeUrl: string | undefined, fromPath: string): Promise<RestoreOutcome> {
  const lines = createInterface({
    input: createReadStream(fromPath, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    const header = first.done ? undefined : parseHeader(first.value);
    if (header === undefined)
      return { ok: false, kind: 'damaged', problem: 'it does not start with a Scrutin backup header' };
    const known = Object.keys(MIGRATIONS).sort();
    if (header.migrations.some((name, i) => known[i] !== name))
      return {
        ok: false,
        kind: 'unknown-migrations',
        migrations: header.migrations.filter((n) => !known.includes(n)),
      };

    const store = await openRaw(storeUrl);
    try {
      const busy = await nonEmptyTables(store);
      if (busy.length > 0) return { ok: false, kind: 'not-empty', tables: busy };
      const applied = await appliedMigrations(store);
      if (applied.some((name, i) => header.migrations[i] !== name))
        return { ok: false, kind: 'target-newer' };
      const last = header.migrations.at(-1);
      if (last !== undefined) await migrate(store, last);

      const hash = createHash('sha256').update(`${first.value}\n`);
      const tables: Record<string, number> = {};
      try {
        await store.write(() =>
          store.db.transaction().execute(async (trx) => {
            if (store.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
            // Checked again inside the transaction: nothing may have arrived since.
            const arrived = await nonEmptyTables(store, trx);
            if (arrived.length > 0)
              throw new Damaged(`the target store received rows meanwhile (${arrived.join(', ')})`);
            const targetTables = new Set(await tableNames(store, trx));
            let table: { name: string; columns: string[]; booleans: boolean[] } | undefined;
            let pending: Value[][] = [];
            const flush = async () => {
              if (table === undefined || pending.length === 0) return;
              const { name, columns } = table;
              const objects = pending.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
              await trx.insertInto(name).values(objects).execute();
              pending = [];
            };
            for (;;) {
              const next = await iterator.next();
              if (next.done) throw new Damaged('it is incomplete (no end line): was it cut short?');
              const line = next.value;
              if (line.startsWith('[')) {
                if (table === undefined) throw new Damaged('a row comes before any table');
                hash.update(`${line}\n`);
                const row = JSON.parse(line) as Value[];
                if (!Array.isArray(row) || row.length !== table.columns.length)
                  throw new Damaged(`a row of ${table.name} has the wrong number of values`);
                pending.push(row.map((v, i) => restorable(v, table!.booleans[i]!, store.dialect)));
                tables[table.name] = (tables[table.name] ?? 0) + 1;
                if (pending.length * table.columns.length >= 5000) await flush();
                continue;
              }
              const marker = JSON.parse(line) as {
                table?: string;
                columns?: string[];
                end?: { rows: number; sha256: string };
              };
              if (marker.end !== undefined) {
                await flush();
                const rows = Object.values(tables).reduce((a, b) => a + b, 0);
                if (marker.end.sha256 !== hash.digest('hex') || marker.end.rows !== rows)
                  throw new Damaged('its checksum does not match its content: it was altered or damaged');
                break;
              }
              hash.update(`${line}\n`);
              await flush();
              if (typeof marker.table !== 'string' || !Array.isArray(marker.columns))
                throw new Damaged('a line is neither a table, a row nor the end');
              if (!targetTables.has(marker.table) || BOOKKEEPING.test(marker.table))
                throw new Damaged(`table ${marker.table} does not exist in this version's schema`);
              const targetColumns = await columnTypes(store, trx, marker.table);
              const expected = [...targetColumns.keys()].sort().join(',');
              if ([...marker.columns].sort().join(',') !== expected)
                throw new Damaged(`the columns of ${marker.table} differ from this schema's`);
              table = {
                name: marker.table,
                columns: marker.columns,
                booleans: marker.columns.map((c) => targetColumns.get(c)!.includes('bool')),
              };
              tables[table.name] = 0;
            }
          }),
        );
      } catch (error) {
        if (error instanceof Damaged) return { ok: false, kind: 'damaged', problem: error.message };
        if (error instanceof SyntaxError)
          return { ok: false, kind: 'damaged', problem: 'a line is not valid JSON' };
        throw error;
      }
      const migratedAfter = await migrate(store);
      const bytes = statSync(fromPath).size;
      return {
        ok: true,
        summary: { source: header.source, migrations: header.migrations, tables, bytes },
        migratedAfter,
      };
    } finally {
      await store.close();
    }
  } finally {
    lines.close();
  }
}

function parseHeader(line: string): Header | undefined {
  try {
    const header = JSON.parse(line) as Partial<Header>;
    if (header.format !== BACKUP_FORMAT) return undefined;
    if (header.source !== 'sqlite' && header.source !== 'postgres') return undefined;
    if (!Array.isArray(header.migrations) || !header.migrations.every((m) => typeof m === 'string'))
      return undefined;
    return header as Header;
  } catch {
    return undefined;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see RawStore.db
async function columnTypes(store: RawStore, db: Kysely<any>, table: string): Promise<Map<string, string>> {
  if (store.dialect === 'sqlite') {
    const { rows } = await sql<{
      name: string;
      type: string;
    }>`select name, type from pragma_table_info(${table})`.execute(db);
    return new Map(rows.map((r) => [r.name, r.type.toLowerCase()]));
  }
  const { rows } = await sql<{ name: string; type: string }>`
    select column_name as name, data_type as type from information_schema.columns
     where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return new Map(rows.map((r) => [r.name, r.type.toLowerCase()]));
}

function restorable(value: Value, boolean: boolean, dialect: 'sqlite' | 'postgres'): Value {
  if (boolean && typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  return value;
}
