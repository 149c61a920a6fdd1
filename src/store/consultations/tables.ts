/**
 * The congress tables' schema fragment and migration 0003_congress, which creates them. The store's
 * `Database` type (schema.ts) is composed from it; it imports nothing back.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreFeature } from '../feature.js';

export interface ConsultationsTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  round: number;
  /** The questions/calendar template every box was created from (JSON). */
  template_json: string;
  /** Follow-up rule (JSON) or null for a final round. */
  rule_json: string | null;
  previous_id: string | null;
  created_by: string;
  created_at: string;
}

export interface ConsultationBoxesTable {
  id: string;
  consultation_id: string;
  position: number;
  label: string;
  channel: string;
  election_id: string | null;
  replaces_id: string | null;
  annul_reason: string | null;
  annulled_at: string | null;
  annulled_by: string | null;
  paper_json: string | null;
  entered_by: string | null;
  entered_at: string | null;
  report_name: string | null;
  report_sha256: string | null;
  /** Base64 of the report file when it is small enough to keep. */
  report_base64: string | null;
  created_at: string;
}

export const congressMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe past schemas, not the current `Database`.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('consultations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('template_json', 'text', (c) => c.notNull())
      .addColumn('rule_json', 'text')
      .addColumn('previous_id', 'text', (c) => c.references('consultations.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // One next round per consultation, whoever prepares it first.
      .addUniqueConstraint('consultations_previous_key', ['previous_id'])
      .execute();
    await db.schema
      .createIndex('consultations_organisation_idx')
      .on('consultations')
      .column('organisation_id')
      .execute();
    await db.schema
      .createTable('consultation_boxes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('election_id', 'text', (c) => c.references('elections.id'))
      .addColumn('replaces_id', 'text', (c) => c.references('consultation_boxes.id'))
      .addColumn('annul_reason', 'text')
      .addColumn('annulled_at', 'text')
      .addColumn('annulled_by', 'text')
      .addColumn('paper_json', 'text')
      .addColumn('entered_by', 'text')
      .addColumn('entered_at', 'text')
      .addColumn('report_name', 'text')
      .addColumn('report_sha256', 'text')
      .addColumn('report_base64', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('consultation_boxes_position_key', ['consultation_id', 'position'])
      .addUniqueConstraint('consultation_boxes_election_key', ['election_id'])
      .addUniqueConstraint('consultation_boxes_replaces_key', ['replaces_id'])
      .execute();
  },
};

export interface ConsultationTables {
  consultations: ConsultationsTable;
  consultation_boxes: ConsultationBoxesTable;
}

/** Consultations (congress) and their boxes. */
export const congressStore: StoreFeature<ConsultationTables> = {
  name: 'congress',
  migrations: { '0003_congress': congressMigration },
};
