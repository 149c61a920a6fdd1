/**
 * A PostgreSQL schema of its own for one test file, as src/store/store.test.ts isolates itself:
 * created empty, reached by every connection through libpq `options` (`-c search_path=…`) carried
 * in the store URL — so a server process given that URL as DATABASE_URL lands in it too — and
 * dropped at the end. Tests skip with a warning when no server answers, except on CI, where
 * PostgreSQL is provisioned and its absence is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultUser } from '../../src/store/open-store.js';

export const PG_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL!
  : 'postgres://127.0.0.1:5432/test';

export async function pgQuery(statement: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: withDefaultUser(PG_URL), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used (undefined when it can); throws on CI instead of skipping. */
export async function pgProblem(): Promise<string | undefined> {
  let problem: string | undefined;
  try {
    await pgQuery('select 1');
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem !== undefined) {
    if (process.env.CI) throw new Error(`PostgreSQL unreachable at ${PG_URL} on CI: ${problem}`);
    console.warn(`\n*** PostgreSQL tests SKIPPED: ${PG_URL} unreachable (${problem}) ***\n`);
  }
  return problem;
}

/** The store URL whose connections all use `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

export interface TestSchema {
  readonly schema: string;
  /** The store URL (DATABASE_URL) for this schema. */
  readonly url: string;
  /** Drops the schema and everything in it; call after every store on it is closed. */
  drop(): Promise<void>;
}

export async function freshSchema(prefix: string): Promise<TestSchema> {
  const schema = `scrutin_${prefix}_${randomBytes(6).toString('hex')}`;
  await pgQuery(`create schema ${schema}`);
  return {
    schema,
    url: withSearchPath(PG_URL, schema),
    drop: async () => void (await pgQuery(`drop schema if exists ${schema} cascade`)),
  };
}
