/**
 * Scrutineers observe without seeing anything secret: turnout, the board's verification status (on
 * the public board), the audit log, and after closing the sign-in list — who voted, never how.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ElectionService } from '../../election/service.js';
import { requireElectionRole } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { toAuditLogEntry } from '../exports/audit-log.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: string } };

export function scrutineerRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.get<P>('/api/v1/elections/:electionId/audit', { schema: { params: ElectionParams, summary: 'Audit log of the election (hash-chained)' } }, async (request) => {
      await requireElectionRole(ctx, request, request.params.electionId, ['scrutineer', 'election-admin']);
      const row = await elections.get(request.params.electionId);
      const entries = await ctx.store.listAudit({ organisationId: row.organisationId, electionId: row.id });
      // The same allowlist as the audit export: details pass a per-action filter.
      return {
        entries: await Promise.all(
          entries.map(async (entry) => toAuditLogEntry(entry, await ctx.store.getAccount(entry.actor))),
        ),
      };
    });

    app.get<P>(
      '/api/v1/elections/:electionId/sign-in-list',
      { schema: { params: ElectionParams, summary: 'Who voted (never how); after closing only' } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(request.params.electionId);
        if (row.state === 'draft' || row.state === 'open') throw new ApiError('SCR_WRONG_STATE', { problem: 'available after closing' });
        const casts = await ctx.store.listCasts(row.id);
        const voted = new Set(casts.map((c) => c.voterId));
        const voters = await ctx.store.listVoters(row.id);
        return { voters: voters.map((v) => ({ login: v.login, displayName: v.displayName, voted: voted.has(v.id) })) };
      },
    );
  };
}
