/**
 * Consultations over HTTP (issue #6): create a consultation of several ballot boxes, import its
 * voters from one CSV with a federation column, move its boxes together, annul a box, re-run it
 * online or enter a paper box, and read the consolidated result as JSON, CSV, JSON export and a
 * printable procès-verbal (server-rendered, no script).
 *
 * Roles: the organisation's admins manage a consultation; election admins and scrutineers of any of
 * its boxes read the provisional figures (each box itself is managed through the election routes by
 * its own election admins); anyone reads a consolidation once every box is published or annulled.
 * As elsewhere, another tenant's consultation answers exactly like one that does not exist.
 */

import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app/services.js';
import type { BoxReport, ConsolidationReport } from '../../congress/consolidation.js';
import {
  type ConsultationSettings,
  ConsultationSettingsSchema,
} from '../../congress/consultation-settings.js';
import type { AdvanceStep } from '../../congress/consultations.js';
import { renderProcesVerbal } from '../../congress/proces-verbal.js';
import type { BoxId, ConsultationId, OrganisationId } from '../../core/ids.js';
import type { BoxRow, ConsultationRow } from '../../store/consultations/repository.js';
import {
  type AccountPrincipal,
  electionRolesOf,
  requireAccount,
  requireOrganisationAdmin,
} from '../auth/index.js';
import { requireSms, type ServerContext } from '../context.js';
import { acceptCsvBodies } from '../csv-body.js';
import { ApiError, DomainError, preferredLanguage } from '../errors.js';
import { CSV_CONTENT_TYPE } from '../exports/csv.js';
import { exportTable } from '../exports/table.js';

