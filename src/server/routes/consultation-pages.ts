/**
 * What the congress pages need besides the consultation API (issue 11): where a ballot box stands in
 * its consultation (public, like the election itself: name, round, the box it replaces or that
 * replaces it), and the procès-verbal served as a page under /admin/ (not /api/), printable, in the
 * language asked for or the browser's. The procès-verbal answers as the consultation's result does:
 * anyone once every box is published or annulled, before that only the consultation's readers.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app/services.js';
import { renderProcesVerbal } from '../../congress/proces-verbal.js';
import { renderConsultationPage } from '../../congress/public-page.js';
import { escapeHtmlNumeric as escapeHtml } from '../../core/html.js';
import type { ConsultationId, ElectionId, OrganisationId } from '../../core/ids.js';
import { messagesFor } from '../../i18n/index.js';
import type { BoxRow, ConsultationRow } from '../../store/consultations/repository.js';
import { requireOrganisationAdmin, requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, ERRORS, preferredLanguage } from '../errors.js';
import { consultationAccess, consultationOpened } from './consultations.js';

const ElectionParams = Type.Object({ electionId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$' }) });
const ConsultationParams = Type.Object({
  consultationId: Type.String({ pattern: '^[1-9A-HJ-NP-Za-km-z]{14,40}$' }),
});
const OrganisationParams = Type.Object({ organisationId: Type.String({ minLength: 1, maxLength: 64 }) });
const LangQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])) },
  { additionalProperties: false },
);

/** The box of an election and its consultation, found among its organisation's consultations. */
async function boxOfElection(
  ctx: ServerContext,
  organisationId: OrganisationId,
  electionId: ElectionId,
): Promise<{ consultation: ConsultationRow; box: BoxRow; boxes: BoxRow[] } | undefined> {
  for (const consultation of await ctx.store.consultations.list(organisationId)) {
    const boxes = await ctx.store.consultations.boxes(consultation.id);
    const box = boxes.find((b) => b.electionId === electionId);
    if (box) return { consultation, box, boxes };
  }
  return undefined;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', PAGE_CSP);
}

