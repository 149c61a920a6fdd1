/**
 * Trustees at tally time: the encrypted tally is public (on the board); a trustee computes the
 * partial decryption on their side (browser page or `scrutin-tool election decrypt`) and sends only
 * the result, which is checked against their public key before it is written.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ElectionService } from '../../election/service.js';
import { accountOfOwner } from '../../election/threshold.js';
import { electionRolesOf, requireElectionRole } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ElectionParams } from './public-board.js';

export function trusteeRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Params: { electionId: string }; Body: { owner: number; partialDecryption: string } }>(
      '/api/v1/elections/:electionId/partial-decryptions',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            {
              owner: Type.Integer({ minimum: 1, maximum: 1000 }),
              partialDecryption: Type.String({ maxLength: 5_000_000 }),
            },
            { additionalProperties: false },
          ),
          summary: "Submit a trustee's partial decryption (checked against the trustee's key)",
        },
      },
      async (request) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, [
          'trustee',
          'election-admin',
        ]);
        // An election admin may relay any trustee's file (the proofs decide); a trustee never acts
        // for a key bound to another account.
        const election = await elections.get(request.params.electionId);
        if (!(await electionRolesOf(ctx.store, account.id, election)).has('election-admin')) {
          const bound = accountOfOwner(await ctx.store.listTrustees(election.id), request.body.owner);
          if (bound && bound !== account.id) throw new ApiError('SCR_FORBIDDEN');
        }
        await elections.submitPartialDecryption(
          request.params.electionId,
          account,
          request.body.owner,
          request.body.partialDecryption,
        );
        return { ok: true };
      },
    );
  };
}
