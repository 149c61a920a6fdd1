/**
 * Per-voter changes of the roll over HTTP (issue 15; the logic is src/election/roll-changes.ts), for
 * election admins: correct an address or a phone number, add a voter, remove a voter, change a weight. Each answer
 * says what happened to the voter's credential and whether the old address was told; none carries
 * an address in clear other than the one the admin typed, nor any secret.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Services } from '../../app/services.js';
import type { ElectionId } from '../../core/ids.js';
import { deliverySettings } from '../../delivery/index.js';
import { requireElectionRole } from '../auth/index.js';
import { requireMail, requireSms, type ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };
type V = { Params: { electionId: ElectionId; voterId: string } };

const VoterParams = Type.Object({
  ...ElectionParams.properties,
  voterId: Type.String({ minLength: 1, maxLength: 64 }),
});
const Address = Type.String({ minLength: 3, maxLength: 320 });
const Outcome = Type.Object({
  voterId: Type.String(),
  login: Type.String(),
  credential: Type.Union(
    ['replaced', 'issued', 'removed', 'recovery-requested', 'unchanged', 'none'].map((c) => Type.Literal(c)),
  ),
  noticeToOldAddress: Type.Boolean(),
});

async function noBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new ApiError('SCR_BAD_REQUEST', { problem: 'this action takes no body' });
}

export function rollRoutes(ctx: ServerContext, { rollChanges: changes }: Services): FastifyPluginAsync {
  return async (app) => {
    /** The election admin; when the change will mail a voter, mail must be configured first. */
    const admin = async (request: FastifyRequest, electionId: string) => {
      const principal = await requireElectionRole(ctx, request, electionId, ['election-admin']);
      if (await changes.mailsVoters(electionId)) requireMail(ctx.config);
      return principal;
    };

    app.post<V & { Body: { email: string } }>(
      '/api/v1/elections/:electionId/voters/:voterId/address',
      {
        schema: {
          params: VoterParams,
          body: Type.Object({ email: Address }, { additionalProperties: false }),
          summary:
            "Correct a voter's address: the old address is told first; before opening a new credential, after opening the same one through recovery",
          response: { 200: Outcome },
        },
      },
      async (request) => {
        const { electionId, voterId } = request.params;
        const { account } = await admin(request, electionId);
        return changes.correctAddress(electionId, account, voterId, request.body.email);
      },
    );

    app.post<V & { Body: { phone: string } }>(
      '/api/v1/elections/:electionId/voters/:voterId/phone',
      {
        schema: {
          params: VoterParams,
          body: Type.Object({ phone: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
          summary:
            "Correct a voter's phone number (E.164; empty removes it), before and after opening: the credential stays; when passwords go by SMS, a voter who had one gets a new one at the corrected number",
          response: {
            200: Type.Object({ ...Outcome.properties, passwordSent: Type.Boolean() }),
          },
        },
      },
      async (request) => {
        const { electionId, voterId } = request.params;
        const { account } = await admin(request, electionId);
        // A new password may leave by SMS: refused before anything changes when it cannot.
        if (
          (await changes.mailsVoters(electionId)) &&
          (await deliverySettings(ctx.store, electionId)).secretChannel === 'sms'
        )
          requireSms(ctx.config);
        return changes.correctPhone(electionId, account, voterId, request.body.phone);
      },
    );

    app.post<
      P & {
        Body: {
          email: string;
          login?: string;
          weight?: string;
          displayName?: string;
          language?: 'fr' | 'en';
        };
      }
    >(
      '/api/v1/elections/:electionId/voters',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            {
              email: Address,
              login: Type.Optional(Type.String({ maxLength: 200 })),
              weight: Type.Optional(Type.String({ maxLength: 20 })),
              displayName: Type.Optional(Type.String({ maxLength: 200 })),
              language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
            },
            { additionalProperties: false },
          ),
          summary: 'Add one voter (before opening); once credentials are issued, they get one',
          response: { 201: Outcome },
        },
      },
      async (request, reply) => {
        const { electionId } = request.params;
        const { account } = await admin(request, electionId);
        return reply.status(201).send(await changes.addVoter(electionId, account, request.body));
      },
    );

    app.post<V>(
      '/api/v1/elections/:electionId/voters/:voterId/remove',
      {
        schema: {
          params: VoterParams,
          summary: 'Remove one voter (before opening); their public credential goes with them',
          response: { 200: Outcome },
        },
        preValidation: noBody,
      },
      async (request) => {
        const { electionId, voterId } = request.params;
        const { account } = await requireElectionRole(ctx, request, electionId, ['election-admin']);
        return changes.removeVoter(electionId, account, voterId);
      },
    );

    app.post<V & { Body: { weight: string } }>(
      '/api/v1/elections/:electionId/voters/:voterId/weight',
      {
        schema: {
          params: VoterParams,
          body: Type.Object(
            { weight: Type.String({ minLength: 1, maxLength: 20 }) },
            { additionalProperties: false },
          ),
          summary: "Change one voter's weight (before opening)",
          response: { 200: Outcome },
        },
      },
      async (request) => {
        const { electionId, voterId } = request.params;
        const { account } = await requireElectionRole(ctx, request, electionId, ['election-admin']);
        return changes.changeWeight(electionId, account, voterId, request.body.weight);
      },
    );
  };
}
