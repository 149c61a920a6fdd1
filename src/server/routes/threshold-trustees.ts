/**
 * Threshold (Pedersen) trustees through the server (spec §3.1.1, §4.6): the election admin declares
 * the group; each trustee, signed in with the account the admin named, sends the output of their
 * steps 1, 3 and 5 for their own slot and fetches what the server computed for them (all
 * certificates, their vinput, at tally time their sealed decryption key). Bodies and answers carry
 * the tools' file contents as text, so `scrutin-tool setup generate-trustee-key-threshold` (or
 * belenios-tool) reads and writes them unchanged. The protocol logic is in election/threshold.ts.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../app/services.js';
import type { ThresholdStatus } from '../../contract/trustee.js';
import type { AccountId, ElectionId } from '../../core/ids.js';
import { MAX_THRESHOLD_TRUSTEES } from '../../election/threshold.js';
import { requireElectionRole } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };
type S = { Params: { electionId: ElectionId; slot: string } };

const BASE = '/api/v1/elections/:electionId/trustees/threshold';
/** Route params are not coerced (app.ts): the slot is a decimal string, 1-based. */
const SlotParams = Type.Object({
  electionId: ElectionParams.properties.electionId,
  slot: Type.String({ pattern: '^[1-9][0-9]{0,2}$' }),
});
const DeclareBody = Type.Object(
  {
    threshold: Type.Integer({ minimum: 1, maximum: MAX_THRESHOLD_TRUSTEES }),
    trustees: Type.Array(
      Type.Object(
        {
          displayName: Type.String({ minLength: 1, maxLength: 200 }),
          accountId: Type.String({ minLength: 1, maxLength: 64 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: MAX_THRESHOLD_TRUSTEES },
    ),
  },
  { additionalProperties: false },
);
/** One message as the tool prints it; polynomials grow with m (m + 1 encrypted messages). */
const messageBody = (field: string) =>
  Type.Object(
    { [field]: Type.String({ minLength: 1, maxLength: 500_000 }) },
    { additionalProperties: false },
  );

export function thresholdTrusteeRoutes(ctx: ServerContext, { threshold }: Services): FastifyPluginAsync {
  return async (app) => {
    const trustee = (request: Parameters<typeof requireElectionRole>[1], electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['trustee']);
    const observer = (request: Parameters<typeof requireElectionRole>[1], electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['election-admin', 'trustee', 'scrutineer']);

    app.post<P & { Body: { threshold: number; trustees: { displayName: string; accountId: AccountId }[] } }>(
      BASE,
      {
        schema: {
          params: ElectionParams,
          body: DeclareBody,
          summary: 'Declare a threshold group: the trustees (accounts) and how many are needed to decrypt',
        },
      },
      async (request, reply) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
        ]);
        return reply
          .status(201)
          .send(await threshold.declare(request.params.electionId, account, request.body));
      },
    );

    app.get<P>(
      BASE,
      {
        schema: {
          params: ElectionParams,
          summary: 'Progress of the key establishment: step, missing trustees, owner numbers',
        },
      },
      async (request) => {
        const { account } = await observer(request, request.params.electionId);
        const status: ThresholdStatus = await threshold.status(request.params.electionId, account);
        return status;
      },
    );

    app.get<P>(
      `${BASE}/certs`,
      {
        schema: {
          params: ElectionParams,
          summary: 'All certificates, one per line (the --certs file), once all are in',
        },
      },
      async (request) => {
        await observer(request, request.params.electionId);
        return { certs: await threshold.certificates(request.params.electionId) };
      },
    );

    app.post<S & { Body: { cert: string } }>(
      `${BASE}/:slot/cert`,
      {
        schema: {
          params: SlotParams,
          body: messageBody('cert'),
          summary: 'Step 1 output: the <id>.cert file (checked: step 2)',
        },
      },
      async (request) => {
        const { account } = await trustee(request, request.params.electionId);
        return threshold.submitCertificate(
          request.params.electionId,
          account,
          Number(request.params.slot),
          request.body.cert,
        );
      },
    );

    app.post<S & { Body: { polynomial: string } }>(
      `${BASE}/:slot/polynomial`,
      {
        schema: {
          params: SlotParams,
          body: messageBody('polynomial'),
          summary: 'Step 3 output: the polynomial (checked: step 3c)',
        },
      },
      async (request) => {
        const { account } = await trustee(request, request.params.electionId);
        return threshold.submitPolynomial(
          request.params.electionId,
          account,
          Number(request.params.slot),
          request.body.polynomial,
        );
      },
    );

    app.get<S>(
      `${BASE}/:slot/vinput`,
      { schema: { params: SlotParams, summary: "Step 4: this trustee's <id>.vinput file" } },
      async (request) => {
        const { account } = await trustee(request, request.params.electionId);
        return threshold.vinput(request.params.electionId, account, Number(request.params.slot));
      },
    );

    app.post<S & { Body: { voutput: string } }>(
      `${BASE}/:slot/voutput`,
      {
        schema: {
          params: SlotParams,
          body: messageBody('voutput'),
          summary: 'Step 5 output: the voutput (checked: step 5d; the last one completes step 6)',
        },
      },
      async (request) => {
        const { account } = await trustee(request, request.params.electionId);
        return threshold.submitVoutput(
          request.params.electionId,
          account,
          Number(request.params.slot),
          request.body.voutput,
        );
      },
    );

    app.get<S>(
      `${BASE}/:slot/decryption-key`,
      {
        schema: {
          params: SlotParams,
          summary:
            "This trustee's <id>.dkey file: the key share sealed to the trustee, for decrypt-threshold",
        },
      },
      async (request, reply) => {
        const { account } = await trustee(request, request.params.electionId);
        reply.header('cache-control', 'no-store');
        return threshold.decryptionKey(request.params.electionId, account, Number(request.params.slot));
      },
    );
  };
}
