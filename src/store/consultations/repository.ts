/**
 * The congress tables (migration 0003_congress) and their queries: consultations (a named group of
 * ballot boxes on the same questions and calendar, one organisation, one round) and their boxes.
 * An online box is an ordinary election (its roll, trustees, board and result live in the election
 * tables); a paper box holds the totals entered by a named person and the attached report's name,
 * SHA-256 and (when small) bytes. Invariants are constraints: a box belongs to one consultation and
 * an election to at most one box; an annulled box is replaced at most once; a consultation has at
 * most one next round (two processes preparing it race on that key, the loser reads the winner's).
 */
import type { Selectable } from 'kysely';
import {
  type BoxId,
  boxId,
  type ConsultationId,
  consultationId,
  type ElectionId,
  electionId,
  type OrganisationId,
  organisationId,
} from '../../core/ids.js';
import type { Connection } from '../connection.js';
import type { ConsultationBoxesTable, ConsultationsTable } from './tables.js';

export interface ConsultationRow {
  id: ConsultationId;
  organisationId: OrganisationId;
  name: string;
  description: string;
  round: number;
  templateJson: string;
  ruleJson: string | null;
  previousId: ConsultationId | null;
  createdBy: string;
  createdAt: string;
}

export interface BoxRow {
  id: BoxId;
  consultationId: ConsultationId;
  position: number;
  label: string;
  channel: 'online' | 'paper';
  /** The election of an online box: an id apart from the box's own. */
  electionId: ElectionId | null;
  replacesId: BoxId | null;
  annulReason: string | null;
  annulledAt: string | null;
  annulledBy: string | null;
  paperJson: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  reportName: string | null;
  reportSha256: string | null;
  reportBase64: string | null;
  createdAt: string;
}

