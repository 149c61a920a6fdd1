/**
 * A person's own password, and the people of an organisation (issue 15): nobody chooses or sees
 * another person's password. Anonymous: set one's password on an invitation or reset link, and ask
 * for a reset link (the same answer whether or not the address has an account). Signed in: change
 * one's password (the other sessions end). Organisation admins: send an invitation again, suspend,
 * reinstate or remove a person (audited) — never set a password. A link's token goes into one mail,
 * to its person; no answer, log line or audit entry carries it.
 */
import { randomBytes } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { reinviteMember, removeMember, setMemberStatus } from '../../accounts/members.js';
import {
  changeOwnPassword,
  type IssuedLink,
  type PasswordRefusal,
  RESET_MINUTES,
  redeemLink,
  resetLinkFor,
} from '../../accounts/people.js';
import { secret } from '../../core/secret.js';
import { type AccountMailOutcome, sendAccountMail } from '../../delivery/index.js';
import type { AccountTokenPurpose } from '../../store/accounts/repository.js';
import type { AccountRow, Store } from '../../store/store.js';
import { PASSWORD_MAX_LENGTH, requireAccount, requireOrganisationAdmin } from '../auth/index.js';
import { signInFloodLimit } from '../auth/rate-limits.js';
import { strictValidator } from '../auth/strict-validator.js';
import { mailMode, type ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

/** Reset requests per address per minute: a person needs one or two; each may send a mail. */
const LINK_REQUESTS_PER_MINUTE = 10;
/** A reset mail at most this often per account, so the form cannot flood a mailbox. */
const RESET_RESEND_INTERVAL_MS = 60_000;

const NEW_PASSWORD = Type.String({ minLength: 1, maxLength: 2 * PASSWORD_MAX_LENGTH });
const EMAIL = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' });

const RedeemBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }), password: NEW_PASSWORD },
  { additionalProperties: false },
);
const ResetBody = Type.Object({ email: EMAIL }, { additionalProperties: false });
const ChangeBody = Type.Object(
  { currentPassword: NEW_PASSWORD, newPassword: NEW_PASSWORD },
  { additionalProperties: false },
);
const MemberParams = Type.Object({
  organisationId: Type.String({ minLength: 1, maxLength: 64 }),
  accountId: Type.String({ minLength: 1, maxLength: 64 }),
});
type MemberParams = Static<typeof MemberParams>;

const flood = {
  max: LINK_REQUESTS_PER_MINUTE,
  timeWindow: 60_000,
  keyGenerator: signInFloodLimit.keyGenerator,
  errorResponseBuilder: signInFloodLimit.errorResponseBuilder,
};

/**
 * Without mail, an invitation could never reach its person: refuse before anything is created.
 * (The demo's noting transport is a mail mode too: there the answer says "not sent".)
 */
export function requireInvitationMail(ctx: ServerContext): void {
  if (mailMode(ctx.config) === 'none' || ctx.accountMail === undefined)
    throw new ApiError('SCR_INVITATION_NEEDS_MAIL');
}

/** Mails a link to its account's person; the log line names the account and the outcome only. */
export async function mailLink(
  ctx: ServerContext,
  log: FastifyBaseLogger,
  account: Pick<AccountRow, 'id' | 'email' | 'displayName'>,
  purpose: AccountTokenPurpose,
  issued: IssuedLink,
  organisationName?: string,
): Promise<AccountMailOutcome> {
  const sent = await sendAccountMail(
    ctx.accountMail,
    {
      accountId: account.id,
      to: account.email,
      displayName: account.displayName,
      purpose,
      link: issued.link.reveal(),
      expiresAt: issued.expiresAt,
      ...(organisationName === undefined ? {} : { organisationName }),
    },
    `${purpose}-${randomBytes(9).toString('base64url')}`,
  );
  log.info({ accountId: account.id, purpose, outcome: sent.outcome, reason: sent.reason }, 'account mail');
  return sent.outcome;
}

