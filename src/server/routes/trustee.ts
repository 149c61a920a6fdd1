/**
 * Trustees: what the trustee page needs to know about the signed-in trustee (their Single keys, their
 * slot in a threshold group, which partial decryptions are in), the upload of a Single public key
 * generated in the trustee's browser, and at tally time the partial decryption. The encrypted tally
 * is public (on the board); a trustee computes the partial decryption on their side (browser page or
 * `scrutin-tool election decrypt`) and sends only the result, which is checked against their public
 * key before it is written. No route here ever receives or returns a private key.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TrusteeDuties } from '../../contract/trustee.js';
import { DecodeError, decodeText, encode } from '../../core/codec.js';
import { sha256B64 } from '../../core/hash.js';
import type { ElectionId } from '../../core/ids.js';
import type { ElectionService } from '../../election/service.js';
import { parseThresholdState } from '../../election/threshold.js';
import { trusteePublicKeyCodec } from '../../protocol/messages.js';
import { trusteeKeyId } from '../../protocol/setup.js';
import type { TrusteeRow } from '../../store/store.js';
import { requireElectionRole, requireKeyHolder } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ElectionParams } from './public-board.js';

/** A Single key's public fingerprints: belenios-tool's 8-digit id and BASE64(SHA256(public key JSON)). */
function singleKeyView(row: TrusteeRow, owner: number) {
  const publicJson = row.publicJson ?? '';
  return {
    owner,
    displayName: row.displayName,
    keyId: trusteeKeyId(decodeText(trusteePublicKeyCodec, publicJson, 'trustee public key')),
    fingerprint: sha256B64(publicJson),
  };
}

/** The key as the store keeps it (re-encoded), or undefined for text that is not a public key. */
function canonicalPublicKey(text: string): string | undefined {
  try {
    return encode(trusteePublicKeyCodec, decodeText(trusteePublicKeyCodec, text.trim(), 'public key'));
  } catch (error) {
    if (error instanceof DecodeError) return undefined;
    throw error;
  }
}

/** What of the trustees structure belongs to `accountId`: Single keys, and a slot in a threshold group. */
export function trusteeDuties(rows: readonly TrusteeRow[], accountId: string) {
  const singles: ReturnType<typeof singleKeyView>[] = [];
  let threshold: { slot: number; owner: number } | null = null;
  let owner = 1;
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    if (row.kind === 'pedersen') {
      const state = parseThresholdState(row);
      const slot = state.trustees.findIndex((t) => t.accountId === accountId);
      if (slot >= 0) threshold = { slot: slot + 1, owner: owner + slot };
      owner += state.trustees.length;
    } else {
      if (row.kind === 'single' && row.accountId === accountId) singles.push(singleKeyView(row, owner));
      owner += 1;
    }
  }
  return { singles, threshold };
}

export function trusteeRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { electionId: ElectionId } }>(
      '/api/v1/elections/:electionId/trustee',
      {
        schema: {
          params: ElectionParams,
          summary:
            "The signed-in trustee's part: Single keys bound to the account, threshold slot, partial decryptions received",
        },
      },
      async (request, reply) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, ['trustee']);
        const election = await elections.get(request.params.electionId);
        const duties = trusteeDuties(await ctx.store.trustees.list(election.id), account.id);
        const { state } =
          election.state === 'draft' ? { state: undefined } : await elections.board.state(election.id);
        reply.header('cache-control', 'no-store');
        const answer: TrusteeDuties = {
          election: {
            id: election.id,
            name: election.name,
            state: election.state,
            group: election.groupName,
          },
          account: { displayName: account.displayName },
          ...duties,
          /** Owners whose partial decryption is on the board. */
          decrypted: state ? [...state.shares.keys()].sort((a, b) => a - b) : [],
        };
        return answer;
      },
    );

    app.post<{ Params: { electionId: ElectionId }; Body: { publicKey: string } }>(
      '/api/v1/elections/:electionId/trustees/single/own',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { publicKey: Type.String({ minLength: 1, maxLength: 20000 }) },
            { additionalProperties: false },
          ),
          summary:
            "A trustee's own Single public key (made in the trustee's browser), bound to the signed-in account",
        },
      },
      async (request) => {
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, ['trustee']);
        const election = await elections.get(request.params.electionId);
        if (election.state !== 'draft')
          throw new ApiError('SCR_WRONG_STATE', { state: election.state, allowed: ['draft'] });
        const rows = await ctx.store.trustees.list(election.id);
        const mine = rows.find((r) => r.kind === 'single' && r.accountId === account.id);
        if (mine) {
          // Sent again identical (a retried request): nothing to do; a second key is refused.
          if (mine.publicJson === canonicalPublicKey(request.body.publicKey))
            return { key: trusteeDuties(rows, account.id).singles[0]! };
          throw new ApiError('SCR_WRONG_STATE', { problem: 'your public key is already registered' });
        }
        await elections.addSingleTrustee(election.id, account, {
          displayName: account.displayName,
          accountId: account.id,
          publicKey: request.body.publicKey,
        });
        const after = trusteeDuties(await ctx.store.trustees.list(election.id), account.id);
        return { key: after.singles[0]! };
      },
    );

    app.post<{ Params: { electionId: ElectionId }; Body: { owner: number; partialDecryption: string } }>(
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
        const { account } = await requireKeyHolder(
          ctx,
          request,
          request.params.electionId,
          request.body.owner,
          'any-trustee',
        );
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
