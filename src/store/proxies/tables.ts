/**
 * The proxies tables (migration 0010_proxies) as a store feature (issue 17): each election's cap of
 * mandates per holder, and every proxy a voter gave to another voter of the same election, with its
 * state. Voters are named by id without a foreign key: a roll edit in draft that removes a voter is
 * the roll's business, and the domain reads a proxy of a removed voter as void. A live proxy (requested or accepted) is unique per giver, which the index holds whatever the
 * domain's checks let through.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreFeature } from '../feature.js';

export interface ProxySettingsTable {
  election_id: string;
  /** How many mandates one holder may accept; 0: no proxies in this election. */
  max_per_holder: number;
  updated_at: string;
}

export interface ProxiesTable {
  id: string;
  election_id: string;
  giver_id: string;
  holder_id: string;
  /** 'requested' (by the giver) → 'accepted' or 'declined' (by the holder); 'revoked' by either; 'lapsed' at opening. */
  state: string;
  created_at: string;
  decided_at: string | null;
  /** 'giver' or 'holder' once revoked. */
  revoked_by: string | null;
  revoked_at: string | null;
}

export const proxiesMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('proxy_settings')
      .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
      .addColumn('max_per_holder', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('proxies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('giver_id', 'text', (c) => c.notNull())
      .addColumn('holder_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('revoked_by', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('proxies_by_election').on('proxies').columns(['election_id']).execute();
    await db.schema
      .createIndex('proxies_live_giver')
      .on('proxies')
      .columns(['election_id', 'giver_id'])
      .unique()
      .where(sql<boolean>`state in ('requested', 'accepted')`)
      .execute();
  },
};

export interface ProxiesTables {
  proxy_settings: ProxySettingsTable;
  proxies: ProxiesTable;
}

/** Proxies given by voters to other voters of the same election, and each election's cap (issue 17). */
export const proxiesStore: StoreFeature<ProxiesTables> = {
  name: 'proxies',
  migrations: { '0010_proxies': proxiesMigration },
};
