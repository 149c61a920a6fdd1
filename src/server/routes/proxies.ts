/**
 * Proxies over HTTP (issue 17). A voter signed in to their election gives their proxy, and the holder
 * accepts or declines it; either revokes it before opening. These are voter routes only: no staff
 * route creates, accepts or revokes a proxy, so no administrator can give one in a voter's name.
 * Election admins set the cap per holder; they and scrutineers read every proxy with its history;
 * anyone who may see the election reads the counts.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../app/services.js';
import { MAX_PER_HOLDER_LIMIT } from '../../recovery/proxies.js';
import { requireElectionRole, requirePublicElection, requireVoter } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: string } };
type PP = { Params: { electionId: string; proxyId: string } };

const ProxyParams = Type.Object(
  { electionId: ElectionParams.properties.electionId, proxyId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export function proxyRoutes(ctx: ServerContext, services: Services): FastifyPluginAsync {
  const { proxies } = services;
  return async (app) => {
    app.get<P>(
      '/api/v1/elections/:electionId/voter/proxies',
      {
        schema: {
          params: ElectionParams,
          summary: 'The proxy the signed-in voter gave, those offered to them and those they hold',
        },
      },
      async (request, reply) => {
        const { voter } = requireVoter(request, request.params.electionId);
        reply.header('cache-control', 'no-store');
        return proxies.mine(request.params.electionId, voter.id);
      },
    );

    app.post<P & { Body: { holder: string } }>(
      '/api/v1/elections/:electionId/voter/proxies',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { holder: Type.String({ minLength: 1, maxLength: 256 }) },
            { additionalProperties: false },
          ),
          summary:
            'Gives the signed-in voter’s proxy to another voter of the election (by login), before opening',
        },
      },
      async (request, reply) => {
        const { voter } = requireVoter(request, request.params.electionId);
        return reply
          .status(201)
          .send(await proxies.give(request.params.electionId, voter.id, request.body.holder));
      },
    );

    for (const action of ['accept', 'decline', 'revoke'] as const) {
      app.post<PP>(
        `/api/v1/elections/:electionId/voter/proxies/:proxyId/${action}`,
        {
          schema: {
            params: ProxyParams,
            summary:
              action === 'revoke'
                ? 'The giver takes back, or the holder gives back, a proxy before opening'
                : `The holder ${action}s a proxy offered to them, before opening`,
          },
        },
        async (request) => {
          const { voter } = requireVoter(request, request.params.electionId);
          return proxies[action](request.params.electionId, voter.id, request.params.proxyId);
        },
      );
    }

    app.get<P>(
      '/api/v1/elections/:electionId/proxies',
      {
        schema: {
          params: ElectionParams,
          summary: 'Every proxy with its history, and who holds how many (staff and scrutineers)',
        },
      },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['election-admin', 'scrutineer']);
        return proxies.list(request.params.electionId);
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/proxies/counts',
      {
        schema: { params: ElectionParams, summary: 'How many proxies are in force, held by how many voters' },
      },
      async (request) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        return proxies.counts(row.id);
      },
    );

    app.put<P & { Body: { maxPerHolder: number } }>(
      '/api/v1/elections/:electionId/proxies/settings',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { maxPerHolder: Type.Integer({ minimum: 0, maximum: MAX_PER_HOLDER_LIMIT }) },
            { additionalProperties: false },
          ),
          summary: 'How many proxies one voter may hold (0: none), before opening',
        },
      },
      async (request) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
        ]);
        return proxies.setMaxPerHolder(request.params.electionId, account, request.body.maxPerHolder);
      },
    );
  };
}
