/**
 * The `Store` over Kysely, one class for SQLite and PostgreSQL: the dialects differ only in how they
 * are opened (open-store.ts), never in the queries. The store is a set of repositories (one per
 * sub-folder: accounts, elections, voters, board, audit, delivery, consultations, recovery) over one
 * `Connection`: where reads go, the write queue, and how several statements run atomically.
 * Concurrency is settled by the database: the board's keys refuse the loser of an append race, which
 * gets a conflict value and leaves nothing behind (board/queries.ts).
 *
 * `transaction(fn)` (Belenios' `with_transaction`) hands `fn` a view of this store whose repositories
 * share one `Connection` bound to one database transaction, so that an administrative change and its
 * audit entry commit together or not at all. See `TransactionScope` below for how the view nests writes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Kysely, sql, type Transaction } from 'kysely';
import { KyselyAccounts } from './accounts/repository.js';
import { KyselyAudit } from './audit/repository.js';
import { KyselyBoard } from './board/repository.js';
import type { Connection } from './connection.js';
import { KyselyConsultations } from './consultations/repository.js';
import { KyselyDelivery } from './delivery/repository.js';
import { KyselyElectionRules } from './election-rules/repository.js';
import { KyselyElections, KyselyTrustees } from './elections/repository.js';
import { asUniqueViolation } from './errors.js';
import { pendingMigrations } from './migrations.js';
import { KyselyProxies } from './proxies/repository.js';
import { KyselyRecovery } from './recovery/repository.js';
import type { Database } from './schema.js';
import type { WriteGate } from './sqlite-dialect.js';
import type { Store } from './store.js';
import { KyselyVoters } from './voters/repository.js';

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** Queues this process's writes to one SQLite file (see sqlite-dialect.ts); absent on PostgreSQL. */
  gate?: WriteGate;
}

/**
 * One open transaction and the view of the store bound to it. Inside, every write runs in a
 * savepoint, one at a time: a write that fails (a unique key lost to another writer, which callers
 * such as `audit.append`, `delivery.enqueue` or `trustees.swap` catch and retry or answer with a value)
 * then undoes only itself and leaves the transaction usable — PostgreSQL would otherwise refuse every
 * later statement of an aborted transaction, and SQLite would keep half of a multi-statement write.
 * Writes are queued because savepoints nest by name: two interleaved ones would release each other.
 */
class TransactionScope {
  active = true;
  #savepoints = 0;
  #tail: Promise<unknown> = Promise.resolve();
  constructor(
    readonly trx: Transaction<Database>,
    readonly owner: KyselyStore,
  ) {}