/** A refusal as a small page (this route is opened by a link, not by a script). */
function refusalPage(code: keyof typeof ERRORS, language: 'en' | 'fr'): string {
  const { back, title } = messagesFor(language).congressPages.reportRefusal;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Scrutin</title></head><body><main><h1>${title}</h1><p>${escapeHtml(ERRORS[code][language])}</p><p><a href="/admin">${back}</a></p></main></body></html>`;
}

export function consultationPageRoutes(ctx: ServerContext, { consultations }: Services): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/consultation',
      {
        schema: {
          params: ElectionParams,
          summary:
            'The consultation a ballot box belongs to (public like the election): name, round, box label, re-run links; null when the election is no box',
        },
      },
      async (request) => {
        const election = await requirePublicElection(ctx, request, request.params.electionId);
        const found = await boxOfElection(ctx, election.organisationId, election.id);
        // An election outside any consultation is not an error: the pages simply show nothing.
        if (!found) return { consultation: null, box: null, replaces: null, replacedBy: null };
        const { consultation, box, boxes } = found;
        const link = (other: BoxRow | undefined) =>
          other
            ? { boxId: other.id, label: other.label, electionId: other.electionId, channel: other.channel }
            : null;
        const next = await ctx.store.consultations.next(consultation.id);
        const annulReason =
          box.annulReason ?? (election.state === 'annulled' ? (election.annulReason ?? '') : null);
        return {
          consultation: {
            id: consultation.id,
            name: consultation.name,
            round: consultation.round,
            previousId: consultation.previousId,
            nextId: next?.id ?? null,
          },
          box: { id: box.id, label: box.label, annulled: annulReason !== null, annulReason },
          replaces: link(boxes.find((b) => b.id === box.replacesId)),
          replacedBy: link(boxes.find((b) => b.replacesId === box.id)),
        };
      },
    );

    app.get<{ Params: { organisationId: OrganisationId } }>(
      '/api/v1/organisations/:organisationId/consultations/boxes',
      {
        schema: {
          params: OrganisationParams,
          summary:
            "The organisation's consultations with their boxes (labels and elections), for the admin home",
        },
      },
      async (request) => {
        await requireOrganisationAdmin(ctx, request, request.params.organisationId);
        const rows = await ctx.store.consultations.list(request.params.organisationId);
        return {
          consultations: await Promise.all(
            rows.map(async (row) => ({
              id: row.id,
              name: row.name,
              round: row.round,
              previousId: row.previousId,
              boxes: (await ctx.store.consultations.boxes(row.id)).map((box) => ({
                id: box.id,
                label: box.label,
                channel: box.channel,
                electionId: box.electionId,
                annulled: box.annulReason !== null,
              })),
            })),
          ),
        };
      },
    );

    app.get<{ Params: { consultationId: ConsultationId }; Querystring: { lang?: 'en' | 'fr' } }>(
      '/consultations/:consultationId',
      { schema: { params: ConsultationParams, querystring: LangQuery } },
      async (request, reply) => {
        const language = request.query.lang ?? preferredLanguage(request.headers['accept-language']);
        const refuse = (code: keyof typeof ERRORS) =>
          htmlHeaders(reply).status(ERRORS[code].status).send(refusalPage(code, language));
        const row = await ctx.store.consultations.get(request.params.consultationId);
        if (!row) return refuse('SCR_NOT_FOUND');
        // Public once a box has opened (the boxes' own pages are public then); figures once complete.
        if (!(await consultationOpened(ctx, await consultations.boxes(row.id))))
          return refuse('SCR_NOT_FOUND');
        const report = await consultations.consolidation(row.id);
        return htmlHeaders(reply).send(
          renderConsultationPage(report, language, {
            page: (id, lang) => `/consultations/${encodeURIComponent(id)}?lang=${lang}`,
            procesVerbal: (id, lang) =>
              `/admin/consultations/${encodeURIComponent(id)}/proces-verbal?lang=${lang}`,
            box: (id) => `/elections/${encodeURIComponent(id)}`,
            archive: (id) => `/api/v1/elections/${encodeURIComponent(id)}/archive.bel`,
          }),
        );
      },
    );

    app.get<{ Params: { consultationId: ConsultationId }; Querystring: { lang?: 'en' | 'fr' } }>(
      '/admin/consultations/:consultationId/proces-verbal',
      { schema: { params: ConsultationParams, querystring: LangQuery } },
      async (
        request: FastifyRequest<{
          Params: { consultationId: ConsultationId };
          Querystring: { lang?: 'en' | 'fr' };
        }>,
        reply,
      ) => {
        const language = request.query.lang ?? preferredLanguage(request.headers['accept-language']);
        const refuse = (code: keyof typeof ERRORS) =>
          htmlHeaders(reply).status(ERRORS[code].status).send(refusalPage(code, language));
        const row = await ctx.store.consultations.get(request.params.consultationId);
        if (!row) return refuse('SCR_NOT_FOUND');
        const report = await consultations.consolidation(row.id);
        if (!report.complete) {
          const boxes = await consultations.boxes(row.id);
          // Before any box opens, the consultation is as private as its draft elections: 404.
          const unpublished = (await consultationOpened(ctx, boxes))
            ? 'SCR_CONSULTATION_NOT_PUBLISHED'
            : 'SCR_NOT_FOUND';
          if (request.principal.kind !== 'account') return refuse(unpublished);
          try {
            await consultationAccess(ctx, request, row, boxes, 'read');
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            return refuse(error.code === 'SCR_FORBIDDEN' ? unpublished : error.code);
          }
        }
        // Its links to the other rounds stay among these pages.
        const link = (id: string, lang: 'en' | 'fr') =>
          `/admin/consultations/${encodeURIComponent(id)}/proces-verbal?lang=${lang}`;
        return htmlHeaders(reply).send(
          renderProcesVerbal(report, language, ctx.clock.now().toISOString(), link),
        );
      },
    );
  };
}
