/**
 * SQLite through better-sqlite3, tuned for a ballot box. WAL lets readers run beside the writer;
 * `synchronous = FULL` fsyncs the WAL at every commit, so an acknowledged ballot survives kill -9 or a
 * power cut; foreign keys are off by default in SQLite and turned on; `busy_timeout` makes a
 * connection wait for another process's write lock instead of failing.
 *
 * Two departures from Kysely's stock dialect. Transactions start with BEGIN IMMEDIATE: a deferred
 * transaction that reads first and writes later fails with SQLITE_BUSY (not waits) if another
 * connection committed in between, which is exactly the read-head-then-append shape of our writes.
 * And DDL is declared transactional, so a migration applies whole or not at all, and two processes
 * migrating one file take turns.
 *
 * better-sqlite3 is synchronous: its busy wait blocks the event loop, so two connections to one file
 * in one process would deadlock if one waited while the other's transaction sat between statements.
 * `writeGate` therefore queues the writes of same-process connections to the same file. This is for
 * liveness only — which write wins is still decided by SQLite's lock and the table constraints.
 */
import { realpathSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

/** How long a connection waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class StoreSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase.Database;
  constructor(database: SqliteDatabase.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens (creating if needed) the database file, or an in-memory one for ':memory:'. */
export function openSqliteDatabase(path: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(path);
  try {
    // busy_timeout first: switching to WAL itself needs the lock another process may hold.
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/** Runs tasks one at a time, in call order. */
class Queue {
  #tail: Promise<unknown> = Promise.resolve();
  users = 0;
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const gates = new Map<string, Queue>();

export interface WriteGate {
  run<T>(task: () => Promise<T>): Promise<T>;
  release(): void;
}

/** The write queue shared by this process's connections to `database`'s file. */
export function writeGate(database: SqliteDatabase.Database): WriteGate {
  // In-memory databases are private to their connection: nothing to share.
  const key = database.memory ? undefined : realpathSync(database.name);
  const queue = (key === undefined ? undefined : gates.get(key)) ?? new Queue();
  if (key !== undefined) gates.set(key, queue);
  queue.users += 1;
  let released = false;
  return {
    run: (task) => queue.run(task),
    release() {
      if (released) return;
      released = true;
      queue.users -= 1;
      if (key !== undefined && queue.users === 0) gates.delete(key);
    },
  };
}