export function passwordError(refusal: PasswordRefusal): ApiError {
  return new ApiError(refusal.kind === 'common-password' ? 'SCR_COMMON_PASSWORD' : 'SCR_WEAK_PASSWORD');
}

/** Every organisation the account belongs to: a person is one of "the people" of each. */
async function organisationsOf(store: Store, accountId: string): Promise<Set<string>> {
  return new Set((await store.accounts.listMemberships(accountId)).map((m) => m.organisationId));
}

export function accountRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: Static<typeof RedeemBody> }>(
      '/api/v1/auth/password-link',
      {
        schema: {
          body: RedeemBody,
          summary: 'Choose one’s password on an invitation or reset link (single use); other sessions end',
          response: { 200: Type.Object({ email: Type.String() }) },
        },
        validatorCompiler: strictValidator,
        // A token is 256 random bits and a dead one costs a lookup: only the flood bound.
        config: { rateLimit: signInFloodLimit },
      },
      async (request, reply) => {
        const outcome = await redeemLink(
          ctx.store,
          ctx.clock,
          request.body.token,
          secret(request.body.password, 'password'),
        );
        if (!outcome.ok)
          throw outcome.kind === 'link-invalid' ? new ApiError('SCR_LINK_INVALID') : passwordError(outcome);
        const account = await ctx.store.accounts.getAccount(outcome.accountId);
        request.log.info(
          { accountId: outcome.accountId, purpose: outcome.purpose },
          'password set on a link',
        );
        reply.header('cache-control', 'no-store');
        return { email: account?.email ?? '' };
      },
    );

    app.post<{ Body: Static<typeof ResetBody> }>(
      '/api/v1/auth/password-reset',
      {
        schema: {
          body: ResetBody,
          summary:
            'Forgotten password: mail a reset link (1 hour, single use) if an account has this address',
          response: { 202: Type.Object({ accepted: Type.Boolean(), validMinutes: Type.Integer() }) },
        },
        validatorCompiler: strictValidator,
        config: { rateLimit: flood },
      },
      async (request, reply) => {
        // The same refusal for every address: it tells nothing about who has an account.
        requireInvitationMail(ctx);
        const { email } = request.body;
        const log = request.log;
        // Answered before anything is looked up or mailed, so the time taken tells nothing either.
        setImmediate(() => {
          sendReset(ctx, log, email).catch((error: unknown) =>
            log.error({ err: { type: (error as Error).name } }, 'password reset failed'),
          );
        });
        return reply.status(202).send({ accepted: true, validMinutes: RESET_MINUTES });
      },
    );

    app.post<{ Body: Static<typeof ChangeBody> }>(
      '/api/v1/account/password',
      {
        schema: {
          body: ChangeBody,
          summary: 'Change one’s own password (the current one is needed); other sessions end',
        },
        validatorCompiler: strictValidator,
        config: { rateLimit: signInFloodLimit },
      },
      async (request, reply) => {
        const principal = requireAccount(request);
        const outcome = await changeOwnPassword(ctx.store, ctx.clock, {
          accountId: principal.account.id,
          current: secret(request.body.currentPassword, 'password'),
          next: secret(request.body.newPassword, 'password'),
          session: principal.tokenHash,
        });
        if (!outcome.ok)
          throw outcome.kind === 'bad-current-password'
            ? new ApiError('SCR_BAD_CURRENT_PASSWORD')
            : passwordError(outcome);
        request.log.info({ accountId: principal.account.id }, 'password changed');
        return reply.status(204).send();
      },
    );

    // The people of an organisation (its admins manage them; nobody sets another's password).

    /** The person, if they belong to this organisation and the request comes from one of its admins. */
    const person = async (request: FastifyRequest<{ Params: MemberParams }>) => {
      const { organisationId, accountId } = request.params;
      const { account: actor } = await requireOrganisationAdmin(ctx, request, organisationId);
      const account = await ctx.store.accounts.getAccount(accountId);
      // Accounts of other tenants, and the operator, are not this organisation's people: 404.
      if (account === undefined || !(await organisationsOf(ctx.store, accountId)).has(organisationId))
        throw new ApiError('SCR_NOT_FOUND', { problem: 'no such person in this organisation' });
      return { actor, account, organisationId };
    };
    app.post<{ Params: MemberParams }>(
      '/api/v1/organisations/:organisationId/members/:accountId/invitation',
      {
        schema: {
          params: MemberParams,
          summary: 'Send an invited person a new invitation (the earlier link stops working)',
          response: {
            200: Type.Object({
              invitation: Type.Object({ expiresAt: Type.String(), mail: Type.String() }),
            }),
          },
        },
      },
      async (request) => {
        const { actor, account, organisationId } = await person(request);
        if (account.status !== 'invited') throw new ApiError('SCR_NOT_INVITED');
        requireInvitationMail(ctx);
        // The new link (hashed) and the entry commit together; the mail leaves after the commit.
        const issued = await reinviteMember(
          ctx.store,
          ctx.clock,
          ctx.config.baseUrl,
          organisationId,
          actor.id,
          account,
        );
        const organisation = await ctx.store.accounts.getOrganisation(organisationId);
        const mail = await mailLink(ctx, request.log, account, 'invitation', issued, organisation?.name);
        return { invitation: { expiresAt: issued.expiresAt, mail } };
      },
    );

    for (const [action, to, from] of [
      ['suspend', 'suspended', ['active', 'invited']],
      ['reinstate', 'active', ['suspended']],
    ] as const) {
      app.post<{ Params: MemberParams }>(
        `/api/v1/organisations/:organisationId/members/:accountId/${action}`,
        {
          schema: {
            params: MemberParams,
            summary:
              action === 'suspend'
                ? 'Suspend a person: they cannot sign in, their sessions end (audited)'
                : 'Reinstate a suspended person (audited)',
            response: { 200: Type.Object({ status: Type.String() }) },
          },
        },
        async (request) => {
          const { actor, account, organisationId } = await person(request);
          if (account.id === actor.id) throw new ApiError('SCR_PERSON_SELF');
          // An account is global: one organisation's admins may not shut it out of another's.
          if ((await organisationsOf(ctx.store, account.id)).size > 1)
            throw new ApiError('SCR_PERSON_SHARED');
          // A reinstated person who never chose a password is invited again, not active.
          const target = to === 'active' && account.passwordSetAt === null ? 'invited' : to;
          // The status (sessions and links ended with it) and the entry commit together.
          await setMemberStatus(ctx.store, organisationId, actor.id, account, { action, to: target, from });
          return { status: target };
        },
      );
    }

    app.delete<{ Params: MemberParams }>(
      '/api/v1/organisations/:organisationId/members/:accountId',
      {
        schema: {
          params: MemberParams,
          summary:
            'Remove a person from the organisation: memberships and election roles go; with no organisation left, the account can no longer sign in (audited)',
        },
      },
      async (request, reply) => {
        const { actor, account, organisationId } = await person(request);
        if (account.id === actor.id) throw new ApiError('SCR_PERSON_SELF');
        await removeMember(ctx.store, organisationId, actor.id, account);
        return reply.status(204).send();
      },
    );
  };
}

/** The work behind a reset request, after the answer: a link only for a known address, at most once a minute. */
async function sendReset(ctx: ServerContext, log: FastifyBaseLogger, email: string): Promise<void> {
  const account = await ctx.store.accounts.findAccountByEmail(email);
  if (account === undefined) return;
  const now = ctx.clock.now().getTime();
  const purpose = account.status === 'invited' ? 'invitation' : 'reset';
  const live = await ctx.store.accounts.liveTokenExpiry(account.id, 'reset', new Date(now).toISOString());
  if (
    purpose === 'reset' &&
    live !== undefined &&
    Date.parse(live) - RESET_MINUTES * 60_000 > now - RESET_RESEND_INTERVAL_MS
  )
    return;
  const found = await resetLinkFor(ctx.store, ctx.clock, ctx.config.baseUrl, email);
  if (found === undefined) return;
  await mailLink(ctx, log, found.account, found.purpose, found.issued);
}
