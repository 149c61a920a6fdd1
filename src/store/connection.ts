/**
 * What a repository needs of the store it belongs to: where reads go (the pool or file, or the open
 * transaction of a `store.transaction` view), how a write is queued (SQLite's write gate; a
 * savepoint inside a transaction), and how several statements run atomically. `KyselyStore` builds
 * one per store and per transaction view, and every repository of that store or view shares it, so
 * the repositories of a `transaction(fn)` view all run in the same database transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface Connection {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where reads go; read at each query (a transaction view refuses use after it ended). */
  readonly db: Kysely<Database>;
  /** Whether this connection is a `store.transaction` view. */
  readonly inTransaction: boolean;
  /** One write (one statement, or a transaction of its own): queued behind same-file writers, violations named. */
  write<T>(task: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Several statements atomically: a transaction of their own, or a savepoint inside a view. */
  atomically<T>(task: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** SQLite: turns `secure_delete` on before a write that may erase a secret (see kysely-store.ts). */
  secureDelete(): Promise<void>;
}
