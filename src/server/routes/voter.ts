/**
 * Casting (issue #3 item 6): a voter signed in to this election posts a ballot made by the core (in
 * the booth or by `scrutin-tool election generate-ballot`); it must be signed with the credential
 * bound to that login and its proofs must verify. The tracker is answered only once the ballot is
 * durably committed.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { CastReceipt } from '../../contract/voter.js';
import type { ElectionId } from '../../core/ids.js';
import { queueCastReceipt } from '../../delivery/index.js';
import type { ElectionService } from '../../election/service.js';
import { castRateLimit, requireVoter } from '../auth/index.js';
import { mailMode, type ServerContext } from '../context.js';
import { ElectionParams } from './public-board.js';

const CastBody = Type.Object(
  { ballot: Type.String({ minLength: 2, maxLength: 256 * 1024 }) },
  { additionalProperties: false },
);

export function voterRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Params: { electionId: ElectionId }; Body: { ballot: string } }>(
      '/api/v1/elections/:electionId/voter/ballots',
      {
        schema: {
          params: ElectionParams,
          body: CastBody,
          summary: 'Cast a ballot (revoting replaces the previous one)',
          response: { 201: CastReceipt },
        },
        config: { rateLimit: castRateLimit },
      },
      async (request, reply) => {
        const { voter } = requireVoter(request, request.params.electionId);
        const { tracker } = await elections.castBallot(
          request.params.electionId,
          voter.id,
          request.body.ballot,
        );
        request.log.info({ electionId: request.params.electionId }, 'ballot cast');
        // Issue 16: the receipt with the tracker, when the election sends one. The ballot is cast
        // whatever happens to its receipt: a failure to queue it is logged, not answered.
        if (mailMode(ctx.config) !== 'none')
          await queueCastReceipt(ctx, request.params.electionId, voter.id, tracker).catch((error: unknown) =>
            request.log.warn({ err: { type: (error as Error).name } }, 'could not queue a cast receipt'),
          );
        return reply.status(201).send({ tracker });
      },
    );
  };
}
