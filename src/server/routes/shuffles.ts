/**
 * The shuffle phase (issue 18, src/election/shuffles.ts) over HTTP: where it stands, with the
 * ciphertexts the next shuffle takes (public, like the board they come from); a trustee's shuffle,
 * computed on their side (browser page or `scrutin-tool election shuffle`) and checked before it is
 * stored; the admin's skip of a trustee who does not shuffle. A shuffle needs only the election's
 * public key: no route here receives or returns a private key.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ShufflePhase as ShufflePhaseAnswer } from '../../contract/trustee.js';
import type { ElectionId } from '../../core/ids.js';
import type { ElectionService, ShufflePhase } from '../../election/service.js';
import { requireElectionRole, requireKeyHolder, requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ElectionParams } from './public-board.js';

/** The phase as the public sees it: owners, kinds and turns, not the trustees' names (the trustee page checks it). */
const publicPhase = (phase: ShufflePhase): ShufflePhaseAnswer => ({
  needed: phase.needed,
  ended: phase.ended,
  next: phase.next,
  shufflers: phase.shufflers.map(({ owner, kind, status }) => ({ owner, kind, status })),
  input: phase.input,
});

const Owner = Type.Integer({ minimum: 1, maximum: 1000 });

export function shuffleRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/shuffles',
      {
        schema: {
          params: ElectionParams,
          summary:
            'The shuffle phase: who shuffled or was skipped, whose turn it is, and the ciphertexts the next shuffle takes',
        },
      },
      async (request, reply) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        reply.header('cache-control', 'no-store');
        return publicPhase(await elections.shufflePhase(row.id));
      },
    );

    app.post<{ Params: { electionId: ElectionId }; Body: { owner: number; shuffle: string } }>(
      '/api/v1/elections/:electionId/shuffles',
      {
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { owner: Owner, shuffle: Type.String({ minLength: 1, maxLength: 60_000_000 }) },
            { additionalProperties: false },
          ),
          summary: "Submit a trustee's shuffle (checked by the board's verifier before it is stored)",
        },
      },
      async (request) => {
        // A trustee never shuffles in the turn of a key bound to another account, or to none.
        const { account } = await requireKeyHolder(
          ctx,
          request,
          request.params.electionId,
          request.body.owner,
          'admin-only',
        );
        return publicPhase(
          await elections.submitShuffle(
            request.params.electionId,
            account,
            request.body.owner,
            request.body.shuffle,
          ),
        );
      },
    );

    app.post<{ Params: { electionId: ElectionId }; Body: { owner: number } }>(
      '/api/v1/elections/:electionId/shuffles/skip',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ owner: Owner }, { additionalProperties: false }),
          summary: 'Skip the trustee whose turn it is to shuffle (one who cannot or will not)',
        },
      },
      async (request) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
        ]);
        return publicPhase(
          await elections.skipShuffler(request.params.electionId, account, request.body.owner),
        );
      },
    );
  };
}
