/**
 * The public bulletin board, readable without signing in: each election's summary (questions, dates,
 * sealed hashes, turnout as a count only, the result once published, the reason of an annulment),
 * its live Belenios archive, the list of ballot trackers with weights, and the verifier's status.
 * Every answer is built from an explicit list of public fields. A draft is none of the public's
 * business: every route answers 404 for it to anyone but its own staff (`requirePublicElection`).
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { BoardBallots, BoardVerification, PublicElection } from '../../contract/election.js';
import type { PublicTally } from '../../contract/trustee.js';
import { encode } from '../../core/codec.js';
import type { ElectionId } from '../../core/ids.js';
import type { BoardStatus } from '../../election/board.js';
import { publicLogin, rollChangesAfterCredentials } from '../../election/roll-state.js';
import type { ElectionService } from '../../election/service.js';
import { encryptedTallyCodec, trusteesCodec } from '../../protocol/messages.js';
import { storedQuestions, storedResult } from '../../store/decode.js';
import type { ElectionRow } from '../../store/store.js';
import { requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

export const ElectionParams = Type.Object({
  electionId: Type.String({ pattern: '^[1-9A-HJ-NP-Za-km-z]{14,40}$' }),
});

/** The election's own rules' hash once sealed at opening (issue 17), null without rules. */
export async function sealedRulesHash(ctx: ServerContext, electionId: string): Promise<string | null> {
  const stored = await ctx.store.electionRules.get(electionId);
  return stored?.sealedAt ? stored.rulesHash : null;
}

/** Public view of an election: the allowlist of what anyone may see. */
export async function publicElection(ctx: ServerContext, row: ElectionRow): Promise<PublicElection> {
  const turnout = await ctx.store.board.turnout(row.id);
  const changes = await rollChangesAfterCredentials(ctx.store, row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    state: row.state,
    questions: storedQuestions(row),
    timeZone: row.timeZone,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    election: row.electionJson,
    sealed: row.fingerprint
      ? {
          election: row.fingerprint,
          trustees: row.trusteesHash,
          credentials: row.credentialsHash,
          rules: await sealedRulesHash(ctx, row.id),
        }
      : null,
    turnout: { ballots: row.state === 'draft' ? 0 : turnout.ballots, voters: turnout.voters },
    result: row.state === 'published' && row.resultJson ? storedResult(row.resultJson) : null,
    annulReason: row.state === 'annulled' ? row.annulReason : null,
    // Issue 15: every per-voter change of the roll after credentials were issued, by login.
    rollChanges: { count: changes.count, logins: changes.logins.map(publicLogin) },
  };
}

export function publicBoardRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId',
      { schema: { params: ElectionParams, summary: 'Public summary of an election' } },
      async (request) =>
        publicElection(ctx, await requirePublicElection(ctx, request, request.params.electionId)),
    );

    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/archive.bel',
      { schema: { params: ElectionParams, summary: 'The live Belenios archive (append-only)' } },
      async (request, reply) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        if (row.archiveTimestamp === null) throw new ApiError('SCR_NOT_FOUND');
        const bytes = await elections.board.archive(row.id, row.archiveTimestamp);
        return reply
          .header('content-type', 'application/x-tar')
          .header('content-disposition', `attachment; filename="${row.id}.bel"`)
          .send(Buffer.from(bytes));
      },
    );

    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/ballots',
      {
        schema: {
          params: ElectionParams,
          summary: 'Ballot trackers with their weights (last ballot per voter counts)',
        },
      },
      async (request) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        const { state } = await elections.board.state(row.id);
        if (!state) return { ballots: [] } satisfies BoardBallots;
        const counted = new Set(state.box.tallied().map((b) => b.tracker));
        const answer: BoardBallots = {
          ballots: state.box.all.map((b) => ({
            tracker: b.tracker,
            weight: b.weight.toString(),
            counted: counted.has(b.tracker),
          })),
        };
        return answer;
      },
    );

    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/tally',
      {
        schema: {
          params: ElectionParams,
          summary:
            'The trustees structure and the encrypted tally (both on the board), and which trustees have decrypted',
        },
      },
      async (request) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        const { state } = await elections.board.state(row.id);
        if (!state) throw new ApiError('SCR_NOT_FOUND', { problem: 'this election has not opened' });
        const answer: PublicTally = {
          trustees: encode(trusteesCodec, [...state.trustees.kinds]),
          encryptedTally: state.tally ? encode(encryptedTallyCodec, state.tally) : null,
          decrypted: [...state.shares.keys()].sort((a, b) => a - b),
        };
        return answer;
      },
    );

    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/verification',
      {
        schema: { params: ElectionParams, summary: 'Status of the board verifier that follows the archive' },
      },
      async (request) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        const status: BoardStatus & BoardVerification = await elections.board.status(row.id);
        return status;
      },
    );
  };
}
