/**
 * The election_rules table (migration 0008_election_rules) as a store feature: an election's own
 * rules (issue 17), their sealed hash and seal, and the settlements of undecided seats.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreFeature } from '../feature.js';

export interface ElectionRulesTable {
  election_id: string;
  rules_json: string;
  rules_hash: string;
  sealed_at: string | null;
  /** JSON array of settlements of undecided seats (contract/election-rules.ts), '[]' when none. */
  settlements_json: string;
  updated_at: string;
}

export const electionRulesMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('election_rules')
      .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
      .addColumn('rules_json', 'text', (c) => c.notNull())
      .addColumn('rules_hash', 'text', (c) => c.notNull())
      .addColumn('sealed_at', 'text')
      .addColumn('settlements_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export interface ElectionRulesTables {
  election_rules: ElectionRulesTable;
}

/** Each election's own rules, sealed at opening (lists and seats, quorums, majorities). */
export const electionRulesStore: StoreFeature<ElectionRulesTables> = {
  name: 'election-rules',
  migrations: { '0008_election_rules': electionRulesMigration },
};
