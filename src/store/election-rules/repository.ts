/**
 * The election_rules table (migration 0008_election_rules) and its queries: an election's own rules
 * (issue 17: list questions with their candidates and seat rule, quorums and majorities, tie-break
 * steps) as the exact JSON text whose SHA-256 is their sealed hash, when they were sealed (at the
 * opening, in its transaction), and the recorded settlements of undecided seats. One row per
 * election; the domain refuses every change once `sealed_at` is set.
 */
import { Type } from '@sinclair/typebox';
import {
  type ElectionRulesJson,
  ElectionRulesSchema,
  type Settlement,
  SettlementSchema,
} from '../../contract/election-rules.js';
import type { Connection } from '../connection.js';
import { decodeStored } from '../decode.js';
import type { ElectionRulesTable } from './tables.js';

export type {
  CandidateListJson,
  ElectionRulesJson,
  ListRuleJson,
  QuestionOutcomeJson,
  QuestionRuleJson,
  RulesAnswer,
  SeatOutcome,
  Settlement,
} from '../../contract/election-rules.js';

export interface ElectionRulesRow {
  electionId: string;
  /** The exact bytes hashed into `rulesHash`, and what they decode to. */
  rulesJson: string;
  rules: ElectionRulesJson;
  rulesHash: string;
  sealedAt: string | null;
  settlements: readonly Settlement[];
  updatedAt: string;
}

const SettlementsSchema = Type.Array(SettlementSchema);

export interface ElectionRulesRepository {
  get(electionId: string): Promise<ElectionRulesRow | undefined>;
  /** Inserts or replaces the election's row. */
  save(row: ElectionRulesRow): Promise<void>;
}

const fromTable = (r: ElectionRulesTable): ElectionRulesRow => ({
  electionId: r.election_id,
  rulesJson: r.rules_json,
  rules: decodeStored(ElectionRulesSchema, 'election_rules.rules_json', r.rules_json),
  rulesHash: r.rules_hash,
  sealedAt: r.sealed_at,
  settlements: decodeStored(SettlementsSchema, 'election_rules.settlements_json', r.settlements_json),
  updatedAt: r.updated_at,
});

export class KyselyElectionRules implements ElectionRulesRepository {
  constructor(private readonly c: Connection) {}

  async get(electionId: string): Promise<ElectionRulesRow | undefined> {
    const row = await this.c.db
      .selectFrom('election_rules')
      .selectAll()
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    return row && fromTable(row);
  }

  async save(row: ElectionRulesRow): Promise<void> {
    const values = {
      election_id: row.electionId,
      rules_json: row.rulesJson,
      rules_hash: row.rulesHash,
      sealed_at: row.sealedAt,
      settlements_json: JSON.stringify(row.settlements),
      updated_at: row.updatedAt,
    };
    const { election_id: _, ...update } = values;
    await this.c.write((db) =>
      db
        .insertInto('election_rules')
        .values(values)
        .onConflict((oc) => oc.column('election_id').doUpdateSet(update))
        .execute(),
    );
  }
}
