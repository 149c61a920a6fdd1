/** The election_rules table's schema fragment (migration 0007_election_rules); schema.ts composes it. */

export interface ElectionRulesTable {
  election_id: string;
  rules_json: string;
  rules_hash: string;
  sealed_at: string | null;
  /** JSON array of settlements of undecided seats (contract/election-rules.ts), '[]' when none. */
  settlements_json: string;
  updated_at: string;
}