const fromConsultation = (r: Selectable<ConsultationsTable>): ConsultationRow => ({
  id: consultationId(r.id),
  organisationId: organisationId(r.organisation_id),
  name: r.name,
  description: r.description,
  round: Number(r.round),
  templateJson: r.template_json,
  ruleJson: r.rule_json,
  previousId: r.previous_id === null ? null : consultationId(r.previous_id),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const fromBox = (r: Selectable<ConsultationBoxesTable>): BoxRow => ({
  id: boxId(r.id),
  consultationId: consultationId(r.consultation_id),
  position: Number(r.position),
  label: r.label,
  channel: r.channel as BoxRow['channel'],
  electionId: r.election_id === null ? null : electionId(r.election_id),
  replacesId: r.replaces_id === null ? null : boxId(r.replaces_id),
  annulReason: r.annul_reason,
  annulledAt: r.annulled_at,
  annulledBy: r.annulled_by,
  paperJson: r.paper_json,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  reportName: r.report_name,
  reportSha256: r.report_sha256,
  reportBase64: r.report_base64,
  createdAt: r.created_at,
});

const toBox = (r: BoxRow): ConsultationBoxesTable => ({
  id: r.id,
  consultation_id: r.consultationId,
  position: r.position,
  label: r.label,
  channel: r.channel,
  election_id: r.electionId,
  replaces_id: r.replacesId,
  annul_reason: r.annulReason,
  annulled_at: r.annulledAt,
  annulled_by: r.annulledBy,
  paper_json: r.paperJson,
  entered_by: r.enteredBy,
  entered_at: r.enteredAt,
  report_name: r.reportName,
  report_sha256: r.reportSha256,
  report_base64: r.reportBase64,
  created_at: r.createdAt,
});

export interface ConsultationsRepository {
  /** Inserts the consultation and its first boxes atomically. */
  create(row: ConsultationRow, boxes: readonly BoxRow[]): Promise<void>;
  get(id: ConsultationId): Promise<ConsultationRow | undefined>;
  list(organisationId: OrganisationId): Promise<ConsultationRow[]>;
  /** The next round of a consultation, if prepared. */
  next(id: ConsultationId): Promise<ConsultationRow | undefined>;
  boxes(consultationId: ConsultationId): Promise<BoxRow[]>;
  boxOfElection(electionId: ElectionId): Promise<BoxRow | undefined>;
  /** Adds a box at the next position (a re-run or a paper box); the position key settles races. */
  addBox(box: Omit<BoxRow, 'position'>): Promise<BoxRow>;
  /** Records an annulment once: false if the box was already annulled (one conditional UPDATE). */
  annulBox(id: BoxId, annulment: { reason: string; at: string; by: string }): Promise<boolean>;
  /** Replaces the template (its consultation-wide settings change; the boxes already made keep theirs). */
  updateTemplate(id: ConsultationId, templateJson: string): Promise<void>;
}

/** Queries over the store's connection: reads where it reads, writes through its write queue and transactions. */
export class KyselyConsultations implements ConsultationsRepository {
  constructor(private readonly c: Connection) {}

  /** Inserts the consultation and its first boxes in one transaction. */
  async create(row: ConsultationRow, boxes: readonly BoxRow[]): Promise<void> {
    await this.c.atomically(async (trx) => {
      await trx
        .insertInto('consultations')
        .values({
          id: row.id,
          organisation_id: row.organisationId,
          name: row.name,
          description: row.description,
          round: row.round,
          template_json: row.templateJson,
          rule_json: row.ruleJson,
          previous_id: row.previousId,
          created_by: row.createdBy,
          created_at: row.createdAt,
        })
        .execute();
      for (const box of boxes) await trx.insertInto('consultation_boxes').values(toBox(box)).execute();
    });
  }

  async get(id: ConsultationId): Promise<ConsultationRow | undefined> {
    const row = await this.c.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && fromConsultation(row);
  }

  async list(organisationId: OrganisationId): Promise<ConsultationRow[]> {
    const rows = await this.c.db
      .selectFrom('consultations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fromConsultation);
  }

  async next(id: ConsultationId): Promise<ConsultationRow | undefined> {
    const row = await this.c.db
      .selectFrom('consultations')
      .selectAll()
      .where('previous_id', '=', id)
      .executeTakeFirst();
    return row && fromConsultation(row);
  }

  async boxes(consultationId: ConsultationId): Promise<BoxRow[]> {
    const rows = await this.c.db
      .selectFrom('consultation_boxes')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .orderBy('position')
      .execute();
    return rows.map(fromBox);
  }

  async boxOfElection(electionId: ElectionId): Promise<BoxRow | undefined> {
    const row = await this.c.db
      .selectFrom('consultation_boxes')
      .selectAll()
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    return row && fromBox(row);
  }

  /** Adds a box at the next position (a re-run or a paper box); the position key settles races. */
  async addBox(box: Omit<BoxRow, 'position'>): Promise<BoxRow> {
    return this.c.atomically(async (trx) => {
      const last = await trx
        .selectFrom('consultation_boxes')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('consultation_id', '=', box.consultationId)
        .executeTakeFirst();
      const row: BoxRow = {
        ...box,
        position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
      };
      await trx.insertInto('consultation_boxes').values(toBox(row)).execute();
      return row;
    });
  }

  /** Records an annulment once: false if the box was already annulled (nothing changed). */
  async annulBox(id: BoxId, annulment: { reason: string; at: string; by: string }): Promise<boolean> {
    const result = await this.c.write((db) =>
      db
        .updateTable('consultation_boxes')
        .set({ annul_reason: annulment.reason, annulled_at: annulment.at, annulled_by: annulment.by })
        .where('id', '=', id)
        .where('annul_reason', 'is', null)
        .executeTakeFirst(),
    );
    return result.numUpdatedRows > 0n;
  }

  async updateTemplate(id: ConsultationId, templateJson: string): Promise<void> {
    await this.c.write((db) =>
      db.updateTable('consultations').set({ template_json: templateJson }).where('id', '=', id).execute(),
    );
  }
}