const OrganisationParams = Type.Object({ organisationId: Type.String({ minLength: 1, maxLength: 64 }) });
const ConsultationParams = Type.Object({
  consultationId: Type.String({ pattern: '^[1-9A-HJ-NP-Za-km-z]{14,40}$' }),
});
const BoxParams = Type.Object({
  consultationId: Type.String({ pattern: '^[1-9A-HJ-NP-Za-km-z]{14,40}$' }),
  boxId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$' }),
});
const Label = Type.String({ minLength: 1, maxLength: 200 });
const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 5000 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    group: Type.Optional(Type.Union([Type.Literal('BELENIOS-2048'), Type.Literal('RFC-3526-2048')])),
    questions: Type.Array(Type.Unknown(), { maxItems: 50 }),
    opensAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    closesAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    boxes: Type.Array(Type.Object({ label: Label }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 500,
    }),
    rule: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
    serverTrustee: Type.Optional(Type.Boolean()),
    trustees: Type.Optional(
      Type.Array(
        Type.Object(
          {
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            publicKey: Type.String({ maxLength: 20000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);
const PaperBody = Type.Object(
  {
    label: Label,
    replaces: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$' }), Type.Null()])),
    enteredBy: Type.String({ minLength: 1, maxLength: 200 }),
    figures: Type.Object({}, { additionalProperties: true }),
    report: Type.Object(
      {
        fileName: Type.String({ minLength: 1, maxLength: 200 }),
        contentBase64: Type.Optional(Type.String({ maxLength: 700_000 })),
        sha256: Type.Optional(Type.String({ maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

type C = { Params: { consultationId: ConsultationId } };
type B = { Params: { consultationId: ConsultationId; boxId: BoxId } };

/** Reading a consultation's provisional figures; managing it (org admins only). */
/** Whether one of the consultation's ballot boxes has opened (before that, it is private like a draft). */
export async function consultationOpened(ctx: ServerContext, boxes: readonly BoxRow[]): Promise<boolean> {
  for (const box of boxes) {
    if (!box.electionId) continue;
    const state = (await ctx.store.elections.get(box.electionId))?.state;
    if (state !== undefined && state !== 'draft') return true;
  }
  return false;
}

export async function consultationAccess(
  ctx: ServerContext,
  request: FastifyRequest,
  row: ConsultationRow,
  boxes: readonly BoxRow[],
  need: 'read' | 'manage',
): Promise<AccountPrincipal> {
  const principal = requireAccount(request);
  const accountId = principal.account.id;
  const memberships = await ctx.store.accounts.listMemberships(accountId);
  if (memberships.some((m) => m.organisationId === row.organisationId && m.role === 'org-admin'))
    return principal;
  let heldAny = false;
  for (const box of boxes) {
    if (!box.electionId) continue;
    const election = await ctx.store.elections.get(box.electionId);
    if (!election) continue;
    const held = await electionRolesOf(ctx.store, accountId, election);
    if (held.size > 0) heldAny = true;
    if (need === 'read' && (held.has('election-admin') || held.has('scrutineer'))) return principal;
  }
  let visible = heldAny || memberships.some((m) => m.organisationId === row.organisationId);
  if (!visible) {
    for (const grant of await ctx.store.elections.listRolesOfAccount(accountId)) {
      if ((await ctx.store.elections.get(grant.electionId))?.organisationId === row.organisationId) {
        visible = true;
        break;
      }
    }
  }
  throw new ApiError(visible ? 'SCR_FORBIDDEN' : 'SCR_NOT_FOUND');
}

async function noBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new ApiError('SCR_BAD_REQUEST', { problem: 'this action takes no body' });
}

/** The consolidation as published: each box with links to its archive (or paper report), and the rounds. */
function publishedView(
  report: ConsolidationReport,
  next: ConsultationRow | undefined,
  previous?: ConsultationRow | undefined,
) {
  return {
    ...report,
    boxes: report.boxes.map((box) => ({
      ...box,
      archiveUrl: box.electionId ? `/api/v1/elections/${box.electionId}/archive.bel` : null,
      reportUrl: box.paper ? `/api/v1/consultations/${report.consultation.id}/boxes/${box.id}/report` : null,
    })),
    nextRound: next ? { id: next.id, name: next.name, round: next.round } : null,
    previousRound: previous ? { id: previous.id, name: previous.name, round: previous.round } : null,
  };
}

export type ConsolidationRow = {
  readonly scope: 'consolidated' | 'box';
  readonly boxId: string | null;
  readonly boxLabel: string | null;
  readonly channel: string | null;
  readonly cryptographicallyVerifiable: boolean | null;
  readonly status: string;
  readonly questionNumber: number;
  readonly question: string;
  readonly slot: number;
  readonly answer: string;
  readonly count: string;
  readonly percentOfVotesCast: string | null;
  readonly percentOfValidVotes: string | null;
  readonly percentOfRegistered: string | null;
  readonly registeredVoters: number;
  readonly registeredWeight: string;
  readonly ballotsCounted: number;
  readonly weightCast: string;
  readonly turnoutPercent: string | null;
  readonly electionFingerprint: string | null;
  readonly archiveFinalHash: string | null;
  readonly archiveSha256: string | null;
  readonly reportSha256: string | null;
  readonly note: string;
};

export const CONSOLIDATION = exportTable<ConsolidationRow>({
  scope: 'scope',
  boxId: 'box_id',
  boxLabel: 'box_label',
  channel: 'channel',
  cryptographicallyVerifiable: 'cryptographically_verifiable',
  status: 'status',
  questionNumber: 'question_number',
  question: 'question',
  slot: 'slot',
  answer: 'answer',
  count: 'count',
  percentOfVotesCast: 'percent_of_votes_cast',
  percentOfValidVotes: 'percent_of_valid_votes',
  percentOfRegistered: 'percent_of_registered',
  registeredVoters: 'registered_voters',
  registeredWeight: 'registered_weight',
  ballotsCounted: 'ballots_counted',
  weightCast: 'weight_cast',
  turnoutPercent: 'turnout_percent',
  electionFingerprint: 'election_fingerprint',
  archiveFinalHash: 'archive_final_hash',
  archiveSha256: 'archive_sha256',
  reportSha256: 'report_sha256',
  note: 'note',
});

/** One CSV record per answer: the consolidated lines first, then every box's (annulled ones marked). */
export function consolidationRows(report: ConsolidationReport): ConsolidationRow[] {
  const lines = (
    presentation: NonNullable<BoxReport['presentation']>,
    box: BoxReport | null,
  ): ConsolidationRow[] =>
    presentation.questions.flatMap((q) =>
      q.answers.map((a) => ({
        scope: box ? 'box' : 'consolidated',
        boxId: box?.id ?? null,
        boxLabel: box?.label ?? null,
        channel: box?.channel ?? null,
        cryptographicallyVerifiable: box ? box.cryptographicallyVerifiable : null,
        status: box ? box.status : report.complete ? 'complete' : 'provisional',
        questionNumber: q.number,
        question: q.question,
        slot: a.slot,
        answer: a.answer,
        count: a.count,
        percentOfVotesCast: a.percentOfVotesCast,
        percentOfValidVotes: a.percentOfValidVotes,
        percentOfRegistered: a.percentOfRegistered,
        registeredVoters: presentation.registeredVoters,
        registeredWeight: presentation.registeredWeight,
        ballotsCounted: presentation.ballotsCounted,
        weightCast: presentation.weightCast,
        turnoutPercent: presentation.turnoutPercent,
        electionFingerprint: box?.sealed?.election ?? null,
        archiveFinalHash: box?.archive?.finalHash ?? null,
        archiveSha256: box?.archive?.sha256 ?? null,
        reportSha256: box?.paper?.reportSha256 ?? null,
        note: box ? box.notes.join('; ') : report.notes.join('; '),
      })),
    );
  return [
    ...lines(report.presentation, null),
    ...report.boxes.flatMap((box) => (box.presentation ? lines(box.presentation, box) : [])),
  ];
}

export function consultationRoutes(
  ctx: ServerContext,
  { elections, consultations, recovery }: Services,
): FastifyPluginAsync {
  return async (app) => {
    /** The published view with both neighbouring rounds read from the store. */
    const roundsView = async (report: ConsolidationReport) => {
      const { previousId } = report.consultation;
      return publishedView(
        report,
        await ctx.store.consultations.next(report.consultation.id),
        previousId ? await ctx.store.consultations.get(previousId) : undefined,
      );
    };
    const adminView = async (row: ConsultationRow) => {
      const boxes = await consultations.boxes(row.id);
      const next = await ctx.store.consultations.next(row.id);
      return {
        id: row.id,
        organisationId: row.organisationId,
        name: row.name,
        description: row.description,
        round: row.round,
        previousId: row.previousId,
        nextId: next?.id ?? null,
        template: consultations.template(row),
        settings: consultations.settings(row),
        /** Whether this server has an SMS gateway (the settings card offers SMS only then). */
        sms: ctx.config.sms ?? 'none',
        rule: consultations.rule(row),
        boxes: await Promise.all(
          boxes.map(async (box) => ({
            id: box.id,
            label: box.label,
            channel: box.channel,
            electionId: box.electionId,
            state: box.electionId ? (await elections.get(box.electionId)).state : 'entered',
            annulment: box.annulReason
              ? { reason: box.annulReason, at: box.annulledAt, by: box.annulledBy }
              : null,
            replaces: box.replacesId,
            enteredBy: box.enteredBy,
            reportName: box.reportName,
            reportSha256: box.reportSha256,
          })),
        ),
      };
    };

    const manage = async (request: FastifyRequest, id: ConsultationId) => {
      const row = await consultations.get(id);
      const account = await consultationAccess(ctx, request, row, await consultations.boxes(id), 'manage');
      return { row, account: account.account };
    };

    /** The consolidation for a reader: anyone once complete; before, readers of the consultation only. */
    const readable = async (request: FastifyRequest, id: ConsultationId) => {
      const row = await consultations.get(id);
      const report = await consultations.consolidation(id);
      if (!report.complete) {
        const boxes = await consultations.boxes(id);
        // Before any box opens, the consultation is as private as its draft elections: 404.
        const unpublished = (await consultationOpened(ctx, boxes))
          ? new ApiError('SCR_CONSULTATION_NOT_PUBLISHED')
          : new ApiError('SCR_NOT_FOUND');
        if (request.principal.kind !== 'account') throw unpublished;
        try {
          await consultationAccess(ctx, request, row, boxes, 'read');
        } catch (error) {
          if (error instanceof DomainError && error.code === 'SCR_FORBIDDEN') throw unpublished;
          throw error;
        }
      }
      return { row, report };
    };

    app.post<{ Params: { organisationId: OrganisationId }; Body: Static<typeof CreateBody> }>(
      '/api/v1/organisations/:organisationId/consultations',
      {
        schema: {
          params: OrganisationParams,
          body: CreateBody,
          summary:
            'Create a consultation: one draft ballot box (election) per label, same questions and calendar',
        },
      },
      async (request, reply) => {
        const { account } = await requireOrganisationAdmin(ctx, request, request.params.organisationId);
        const row = await consultations.create(request.params.organisationId, account, request.body);
        return reply.status(201).send(await adminView(row));
      },
    );

    app.get<{ Params: { organisationId: OrganisationId } }>(
      '/api/v1/organisations/:organisationId/consultations',
      { schema: { params: OrganisationParams, summary: "The organisation's consultations" } },
      async (request) => {
        await requireOrganisationAdmin(ctx, request, request.params.organisationId);
        const rows = await ctx.store.consultations.list(request.params.organisationId);
        return {
          consultations: rows.map((r) => ({
            id: r.id,
            name: r.name,
            round: r.round,
            previousId: r.previousId,
          })),
        };
      },
    );

    app.get<C>(
      '/api/v1/consultations/:consultationId',
      {
        schema: {
          params: ConsultationParams,
          summary: 'The consolidated result with every box (public once every box is published or annulled)',
        },
      },
      async (request) => {
        const { report } = await readable(request, request.params.consultationId);
        if (!report.complete) throw new ApiError('SCR_CONSULTATION_NOT_PUBLISHED');
        return roundsView(report);
      },
    );

    app.get<C>(
      '/api/v1/consultations/:consultationId/admin',
      {
        schema: {
          params: ConsultationParams,
          summary:
            'Consultation settings, boxes and provisional consolidation (admins, box election admins, scrutineers)',
        },
      },
      async (request) => {
        const row = await consultations.get(request.params.consultationId);
        await consultationAccess(ctx, request, row, await consultations.boxes(row.id), 'read');
        // Resumes a next-round preparation interrupted by a crash (idempotent; nothing when not due).
        await consultations.settle(row.id, { id: 'system' }, 'resume');
        const report = await consultations.consolidation(row.id);
        return {
          ...(await adminView(row)),
          consolidation: await roundsView(report),
        };
      },
    );

    await app.register(async (scoped) => {
      acceptCsvBodies(scoped);
      scoped.put<C & { Body: unknown }>(
        '/api/v1/consultations/:consultationId/voters',
        {
          schema: {
            params: ConsultationParams,
            summary:
              'Import every box roll from one CSV: federation,email,login,weight,name[,language]; all or nothing',
          },
        },
        async (request) => {
          const { account } = await manage(request, request.params.consultationId);
          const body = request.body;
          const csv =
            typeof body === 'string'
              ? body
              : typeof body === 'object' &&
                  body !== null &&
                  Object.keys(body).length === 1 &&
                  typeof (body as { csv?: unknown }).csv === 'string'
                ? (body as { csv: string }).csv
                : undefined;
          if (csv === undefined)
            throw new ApiError('SCR_BAD_REQUEST', {
              problem: 'send the CSV as text/csv, or as JSON {"csv": "…"}',
            });
          return consultations.importVoters(request.params.consultationId, account, csv);
        },
      );
    });

    app.post<C & { Body: { step: AdvanceStep } }>(
      '/api/v1/consultations/:consultationId/advance',
      {
        schema: {
          params: ConsultationParams,
          body: Type.Object(
            {
              step: Type.Union([
                Type.Literal('open'),
                Type.Literal('close'),
                Type.Literal('tally'),
                Type.Literal('publish'),
              ]),
            },
            { additionalProperties: false },
          ),
          summary:
            'Open, close, tally or publish every box that can take the step (publication settles the round)',
        },
      },
      async (request) => {
        const { account } = await manage(request, request.params.consultationId);
        return consultations.advance(request.params.consultationId, account, request.body.step);
      },
    );

    app.put<C & { Body: ConsultationSettings }>(
      '/api/v1/consultations/:consultationId/settings',
      {
        schema: {
          params: ConsultationParams,
          body: ConsultationSettingsSchema,
          summary:
            'Consultation-wide settings (recovery, officer, sign-in, password delay, help contact, language, channel of passwords and codes, scrutineers), applied to every box that does not override them; a scrutineer taken off the list loses the role on draft boxes',
        },
      },
      async (request) => {
        const { account } = await manage(request, request.params.consultationId);
        // Like a box's own settings: a channel this server cannot use is refused when chosen.
        if (request.body.secretChannel === 'sms') requireSms(ctx.config);
        return consultations.saveSettings(request.params.consultationId, account, request.body);
      },
    );

    app.put<C & { Body: { publicKey: string } }>(
      '/api/v1/consultations/:consultationId/recovery/officer-key',
      {
        schema: {
          params: ConsultationParams,
          body: Type.Object(
            { publicKey: Type.String({ minLength: 2, maxLength: 5000 }) },
            { additionalProperties: false },
          ),
          summary:
            "The recovery officer's public key, once for every box of the consultation they are the officer of",
        },
      },
      async (request) => {
        const principal = requireAccount(request);
        const row = await consultations.get(request.params.consultationId);
        const boxes = await consultations.boxes(row.id);
        const served: string[] = [];
        let visible = false;
        for (const box of boxes) {
          if (!box.electionId || box.annulReason !== null) continue;
          const election = await elections.get(box.electionId);
          const held = await electionRolesOf(ctx.store, principal.account.id, election);
          if (held.size > 0) visible = true;
          if (!held.has('credential-authority')) continue;
          if (held.has('election-admin')) throw new ApiError('SCR_RECOVERY_SEPARATION');
          if (election.state === 'draft') served.push(election.id);
        }
        if (served.length === 0) throw new ApiError(visible ? 'SCR_FORBIDDEN' : 'SCR_NOT_FOUND');
        await recovery.setOfficerKeyOn(served, principal.account, request.body.publicKey);
        return { boxes: served.length };
      },
    );

    app.post<B & { Body: { reason: string } }>(
      '/api/v1/consultations/:consultationId/boxes/:boxId/annul',
      {
        schema: {
          params: BoxParams,
          body: Type.Object(
            { reason: Type.String({ minLength: 5, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
          summary: 'Annul a box (reason recorded and shown): excluded from the consolidated result',
        },
      },
      async (request) => {
        const { account } = await manage(request, request.params.consultationId);
        await consultations.annulBox(
          request.params.consultationId,
          request.params.boxId,
          account,
          request.body.reason,
        );
        return adminView(await consultations.get(request.params.consultationId));
      },
    );

    app.post<B>(
      '/api/v1/consultations/:consultationId/boxes/:boxId/rerun',
      {
        schema: {
          params: BoxParams,
          summary: 'Re-run an annulled box online: a new draft box with its roll and trustees',
        },
        preValidation: noBody,
      },
      async (request, reply) => {
        const { account } = await manage(request, request.params.consultationId);
        await consultations.rerunBox(request.params.consultationId, request.params.boxId, account);
        return reply
          .status(201)
          .send(await adminView(await consultations.get(request.params.consultationId)));
      },
    );

    app.post<C & { Body: Static<typeof PaperBody> }>(
      '/api/v1/consultations/:consultationId/boxes/paper',
      {
        schema: {
          params: ConsultationParams,
          body: PaperBody,
          summary:
            'Enter a box counted elsewhere (paper): totals, who entered them, the report (not cryptographically verifiable)',
        },
      },
      async (request, reply) => {
        const { account } = await manage(request, request.params.consultationId);
        await consultations.addPaperBox(request.params.consultationId, account, request.body);
        return reply
          .status(201)
          .send(await adminView(await consultations.get(request.params.consultationId)));
      },
    );

    app.get<B>(
      '/api/v1/consultations/:consultationId/boxes/:boxId/report',
      { schema: { params: BoxParams, summary: "A paper box's attached report, when kept" } },
      async (request, reply) => {
        await readable(request, request.params.consultationId);
        const { fileName, bytes } = await consultations.report(
          request.params.consultationId,
          request.params.boxId,
        );
        return reply
          .type('application/octet-stream')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          )
          .send(bytes);
      },
    );

    const exportHeaders = (reply: FastifyReply, filename: string) =>
      reply
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${filename}"`);

    app.get<C>(
      '/api/v1/consultations/:consultationId/exports/result.csv',
      { schema: { params: ConsultationParams, summary: 'Consolidated and per-box results (CSV)' } },
      async (request, reply) => {
        const { report } = await readable(request, request.params.consultationId);
        return exportHeaders(reply, `${report.consultation.id}-result.csv`)
          .type(CSV_CONTENT_TYPE)
          .send(CONSOLIDATION.csv(consolidationRows(report)));
      },
    );

    app.get<C>(
      '/api/v1/consultations/:consultationId/exports/result.json',
      { schema: { params: ConsultationParams, summary: 'Consolidated and per-box results (JSON)' } },
      async (request, reply) => {
        const { report } = await readable(request, request.params.consultationId);
        return exportHeaders(reply, `${report.consultation.id}-result.json`)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify({ exportedAt: ctx.clock.now().toISOString(), ...(await roundsView(report)) }));
      },
    );

    app.get<C & { Querystring: { lang?: 'en' | 'fr' } }>(
      '/api/v1/consultations/:consultationId/proces-verbal.html',
      {
        schema: {
          params: ConsultationParams,
          querystring: Type.Object(
            { lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])) },
            { additionalProperties: false },
          ),
          summary:
            'Printable official report (procès-verbal), FR or EN, with sealed and final archive hashes',
        },
      },
      async (request, reply) => {
        const { report } = await readable(request, request.params.consultationId);
        const language = request.query.lang ?? preferredLanguage(request.headers['accept-language']);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
          )
          .send(renderProcesVerbal(report, language, ctx.clock.now().toISOString()));
      },
    );
  };
}
