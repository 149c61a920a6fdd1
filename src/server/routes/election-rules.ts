/**
 * An election's own rules over HTTP (issue 17): anyone who may see the election reads its rules,
 * their hash and seal and, once the result is published, the seats with their steps and elected
 * names and the outcome of each quorum and majority; the exact stored bytes (whose SHA-256 is the
 * sealed hash) for `scrutin-tool consolidate --rules`. Its election admins set the rules while it is
 * a draft and record how the statutes settled an undecided seat.
 */

import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../app/services.js';
import { ElectionRulesSchema, TIE_BREAK_STEPS } from '../../contract/election-rules.js';
import type { ElectionId } from '../../core/ids.js';
import { requireElectionRole, requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, DomainError } from '../errors.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

export function electionRulesRoutes(ctx: ServerContext, services: Services): FastifyPluginAsync {
  const { rules } = services;
  return async (app) => {
    const admin = (request: Parameters<typeof requireElectionRole>[1], electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['election-admin']);

    app.get<P>(
      '/api/v1/elections/:electionId/rules',
      {
        schema: {
          params: ElectionParams,
          summary: "The election's own rules, their sealed hash and, once published, seats and outcomes",
        },
      },
      async (request) => rules.answer(await requirePublicElection(ctx, request, request.params.electionId)),
    );

    app.get<P>(
      '/api/v1/elections/:electionId/rules.json',
      {
        schema: { params: ElectionParams, summary: 'The exact bytes whose SHA-256 is the sealed rules hash' },
      },
      async (request, reply) => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        const raw = await rules.rawRules(row.id);
        if (raw === undefined)
          throw new ApiError('SCR_NOT_FOUND', { problem: 'this election has no rules of its own' });
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${row.id}.rules.json"`)
          .send(raw);
      },
    );

    app.put<P & { Body: { rules: unknown } }>(
      '/api/v1/elections/:electionId/rules',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ rules: Type.Unknown() }, { additionalProperties: false }),
          summary: 'Sets the rules of a draft (refused once sealed at opening)',
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        const value = request.body.rules;
        // Parsed here, at the boundary, so that a malformed set of rules is a coded refusal.
        if (!Value.Check(ElectionRulesSchema, value)) {
          const first = Value.Errors(ElectionRulesSchema, value).First();
          throw new DomainError('SCR_INVALID_RULES', {
            problems: [first ? `rules${first.path}: ${first.message}` : 'not a set of rules'],
          });
        }
        return rules.set(request.params.electionId, account, value);
      },
    );

    app.post<P & { Body: { question: number; step: (typeof TIE_BREAK_STEPS)[number] } }>(
      '/api/v1/elections/:electionId/rules/settle',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            {
              question: Type.Integer({ minimum: 0, maximum: 49 }),
              step: Type.Union(TIE_BREAK_STEPS.map((s) => Type.Literal(s))),
            },
            { additionalProperties: false },
          ),
          summary: "Records how the statutes settled a list question's undecided seats",
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return rules.settle(request.params.electionId, account, request.body);
      },
    );
  };
}
