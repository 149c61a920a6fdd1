/**
 * The congress tables' schema fragment (migration 0003_congress in store.ts creates
 * them). The store's `Database` type (schema.ts) is composed from it; it imports nothing back.
 */

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
