/**
 * The schema as code: an ordered list of migrations run by Kysely's Migrator from memory (no
 * migration folder to ship), one list for SQLite and PostgreSQL. Only types both accept are used
 * (text, integer, bigint, boolean), and the invariants live in constraints, not in application code:
 * a board height or event hash is taken once per election, a tracker is cast once, a login and a
 * public credential belong to one voter, an email to one account, an audit sequence number to one
 * entry per organisation. Constraint names are explicit because `errors.ts` maps violations by name.
 *
 * A released migration is history: never edit one, append a new one. Each feature declares its
 * migrations in its own folder (`StoreFeature`, feature.ts); `features.ts` lists the features once,
 * in the order their migrations run.
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { STORE_FEATURES } from './features.js';

/**
 * Every migration, keyed so that the string sort Kysely applies is the intended order: the features'
 * migrations in the order of `STORE_FEATURES`, which must agree with the sort of their ids.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = collectMigrations(STORE_FEATURES);

/** The migrations of a list of features; refuses a repeated id, or ids whose sort differs from the list. */
export function collectMigrations(
  features: readonly { readonly name: string; readonly migrations: Readonly<Record<string, Migration>> }[],
): Readonly<Record<string, Migration>> {
  const entries = features.flatMap((feature) => Object.entries(feature.migrations));
  const ids = entries.map(([id]) => id);
  if (new Set(ids).size !== ids.length)
    throw new Error(`a migration id is declared twice: ${ids.join(', ')}`);
  const sorted = [...ids].sort();
  if (sorted.join() !== ids.join())
    throw new Error(
      `migration ids must sort in the order of the features that declare them: ${ids.join(', ')}`,
    );
  return Object.fromEntries(entries);
}

/**
 * Brings the schema up to date and returns the names applied. `migrationTableSchema` pins Kysely's
 * bookkeeping tables to the connection's current schema on PostgreSQL: otherwise its introspection
 * finds a `kysely_migration` table in any schema of the database and skips creating ours.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, migrationTableSchema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const outcome: MigrationResultSet = await migrator.migrateToLatest();
  if (outcome.error !== undefined) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? 'migrator';
    throw new Error(`migration ${failed} failed: ${String(outcome.error)}`, { cause: outcome.error });
  }
  return (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrations this code knows and the store has not applied (empty when the schema is current),
 * without applying any: for /readyz and `scrutin doctor`. Reading Kysely's bookkeeping table also
 * proves the store answers.
 */
export async function pendingMigrations<DB>(
  db: Kysely<DB>,
  migrationTableSchema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const known = await migrator.getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
