/**
 * Credential and login-secret delivery (issue #4) over HTTP.
 *
 * Election admin: delivery settings; server-as-authority credential issuing (each private credential
 * goes into its voter's message and is never part of any answer); password messages (external
 * authority); per-voter status; resending the access message to voters who have not signed in, as a
 * preview then a confirmation. Scrutineers: counts only. Voters: one-time sign-in codes, and the
 * access test (a proof of knowledge of their credential on a challenge bound to their session).
 *
 * Every answer has a response schema, which doubles as the allowlist of its fields.
 */

import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DeliveryCounts as Counts } from '../../contract/delivery.js';
import { AccessAccepted, AccessChallenge, BallotStatus } from '../../contract/voter.js';
import { requireGroup } from '../../core/group.js';
import { sha256Hex } from '../../core/hash.js';
import { identityKey } from '../../core/identity.js';
import type { ElectionId } from '../../core/ids.js';
import {
  checkCode,
  type DeliveryContext,
  deliveryCounts,
  deliverySettings,
  MAX_PASSWORD_DELAY_SECONDS,
  requestCode,
  requestPassword,
  resendAccess,
  resendPlan,
  saveDeliverySettings,
  sendHelpDeskCode,
  sendPasswords,
  sendPasswordToVoter,
  voterDeliveryStatus,
} from '../../delivery/index.js';
import type { ElectionService } from '../../election/service.js';
import { DomainError } from '../../errors/catalogue.js';
import { verifyCredentialAccess } from '../../protocol/access-check.js';
import { requireElectionRole, requireVoter } from '../auth/index.js';
import { checkFailures } from '../auth/plugin.js';
import { rateLimitedError, signInFailures, signInFloodLimit } from '../auth/rate-limits.js';
import { openSession, SESSION_COOKIE, sessionCookieOptions } from '../auth/sessions.js';
import { mailMode, requireMail, requireSms, type ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

const VOTER_LOGIN_ROUTE = '/api/v1/elections/:electionId/voter/login';

const Settings = Type.Object(
  {
    loginMode: Type.Union([Type.Literal('password'), Type.Literal('one-time-code')]),
    passwordDelaySeconds: Type.Integer({ minimum: 0, maximum: MAX_PASSWORD_DELAY_SECONDS }),
    helpContact: Type.String({ maxLength: 300 }),
    defaultLanguage: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
    /** How passwords and one-time codes travel (credentials always by mail); absent: email. */
    secretChannel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms')])),
    /** Mail a receipt with the tracker after each cast (absent: kept as it is; default no). */
    receiptMail: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type Settings = Static<typeof Settings>;
/** What the admin page reads: the settings, and whether this server can send mail and SMS at all. */
const SettingsView = Type.Object({
  ...Settings.properties,
  mail: Type.Union([Type.Literal('smtp'), Type.Literal('terminal-demo'), Type.Literal('none')]),
  sms: Type.Union([Type.Literal('http'), Type.Literal('none')]),
});

const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
  Type.Literal('superseded'),
]);
const MessageSummary = Type.Union([
  Type.Null(),
  Type.Object({
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    status: Status,
    attempts: Type.Integer(),
    lastReason: Type.Union([Type.String(), Type.Null()]),
    queuedAt: Type.String(),
    nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
    sentAt: Type.Union([Type.String(), Type.Null()]),
    generation: Type.Integer(),
  }),
]);
const VoterStatus = Type.Object({
  voterId: Type.String(),
  login: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  language: Type.String(),
  hasCredential: Type.Boolean(),
  credential: MessageSummary,
  recovery: MessageSummary,
  password: MessageSummary,
  reminder: MessageSummary,
  firstLoginAt: Type.Union([Type.String(), Type.Null()]),
  accessCheckedAt: Type.Union([Type.String(), Type.Null()]),
  voted: Type.Boolean(),
});
const ResendPreview = Type.Object({
  kind: Type.Union([Type.Literal('password'), Type.Literal('reminder')]),
  count: Type.Integer(),
  /** Of `count`, how many go by mail and how many by SMS (a reminder always by mail). */
  byChannel: Type.Object({ email: Type.Integer(), sms: Type.Integer() }),
});
const Decimal = Type.String({ pattern: '^[0-9]{1,700}$' });
const AccessCheckBody = Type.Object(
  {
    challenge: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    proof: Type.Object({ challenge: Decimal, response: Decimal }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
const LoginField = Type.String({ minLength: 1, maxLength: 256 });
/** The body of a help-desk action: the voter it is for. */
const HelpDeskBody = Type.Object(
  { voterId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
type HelpDeskBody = Static<typeof HelpDeskBody>;

/** Self-service password requests per client address per minute: a typo or two, not a sweep. */
const passwordRequestLimit = {
  max: 5,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `password-request:${request.ip}`,
  errorResponseBuilder: rateLimitedError,
};

/** Actions without parameters take no body (or an empty JSON object). */
async function noBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new ApiError('SCR_BAD_REQUEST', { problem: 'this action takes no body' });
}

/** The access-test challenge of a session: derived from it, so it needs no storage and differs per session. */
export function accessChallenge(electionId: string, sessionTokenHash: string): string {
  return sha256Hex(`access-check|${electionId}|${sessionTokenHash}`);
}

export function deliveryRoutes(
  ctx: ServerContext,
  elections: ElectionService,
  options: { wake?: () => void } = {},
): FastifyPluginAsync {
  const delivery: DeliveryContext = { ...ctx, ...(options.wake ? { wake: options.wake } : {}) };
  return async (app) => {
    const admin = (request: FastifyRequest, electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['election-admin']);
    /**
     * Every action that queues a sign-in secret: mail must be configured, and SMS too when the
     * election sends passwords and codes by SMS (a gateway removed since is refused here too).
     */
    const requireChannels = async (electionId: string) => {
      requireMail(ctx.config);
      if ((await deliverySettings(ctx.store, electionId)).secretChannel === 'sms') requireSms(ctx.config);
    };
    const inState = async (electionId: ElectionId, allowed: readonly string[]) => {
      const row = await elections.get(electionId);
      if (!allowed.includes(row.state)) throw new ApiError('SCR_WRONG_STATE', { state: row.state, allowed });
      return row;
    };
    /** A help-desk action: the admin, an election in draft or open, and the voter named, of this election. */
    const helpDeskVoter = async (request: FastifyRequest<P & { Body: HelpDeskBody }>) => {
      const { electionId } = request.params;
      const { account } = await admin(request, electionId);
      await inState(electionId, ['draft', 'open']);
      const voter = await ctx.store.voters.get(request.body.voterId);
      if (!voter || voter.electionId !== electionId)
        throw new ApiError('SCR_NOT_FOUND', { problem: 'no such voter in this election' });
      return { account, voter };
    };

    app.get<P>(
      '/api/v1/elections/:electionId/delivery/settings',
      {
        schema: {
          params: ElectionParams,
          summary: 'How voters get their credential and sign in, and whether this server sends mail',
          response: { 200: SettingsView },
        },
      },
      async (request) => {
        await admin(request, request.params.electionId);
        const settings = await deliverySettings(ctx.store, request.params.electionId);
        return {
          ...settings,
          secretChannel: settings.secretChannel ?? 'email',
          receiptMail: settings.receiptMail === true,
          mail: mailMode(ctx.config),
          sms: ctx.config.sms ?? 'none',
        };
      },
    );

    app.put<P & { Body: Settings }>(
      '/api/v1/elections/:electionId/delivery/settings',
      {
        schema: {
          params: ElectionParams,
          body: Settings,
          summary:
            'Set the sign-in mode (draft only), the password delay, the help contact and default language',
          response: { 200: Settings },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { account } = await admin(request, electionId);
        const row = await inState(electionId, ['draft', 'open']);
        const current = await deliverySettings(ctx.store, electionId);
        if (row.state !== 'draft' && request.body.loginMode !== current.loginMode)
          throw new ApiError('SCR_WRONG_STATE', { problem: 'the sign-in mode is fixed once voting is open' });
        // Like mail: a channel this server cannot use is refused when chosen, not when a voter waits.
        if (request.body.secretChannel === 'sms') requireSms(ctx.config);
        // A form that does not name the channel keeps the one chosen.
        const secretChannel = request.body.secretChannel ?? current.secretChannel;
        const receiptMail = request.body.receiptMail ?? current.receiptMail;
        const next = {
          ...request.body,
          ...(secretChannel === undefined ? {} : { secretChannel }),
          ...(receiptMail === undefined ? {} : { receiptMail }),
        };
        await saveDeliverySettings(ctx.store, electionId, account.id, next);
        return next;
      },
    );

    app.post<P>(
      '/api/v1/elections/:electionId/delivery/credentials',
      {
        schema: {
          params: ElectionParams,
          summary:
            "Server as credential authority: generate each voter's credential and queue it in a message to that voter only (answers counts, never a credential)",
          response: {
            200: Type.Object({
              count: Type.Integer(),
              fingerprint: Type.String(),
              credentialMessages: Type.Integer(),
              passwordMessages: Type.Integer(),
            }),
          },
        },
        preValidation: noBody,
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        await inState(request.params.electionId, ['draft']);
        await requireChannels(request.params.electionId);
        return elections.issueServerCredentials(request.params.electionId, account, delivery);
      },
    );

    app.post<P & { Body: { immediately?: boolean } }>(
      '/api/v1/elections/:electionId/delivery/passwords',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ immediately: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          summary:
            "Queue every voter's password message (external credential authority), after the election's delay unless immediately; refused once voting is open",
          response: { 200: Type.Object({ queued: Type.Integer() }) },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { account } = await admin(request, electionId);
        const row = await inState(electionId, ['draft', 'open']);
        // Issue 15: nobody's password is replaced behind their back during a vote.
        if (row.state === 'open') throw new ApiError('SCR_MASS_PASSWORDS_REFUSED');
        await requireChannels(electionId);
        const immediately = request.body.immediately === true;
        return { queued: await sendPasswords(delivery, electionId, account.id, { immediately }) };
      },
    );

    app.post<P & { Body: HelpDeskBody }>(
      '/api/v1/elections/:electionId/delivery/passwords/help-desk',
      {
        schema: {
          params: ElectionParams,
          body: HelpDeskBody,
          summary:
            'Help desk: a new password for one named voter who asked, sent to their registered address (audited)',
          response: { 200: Type.Object({ queued: Type.Integer() }) },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { account, voter } = await helpDeskVoter(request);
        await requireChannels(electionId);
        return { queued: await sendPasswordToVoter(delivery, electionId, voter, account.id, 'help-desk') };
      },
    );

    app.post<P & { Body: HelpDeskBody }>(
      '/api/v1/elections/:electionId/delivery/codes/help-desk',
      {
        schema: {
          params: ElectionParams,
          body: HelpDeskBody,
          summary:
            'Help desk: a one-time sign-in code for one named voter, sent now by the channel of sign-in secrets (not within a minute of the last; audited)',
          response: {
            200: Type.Object({
              outcome: Type.Union([
                Type.Literal('sent'),
                Type.Literal('recent'),
                Type.Literal('not-available'),
              ]),
              channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
            }),
          },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { account, voter } = await helpDeskVoter(request);
        await requireChannels(electionId);
        return sendHelpDeskCode(delivery, electionId, voter, account.id);
      },
    );

    app.post<P & { Body: { login: string; email: string } }>(
      '/api/v1/elections/:electionId/voter/password-request',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { login: LoginField, email: Type.String({ minLength: 1, maxLength: 320 }) },
            { additionalProperties: false },
          ),
          summary:
            'A voter asks for a new password: sent to the registered address if login and address match (same answer whatever matched)',
          response: { 202: Type.Object({ received: Type.Literal(true) }) },
        },
        config: { rateLimit: passwordRequestLimit },
      },
      async (request, reply) => {
        const { electionId } = request.params;
        await requireChannels(electionId);
        await inState(electionId, ['draft', 'open']);
        await requestPassword(delivery, electionId, request.body);
        return reply.status(202).send({ received: true as const });
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/delivery/voters',
      {
        schema: {
          params: ElectionParams,
          summary:
            "Per-voter delivery status: messages (with the mail server's reason), signed in, access tested, voted",
          response: { 200: Type.Object({ voters: Type.Array(VoterStatus) }) },
        },
      },
      async (request) => {
        await admin(request, request.params.electionId);
        return { voters: await voterDeliveryStatus(ctx.store, request.params.electionId) };
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/delivery/counts',
      {
        schema: {
          params: ElectionParams,
          summary: 'Delivery counts (no voter named): for scrutineers and admins',
          response: { 200: Counts },
        },
      },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, ['election-admin', 'scrutineer']);
        return deliveryCounts(await voterDeliveryStatus(ctx.store, request.params.electionId));
      },
    );

    /** Voters who never signed in and have a credential; what they would be sent. */
    const planResend = async (electionId: ElectionId) => {
      await inState(electionId, ['draft', 'open']);
      return resendPlan(ctx, electionId);
    };

    app.post<P>(
      '/api/v1/elections/:electionId/delivery/resend/preview',
      {
        schema: {
          params: ElectionParams,
          summary: 'How many voters who have not signed in yet would be sent their access message again',
          response: { 200: ResendPreview },
        },
        preValidation: noBody,
      },
      async (request) => {
        await admin(request, request.params.electionId);
        const plan = await planResend(request.params.electionId);
        return { kind: plan.kind, count: plan.voterIds.length, byChannel: plan.byChannel };
      },
    );

    app.post<P & { Body: { expectedCount: number } }>(
      '/api/v1/elections/:electionId/delivery/resend',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ expectedCount: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
          summary:
            'Resend the access message (a new password, or a reminder in one-time-code mode) to voters who have not signed in; the count must match the preview',
          response: { 200: Type.Object({ kind: ResendPreview.properties.kind, queued: Type.Integer() }) },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { account } = await admin(request, electionId);
        const plan = await planResend(electionId);
        if (plan.voterIds.length !== request.body.expectedCount)
          throw new ApiError('SCR_RESEND_CHANGED', { count: plan.voterIds.length });
        if (plan.voterIds.length > 0) await requireChannels(electionId);
        const queued = await resendAccess(delivery, electionId, account.id, plan);
        return { kind: plan.kind, queued };
      },
    );

    // Voters: one-time codes

    app.post<P & { Body: { login: string } }>(
      '/api/v1/elections/:electionId/voter/code',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ login: LoginField }, { additionalProperties: false }),
          summary:
            'One-time-code mode: send a sign-in code to the registered address of this login (same answer for any login)',
          response: { 202: Type.Object({ sent: Type.Boolean(), validMinutes: Type.Integer() }) },
        },
        // A code is sent at most once per interval per login (codes.ts): only a flood bound per address.
        config: { rateLimit: signInFloodLimit },
      },
      async (request, reply) => {
        // The same refusal for every login and election: it tells nothing about who is registered.
        await requireChannels(request.params.electionId);
        await requestCode(delivery, request.params.electionId, request.body.login);
        return reply.status(202).send({ sent: true, validMinutes: 10 });
      },
    );

    app.post<P & { Body: { login: string; code: string } }>(
      '/api/v1/elections/:electionId/voter/code/login',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { login: LoginField, code: Type.String({ minLength: 1, maxLength: 32 }) },
            { additionalProperties: false },
          ),
          summary: 'One-time-code mode: sign in with the code received',
          response: {
            200: Type.Object({
              voter: Type.Object({ login: Type.String(), displayName: Type.String() }),
              csrfToken: Type.String(),
            }),
          },
        },
        config: { rateLimit: signInFloodLimit },
        // Failures only, per login and per address: members signing in from one room all get in.
        preHandler: async (request, reply) =>
          checkFailures(signInFailures(ctx), codeLoginName(request), request.ip, reply),
      },
      async (request, reply) => {
        const { electionId } = request.params;
        const voter = await checkCode(delivery, electionId, request.body.login, request.body.code).catch(
          (error: unknown) => {
            // A wrong code is a failed sign-in like a wrong password (mapped on its code: checkCode
            // throws the catalogue's DomainError, not an ApiError).
            if (error instanceof DomainError && error.code === 'SCR_BAD_CODE')
              signInFailures(ctx).failed(codeLoginName(request), request.ip);
            throw error;
          },
        );
        signInFailures(ctx).succeeded(codeLoginName(request), request.ip);
        if (request.principal.kind !== 'anonymous')
          await ctx.store.accounts.deleteSession(request.principal.tokenHash);
        const session = await openSession(ctx.store, ctx.clock, {
          kind: 'voter',
          voterId: voter.id,
          electionId,
        });
        reply.setCookie(SESSION_COOKIE, session.token.reveal(), sessionCookieOptions(ctx.config));
        reply.header('cache-control', 'no-store');
        await ctx.store.delivery.recordAccess(electionId, voter.id, 'login', ctx.clock.now().toISOString());
        request.log.info({ electionId, voterId: voter.id }, 'voter signed in with a one-time code');
        return {
          voter: { login: voter.login, displayName: voter.displayName },
          csrfToken: session.row.csrfToken,
        };
      },
    );

    // Voters: whether a ballot of theirs is recorded (the booth says a new one replaces it)

    app.get<P>(
      '/api/v1/elections/:electionId/voter/ballot-status',
      {
        schema: {
          params: ElectionParams,
          summary: 'Whether the signed-in voter has a ballot recorded already (nothing else about it)',
          response: { 200: BallotStatus },
        },
      },
      async (request, reply) => {
        const { electionId } = request.params;
        const { voter } = requireVoter(request, electionId);
        reply.header('cache-control', 'no-store');
        return { hasVoted: await ctx.store.board.hasCast(electionId, voter.id) };
      },
    );

    // Voters: test your access

    app.get<P>(
      '/api/v1/elections/:electionId/voter/access-check',
      {
        schema: {
          params: ElectionParams,
          summary: 'Access test: a challenge for a proof of knowledge of your credential (nothing is cast)',
          response: { 200: AccessChallenge },
        },
      },
      async (request, reply) => {
        const { electionId } = request.params;
        const { tokenHash } = requireVoter(request, electionId);
        const row = await inState(electionId, ['draft', 'open']);
        reply.header('cache-control', 'no-store');
        return { challenge: accessChallenge(electionId, tokenHash), group: row.groupName, uuid: row.id };
      },
    );

    app.post<P & { Body: Static<typeof AccessCheckBody> }>(
      '/api/v1/elections/:electionId/voter/access-check',
      {
        schema: {
          params: ElectionParams,
          body: AccessCheckBody,
          summary: 'Access test: check the proof against your registered public credential; nothing is cast',
          response: { 200: AccessAccepted },
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const { voter, tokenHash } = requireVoter(request, electionId);
        const row = await inState(electionId, ['draft', 'open']);
        const stored = await ctx.store.voters.get(voter.id);
        if (!stored?.publicCredential) throw new ApiError('SCR_NO_CREDENTIAL_YET');
        const challenge = accessChallenge(electionId, tokenHash);
        const proof = {
          challenge: BigInt(request.body.proof.challenge),
          response: BigInt(request.body.proof.response),
        };
        const ok =
          request.body.challenge === challenge &&
          verifyCredentialAccess(
            requireGroup(row.groupName),
            row.id,
            BigInt(stored.publicCredential),
            challenge,
            proof,
          );
        if (!ok) throw new ApiError('SCR_ACCESS_CHECK_FAILED');
        await ctx.store.delivery.recordAccess(
          electionId,
          voter.id,
          'access-check',
          ctx.clock.now().toISOString(),
        );
        return { accepted: true as const };
      },
    );
  };
}

