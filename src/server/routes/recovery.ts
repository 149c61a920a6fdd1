/**
 * Credential recovery over HTTP (issue #4 item 5; the logic is src/recovery/service.ts):
 *   - anyone: the catalogue of credential modes (protection and residual risk, FR/EN) and the
 *     self-service request (login + registered address; the same answer whatever they match);
 *   - the credential-recovery officer (the election's credential-authority role, never one of its
 *     admins): uploads their public key, decides requests, downloads the escrows of approved ones,
 *     uploads what they decrypted offline;
 *   - the election admin: chooses "no recovery", replaces a credential before opening, files a
 *     request as help desk, sees the requests.
 * Answers carry ids, logins, states and public keys only; the upload of recovered credentials is the
 * only body with a secret, which the server checks, hands to the outbox and forgets.
 */

import type { RateLimitOptions } from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Services } from '../../app/services.js';
import { SelfServiceRecovery } from '../../contract/voter.js';
import type { ElectionId } from '../../core/ids.js';
import { deliverySettings } from '../../delivery/index.js';
import { escrowBatchCodec } from '../../recovery/batch-files.js';
import { CREDENTIAL_MODES } from '../../recovery/modes.js';
import {
  electionRolesOf,
  requireAccount,
  requireElectionRole,
  requirePublicElection,
} from '../auth/index.js';
import { rateLimitedError } from '../auth/rate-limits.js';
import { requireMail, type ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

/** Self-service requests per client address per minute: enough for a typo or two, not for a sweep. */
export const RECOVERY_REQUESTS_PER_MINUTE = 5;

const selfServiceRateLimit: RateLimitOptions = {
  max: RECOVERY_REQUESTS_PER_MINUTE,
  timeWindow: 60_000,
  keyGenerator: (request) => `recovery:${request.ip}`,
  errorResponseBuilder: rateLimitedError,
};

/** The one answer to a self-service request, whatever matched (no enumeration of voters). */
export const SELF_SERVICE_ANSWER = {
  received: true,
  en: 'If this login and address match a voter of this election, the request has been recorded. Once approved, your voting credential will be sent to your registered address only. Contact the election’s help desk if nothing arrives.',
  fr: 'Si cet identifiant et cette adresse correspondent à un votant de cette élection, la demande est enregistrée. Une fois approuvée, votre code de vote sera envoyé à votre seule adresse enregistrée. Contactez l’assistance de l’élection si rien n’arrive.',
} as const;

const Id = Type.String({ minLength: 1, maxLength: 64 });

async function noBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new ApiError('SCR_BAD_REQUEST', { problem: 'this action takes no body' });
}

