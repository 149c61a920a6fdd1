/**
 * Exports, each in CSV and JSON (issue #3): the voter roll (election admin, credential authority;
 * scrutineers with addresses masked),
 * the sign-in list — who voted, never how — once voting has ended (scrutineers, election admins), the
 * audit log (scrutineers, election admins) and the result report (anyone, once published). Every
 * file is written from the export's allowlist in `../exports/`: a typed projection per row that names
 * its fields one by one, and a table that writes only the fields it names.
 */

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ElectionId } from '../../core/ids.js';
import { deliverySettings, messageLanguage } from '../../delivery/index.js';
import { maskAddress } from '../../election/roll-state.js';
import type { ElectionService } from '../../election/service.js';
import type { AccountRow, ElectionRow } from '../../store/store.js';
import { requireElectionRole, requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, preferredLanguage } from '../errors.js';
import { AUDIT_LOG, toAuditLogEntry, toAuditLogRow } from '../exports/audit-log.js';
import { CSV_CONTENT_TYPE } from '../exports/csv.js';
import { RESULT, toResultReport, toResultRows } from '../exports/result-report.js';
import { proxyHolders, SIGN_IN_LIST, SIGN_IN_LIST_STATES, toSignInRow } from '../exports/sign-in-list.js';
import { toVoterRollRow, VOTER_ROLL } from '../exports/voter-roll.js';
import { rollReadMasked } from './admin.js';
import { ElectionParams, sealedRulesHash } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

/** An export in both formats, built on demand. */
interface ExportDocument {
  json(): unknown;
  csv(): string;
}

const FORMATS = ['csv', 'json'] as const;

export function exportRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    const exportRoute = (
      name: string,
      summary: string,
      cache: 'no-store' | 'no-cache',
      build: (request: FastifyRequest, electionId: ElectionId) => Promise<ExportDocument>,
    ) => {
      for (const format of FORMATS) {
        app.get<P>(
          `/api/v1/elections/:electionId/exports/${name}.${format}`,
          { schema: { params: ElectionParams, summary: `${summary} (${format.toUpperCase()})` } },
          async (request, reply) => {
            const { electionId } = request.params;
            const document = await build(request, electionId);
            request.log.info({ electionId, export: `${name}.${format}` }, 'export');
            return send(reply, `${electionId}-${name}.${format}`, cache, format, document);
          },
        );
      }
    };

    const exportedAt = () => ctx.clock.now().toISOString();
    const about = (row: ElectionRow) => ({ id: row.id, name: row.name });

    exportRoute('voters', 'Voter roll export (no secrets)', 'no-store', async (request, electionId) => {
      // Scrutineers read the roll too (issue 15), addresses masked.
      const masked = await rollReadMasked(ctx, request, electionId);
      const row = await elections.get(electionId);
      const { defaultLanguage } = await deliverySettings(ctx.store, electionId);
      const voters = (await ctx.store.voters.list(electionId))
        .map((v) => (masked ? { ...v, email: maskAddress(v.email) } : v))
        // A voter imported without a language follows the election's default.
        .map((v) => ({ ...v, language: messageLanguage(v.language, defaultLanguage) }))
        .map(toVoterRollRow);
      return {
        json: () => ({ election: about(row), exportedAt: exportedAt(), voters: voters.map(VOTER_ROLL.pick) }),
        csv: () => VOTER_ROLL.csv(voters),
      };
    });

    exportRoute(
      'sign-in-list',
      'Sign-in list: who voted, never how; after closing only',
      'no-store',
      async (request, electionId) => {
        await requireElectionRole(ctx, request, electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(electionId);
        if (!SIGN_IN_LIST_STATES.includes(row.state))
          throw new ApiError('SCR_WRONG_STATE', { problem: 'available after closing', state: row.state });
        const voted = new Set((await ctx.store.board.listCasts(electionId)).map((cast) => cast.voterId));
        const holders = await proxyHolders(ctx.store, electionId);
        const voters = (await ctx.store.voters.list(electionId)).map((v) =>
          toSignInRow(v, voted.has(v.id), holders.get(v.id)),
        );
        return {
          json: () => ({
            election: about(row),
            state: row.state,
            exportedAt: exportedAt(),
            summary: { voters: voters.length, voted: voters.filter((v) => v.voted).length },
            voters: voters.map(SIGN_IN_LIST.pick),
          }),
          csv: () => SIGN_IN_LIST.csv(voters),
        };
      },
    );

    exportRoute(
      'audit',
      'Audit log export (hash-chained; details allowlisted)',
      'no-store',
      async (request, electionId) => {
        await requireElectionRole(ctx, request, electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(electionId);
        const rows = await ctx.store.audit.list({ organisationId: row.organisationId, electionId });
        const accounts = new Map<string, AccountRow | undefined>();
        for (const actor of new Set(rows.map((entry) => entry.actor)))
          accounts.set(actor, await ctx.store.accounts.getAccount(actor));
        const language = preferredLanguage(request.headers['accept-language']);
        const entries = rows.map((entry) => toAuditLogEntry(entry, accounts.get(entry.actor), language));
        return {
          // organisationId and electionId are part of each entry's hash (src/store/audit-chain.ts).
          json: () => ({
            election: about(row),
            organisationId: row.organisationId,
            exportedAt: exportedAt(),
            entries,
          }),
          csv: () => AUDIT_LOG.csv(entries.map(toAuditLogRow)),
        };
      },
    );

    exportRoute(
      'result',
      'Result report: counts, percentages, weights and sealed hashes; once published',
      'no-cache',
      async (request, electionId) => {
        const row = await requirePublicElection(ctx, request, electionId);
        if (row.state !== 'published')
          throw new ApiError('SCR_WRONG_STATE', {
            problem: 'available once the result is published',
            state: row.state,
          });
        const { state } = await elections.board.state(electionId);
        const head = await ctx.store.board.head(electionId);
        if (!state || !head) throw new Error(`published election ${electionId} without a board`);
        const status = await elections.board.status(electionId);
        const report = toResultReport({
          election: row,
          questions: state.ctx.election.questions,
          ballotsCounted: state.box.tallied().length,
          weightCast: state.totalWeight,
          voters: await ctx.store.voters.list(electionId),
          archive: { finalHash: head.hash, height: head.height, verified: status.ok },
          rulesHash: await sealedRulesHash(ctx, electionId),
        });
        return { json: () => report, csv: () => RESULT.csv(toResultRows(report)) };
      },
    );
  };
}

function send(
  reply: FastifyReply,
  filename: string,
  cache: string,
  format: (typeof FORMATS)[number],
  document: ExportDocument,
) {
  reply
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${filename}"`);
  return format === 'csv'
    ? reply.type(CSV_CONTENT_TYPE).send(document.csv())
    : reply.type('application/json; charset=utf-8').send(JSON.stringify(document.json()));
}
