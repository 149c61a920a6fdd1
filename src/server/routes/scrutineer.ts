/**
 * Scrutineers observe without seeing anything secret: turnout, the board's verification status (on
 * the public board), the audit log, and after closing the sign-in list — who voted, never how.
 */

import type { FastifyPluginAsync } from 'fastify';
import type { ElectionId } from '../../core/ids.js';
import type { ElectionService } from '../../election/service.js';
import { requireElectionRole } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, preferredLanguage } from '../errors.js';
import { toAuditLogEntry } from '../exports/audit-log.js';
import { proxyHolders } from '../exports/sign-in-list.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

export function scrutineerRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.get<P>(
      '/api/v1/elections/:electionId/audit',
      { schema: { params: ElectionParams, summary: 'Audit log of the election (hash-chained)' } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(request.params.electionId);
        const entries = await ctx.store.audit.list({
          organisationId: row.organisationId,
          electionId: row.id,
        });
        // The same allowlist as the audit export: details pass a per-action filter.
        const language = preferredLanguage(request.headers['accept-language']);
        return {
          entries: await Promise.all(
            entries.map(async (entry) =>
              toAuditLogEntry(entry, await ctx.store.accounts.getAccount(entry.actor), language),
            ),
          ),
        };
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/turnout',
      {
        schema: {
          params: ElectionParams,
          summary: 'Turnout: voters who cast, in total and hour by hour (counts only)',
        },
      },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(request.params.electionId);
        const voters = (await ctx.store.voters.list(row.id)).length;
        const casts = row.state === 'draft' ? [] : await ctx.store.board.listCasts(row.id);
        // A revote does not add a voter: each voter counts at their first ballot.
        const first = new Map<string, string>();
        for (const cast of casts) {
          const seen = first.get(cast.voterId);
          if (seen === undefined || cast.castAt < seen) first.set(cast.voterId, cast.castAt);
        }
        const perHour = new Map<string, number>();
        for (const at of first.values()) {
          const hour = `${at.slice(0, 13)}:00:00.000Z`;
          perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
        }
        let total = 0;
        const series = [...perHour.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([hour, count]) => {
            total += count;
            return { hour, voted: count, cumulative: total };
          });
        return { state: row.state, voters, voted: first.size, ballots: casts.length, series };
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/sign-in-list',
      { schema: { params: ElectionParams, summary: 'Who voted (never how); after closing only' } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['scrutineer', 'election-admin']);
        const row = await elections.get(request.params.electionId);
        if (row.state === 'draft' || row.state === 'open')
          throw new ApiError('SCR_WRONG_STATE', { problem: 'available after closing' });
        const casts = await ctx.store.board.listCasts(row.id);
        const voted = new Set(casts.map((c) => c.voterId));
        const voters = await ctx.store.voters.list(row.id);
        const holders = await proxyHolders(ctx.store, row.id);
        return {
          voters: voters.map((v) => ({
            login: v.login,
            displayName: v.displayName,
            voted: voted.has(v.id),
            // Issue 17: voted by proxy, naming the holder.
            ...(holders.has(v.id) ? { byProxy: holders.get(v.id)! } : {}),
          })),
        };
      },
    );
  };
}