  write<T>(task: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const run = async () => {
      if (!this.active) throw new Error('store.transaction: this transaction has already ended');
      const name = sql.raw(`scrutin_${++this.#savepoints}`);
      await sql`savepoint ${name}`.execute(this.trx);
      try {
        const result = await task(this.trx);
        await sql`release savepoint ${name}`.execute(this.trx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${name}`.execute(this.trx);
        await sql`release savepoint ${name}`.execute(this.trx);
        throw error;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished. */
  settled(): Promise<unknown> {
    return this.#tail;
  }
}

/**
 * The transaction scope the current async context runs in, if any. The root store refuses to be used
 * from inside its own scope: on SQLite that would wait forever (the scope holds the write queue and
 * the one connection), and on PostgreSQL it would escape the transaction. A clear error beats both.
 */
const currentScope = new AsyncLocalStorage<TransactionScope>();

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly #root: Kysely<Database>;
  readonly #gate: WriteGate | undefined;
  /** Set on a transaction's view (see `transaction`); undefined on the store itself. */
  readonly #scope: TransactionScope | undefined;
  #closed = false;

  readonly accounts: KyselyAccounts;
  readonly elections: KyselyElections;
  readonly trustees: KyselyTrustees;
  readonly voters: KyselyVoters;
  readonly board: KyselyBoard;
  readonly audit: KyselyAudit;
  readonly delivery: KyselyDelivery;
  readonly consultations: KyselyConsultations;
  readonly recovery: KyselyRecovery;
  readonly electionRules: KyselyElectionRules;
  readonly proxies: KyselyProxies;

  constructor(options: KyselyStoreOptions, scope?: TransactionScope) {
    this.dialect = options.dialect;
    this.#root = options.db;
    this.#gate = options.gate;
    this.#scope = scope;
    const store = this;
    const connection: Connection = {
      dialect: this.dialect,
      get db() {
        return store.#db;
      },
      inTransaction: scope !== undefined,
      write: (task) => this.#write(task),
      atomically: (task) => this.#transaction(task),
      secureDelete: () => this.#secureDelete(),
    };
    this.accounts = new KyselyAccounts(connection);
    this.elections = new KyselyElections(connection);
    this.trustees = new KyselyTrustees(connection);
    this.voters = new KyselyVoters(connection);
    this.board = new KyselyBoard(connection);
    this.audit = new KyselyAudit(connection);
    this.delivery = new KyselyDelivery(connection);
    this.consultations = new KyselyConsultations(connection);
    this.recovery = new KyselyRecovery(connection);
    this.electionRules = new KyselyElectionRules(connection);
    this.proxies = new KyselyProxies(connection);
  }

  /** The connection this store's queries go to: the scope's transaction, or the pool / the file. */
  get #db(): Kysely<Database> {
    if (this.#scope !== undefined) {
      if (!this.#scope.active) throw new Error('store.transaction: this transaction has already ended');
      return this.#scope.trx;
    }
    const scope = currentScope.getStore();
    if (scope?.active && scope.owner === this)
      throw new Error(
        'store used directly inside its own store.transaction scope: use the transaction view (tx) instead',
      );
    return this.#root;
  }

  /**
   * Runs `fn` with a view of this store whose reads and writes all go through one transaction,
   * committed when `fn` resolves and rolled back when it throws; nested calls on the view join it.
   * On SQLite the scope holds this process's write queue throughout (writes of the view do not queue
   * again) and BEGIN IMMEDIATE takes the file's write lock at once; on PostgreSQL it is one pooled
   * connection at read committed, so version checks (`elections.update`) still see concurrent commits.
   * Keep scopes short and free of network calls: they hold the lock.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#scope !== undefined) return fn(this);
    // Set outside the scope: a pragma does not belong in the transaction (see #secureDelete).
    await this.#secureDelete();
    return this.#write((db) =>
      db.transaction().execute(async (trx) => {
        const scope = new TransactionScope(trx, this);
        const view = new KyselyStore({ db: this.#root, dialect: this.dialect }, scope);
        try {
          return await currentScope.run(scope, () => fn(view));
        } finally {
          // Writes of the view left unawaited finish inside the transaction, not after it; any use of
          // the view from now on is refused.
          await scope.settled();
          scope.active = false;
        }
      }),
    );
  }

  async close(): Promise<void> {
    if (this.#scope !== undefined) throw new Error('store.transaction: close the store, not its view');
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#root.destroy();
    } finally {
      this.#gate?.release();
    }
  }

  /** A write (one statement or a transaction): queued behind same-file writers, violations named. */
  async #write<T>(task: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      if (this.#scope !== undefined) return await this.#scope.write(task);
      // Read before queueing: inside its own scope, the store must refuse rather than wait on itself.
      const db = this.#db;
      const run = () => task(db);
      return await (this.#gate === undefined ? run() : this.#gate.run(run));
    } catch (error) {
      throw asUniqueViolation(error) ?? error;
    }
  }

  /** Several statements atomically: a transaction of their own, or a savepoint inside a scope. */
  #transaction<T>(task: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.#scope !== undefined) return this.#write((db) => task(db as Transaction<Database>));
    return this.#write((db) => db.transaction().execute(task));
  }

  /**
   * SQLite leaves the bytes of erased or moved values in free space unless `secure_delete` is on:
   * on, erasing a message body (or a page split moving it) overwrites them. Set before any delivery
   * write, since a body's bytes can be copied as soon as it is inserted. (One connection per store,
   * so setting it once holds.)
   */
  #secureDeleteOn = false;
  async #secureDelete(): Promise<void> {
    // A transaction's view needs none: its store set the pragma before opening the scope.
    if (this.dialect !== 'sqlite' || this.#secureDeleteOn || this.#scope !== undefined) return;
    await this.#write((db) => sql`pragma secure_delete = on`.execute(db));
    this.#secureDeleteOn = true;
  }

  async pendingMigrations(): Promise<string[]> {
    if (this.dialect === 'sqlite') return pendingMigrations(this.#db);
    // As at opening (open-store.ts): Kysely's bookkeeping lives in the connection's current schema.
    const { rows: found } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
      this.#db,
    );
    return pendingMigrations(this.#db, found[0]?.schema ?? undefined);
  }
}
