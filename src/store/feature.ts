/**
 * What a feature's store folder contributes to the store: its migrations (by id; the ids sort in the
 * order they run, across every feature) and, as a type only, the tables they create. The folder
 * declares it beside its tables (e.g. `delivery/tables.ts`); `features.ts` lists every feature once,
 * and the migrations and the `Database` type (schema.ts) are read from that one list.
 */
import type { Migration } from 'kysely';

export interface StoreFeature<Tables extends object> {
  /** For messages and tests. */
  readonly name: string;
  /** Released migrations are history: never edit or rename one, append a new one. */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** Never set: carries the feature's tables to `TablesOf`, for the `Database` type. */
  readonly tables?: Tables;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The tables of every feature in a list, as one object type. */
export type TablesOf<Features extends readonly StoreFeature<object>[]> = UnionToIntersection<
  Features[number] extends infer F ? (F extends StoreFeature<infer T> ? T : never) : never
>;