/**
 * Notes each voter's sign-in with a password (the auth plugin's route) for the delivery status. It
 * observes the answer rather than changing that route: registered on the root instance, it records
 * after a 200 and never fails the sign-in (a lost note only shows the voter as not signed in yet).
 */
export function voterSignInRecorder(ctx: ServerContext): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (
        request.routeOptions.url !== VOTER_LOGIN_ROUTE ||
        reply.statusCode !== 200 ||
        request.method !== 'POST'
      )
        return payload;
      try {
        const electionId = (request.params as { electionId: string }).electionId;
        const login = (request.body as { login: string }).login;
        const voter = await ctx.store.voters.findByLogin(electionId, login);
        if (voter !== undefined)
          await ctx.store.delivery.recordAccess(electionId, voter.id, 'login', ctx.clock.now().toISOString());
      } catch (error) {
        request.log.warn({ err: { type: (error as Error).name } }, 'could not record a voter sign-in');
      }
      return payload;
    });
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'scrutin-voter-sign-in-recorder',
  });
}

/** The failure counter's name for a one-time-code sign-in (the same budget as the password sign-in's). */
function codeLoginName(request: { params: unknown; body: unknown }): string {
  const { electionId } = request.params as { electionId?: string };
  const { login } = (request.body ?? {}) as { login?: unknown };
  return `voter:${electionId ?? ''}:${typeof login === 'string' ? identityKey(login) : ''}`;
}