export function recoveryRoutes(ctx: ServerContext, { elections, recovery }: Services): FastifyPluginAsync {
  return async (app) => {
    const path = (suffix: string) => `/api/v1/elections/:electionId/recovery${suffix}`;
    const admin = (request: FastifyRequest, electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['election-admin']);
    /** The officer: a credential authority of the election who is not also one of its admins. */
    const officer = async (request: FastifyRequest, electionId: ElectionId) => {
      const principal = await requireElectionRole(ctx, request, electionId, ['credential-authority']);
      const held = await electionRolesOf(ctx.store, principal.account.id, await elections.get(electionId));
      if (held.has('election-admin')) throw new ApiError('SCR_RECOVERY_SEPARATION');
      return principal;
    };

    app.get(
      '/api/v1/account/recovery-duties',
      {
        schema: {
          summary:
            "The officer's page: the elections (and consultation boxes) the signed-in account is the recovery officer of, with their requests",
        },
      },
      async (request) => {
        const { account } = requireAccount(request);
        const grants = await ctx.store.elections.listRolesOfAccount(account.id);
        const served = [
          ...new Set(grants.filter((g) => g.role === 'credential-authority').map((g) => g.electionId)),
        ];
        const duties = [];
        for (const electionId of served) {
          const row = await ctx.store.elections.get(electionId);
          if (row?.credentialMode !== 'server') continue;
          // An admin of the election is never its officer (the decisions would be refused): left out.
          if ((await electionRolesOf(ctx.store, account.id, row)).has('election-admin')) continue;
          const status = await recovery.status(row.id);
          const box = await ctx.store.consultations.boxOfElection(row.id);
          const consultation = box ? await ctx.store.consultations.get(box.consultationId) : undefined;
          duties.push({
            electionId: row.id,
            name: row.name,
            state: row.state,
            group: row.groupName,
            recovery: status.recovery,
            fingerprint: status.officer?.fingerprint ?? null,
            mine: status.officer?.accountId === account.id,
            consultation:
              box && consultation
                ? {
                    id: consultation.id,
                    name: consultation.name,
                    round: consultation.round,
                    box: box.label,
                    annulled: box.annulReason !== null,
                  }
                : null,
            requests: await recovery.listRequests(row.id),
          });
        }
        // Consultations together, their boxes by label; elections on their own by name.
        const title = (d: {
          name: string;
          consultation: { name: string; round: number; box: string } | null;
        }) =>
          d.consultation
            ? `${d.consultation.name}\u0000${d.consultation.round}\u0000${d.consultation.box}`
            : d.name;
        return { elections: duties.sort((a, b) => title(a).localeCompare(title(b))) };
      },
    );

    app.get(
      '/api/v1/credential-modes',
      { schema: { summary: 'Credential modes: what each protects and the residual risk (FR/EN)' } },
      async () => ({ modes: CREDENTIAL_MODES }),
    );

    app.get<P>(
      path(''),
      { schema: { params: ElectionParams, summary: 'Recovery settings and request counts (no secrets)' } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
          'credential-authority',
          'scrutineer',
        ]);
        return recovery.status(request.params.electionId);
      },
    );

    app.put<P & { Body: { publicKey: string } }>(
      path('/officer-key'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { publicKey: Type.String({ minLength: 2, maxLength: 5000 }) },
            { additionalProperties: false },
          ),
          summary: "The recovery officer's public key (made with scrutin-tool recovery generate-key)",
        },
      },
      async (request) => {
        const { account } = await officer(request, request.params.electionId);
        return recovery.setOfficerKey(request.params.electionId, account, request.body.publicKey);
      },
    );

    app.post<P>(
      path('/no-recovery'),
      {
        schema: { params: ElectionParams, summary: 'Choose explicitly to have no credential recovery' },
        preValidation: noBody,
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return recovery.chooseNoRecovery(request.params.electionId, account);
      },
    );

    app.post<P & { Body: { voterId: string } }>(
      path('/replacements'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ voterId: Id }, { additionalProperties: false }),
          summary: "Before opening: replace a voter's lost or undelivered credential (a new one is sent)",
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        // A replaced credential must reach its voter: without mail, refuse before replacing (ops).
        requireMail(ctx.config);
        return recovery.replaceCredential(request.params.electionId, account, request.body.voterId);
      },
    );

    app.get<P>(
      path('/self-service'),
      {
        schema: {
          params: ElectionParams,
          response: { 200: SelfServiceRecovery },
          summary: 'Whether voters can ask for a lost credential from the pages, and the help contact',
        },
      },
      async (request): Promise<SelfServiceRecovery> => {
        const row = await requirePublicElection(ctx, request, request.params.electionId);
        const { helpContact } = await deliverySettings(ctx.store, row.id);
        return { available: await recovery.offersSelfService(row), helpContact };
      },
    );

    app.post<P & { Body: { login: string; email: string } }>(
      path('/requests'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            {
              login: Type.String({ minLength: 1, maxLength: 200 }),
              email: Type.String({ minLength: 1, maxLength: 320 }),
            },
            { additionalProperties: false },
          ),
          summary: 'Self-service: ask for your credential again (same answer whatever matches)',
        },
        config: { rateLimit: selfServiceRateLimit },
      },
      async (request, reply) => {
        await recovery.requestBySelfService(
          request.params.electionId,
          request.body.login,
          request.body.email,
        );
        return reply.status(202).send(SELF_SERVICE_ANSWER);
      },
    );

    app.post<P & { Body: { voterId: string } }>(
      path('/help-desk-requests'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ voterId: Id }, { additionalProperties: false }),
          summary: "Help desk: file a recovery request on a voter's behalf",
        },
      },
      async (request, reply) => {
        const { account } = await admin(request, request.params.electionId);
        return reply
          .status(201)
          .send(await recovery.requestByHelpDesk(request.params.electionId, account, request.body.voterId));
      },
    );

    app.get<P>(
      path('/requests'),
      { schema: { params: ElectionParams, summary: 'Recovery requests (voter, origin, state, dates)' } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
          'credential-authority',
        ]);
        return { requests: await recovery.listRequests(request.params.electionId) };
      },
    );

    app.post<P & { Body: { requestId: string; approve: boolean } }>(
      path('/decisions'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ requestId: Id, approve: Type.Boolean() }, { additionalProperties: false }),
          summary: 'The officer approves or rejects a pending request',
        },
      },
      async (request) => {
        const { account } = await officer(request, request.params.electionId);
        return recovery.decide(
          request.params.electionId,
          account,
          request.body.requestId,
          request.body.approve,
        );
      },
    );

    app.get<P>(
      path('/escrow-batch'),
      {
        schema: {
          params: ElectionParams,
          summary: 'The officer downloads the sealed credentials of approved requests (ciphertexts only)',
        },
      },
      async (request) => {
        const { account } = await officer(request, request.params.electionId);
        const batch = await recovery.escrowBatch(request.params.electionId, account);
        // The file the CLI reads: big numbers as decimal strings, fields in the codec's order.
        return escrowBatchCodec.toJson(batch);
      },
    );

    app.post<P & { Body: { recovered: string } }>(
      path('/recovered-credentials'),
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { recovered: Type.String({ minLength: 2, maxLength: 2_000_000 }) },
            { additionalProperties: false },
          ),
          summary:
            'The officer uploads the file written by scrutin-tool recovery decrypt; each credential is sent to its voter',
        },
      },
      async (request) => {
        const { account } = await officer(request, request.params.electionId);
        requireMail(ctx.config);
        return recovery.completeRecovery(request.params.electionId, account, request.body.recovered);
      },
    );
  };
}
