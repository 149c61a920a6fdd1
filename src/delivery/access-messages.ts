/**
 * What the election admin, the help desk and voters ask of delivery to get a voter in: the
 * passwords of the whole roll, one voter's new password (help desk or self-service), a one-time
 * code sent by the help desk, and the access message again to those who have not signed in. Each
 * operation queues its messages and writes its audit entry in one transaction (the outbox is a
 * table: the messages commit with their entry), then wakes the sender. Who may ask and in which
 * election state is the caller's check; what is queued and recorded is decided here.
 */
import { sameIdentity } from '../core/identity.js';
import type { VoterRow } from '../store/store.js';
import { auditDelivery } from './audit.js';
import { sendCodeToVoter } from './codes.js';
import { type DeliveryContext, queueingIn, queuePasswordMessages, queueReminders } from './outbox.js';
import { deliverySettings } from './settings.js';
import { voterDeliveryStatus } from './status.js';

/** Runs `queue` in one transaction with its audit entry, then wakes the sender. */
async function queueAndAudit<T>(
  ctx: DeliveryContext,
  queue: (inTx: DeliveryContext) => Promise<T>,
): Promise<T> {
  const result = await ctx.store.transaction((tx) => queue(queueingIn(ctx, tx)));
  ctx.wake?.();
  return result;
}

/** Every voter's password message (external credential authority), after the election's delay unless `immediately`. */
export function sendPasswords(
  ctx: DeliveryContext,
  electionId: string,
  actorId: string,
  options: { immediately: boolean },
): Promise<number> {
  return queueAndAudit(ctx, async (inTx) => {
    const queued = await queuePasswordMessages(inTx, electionId, options);
    await auditDelivery(inTx.store, electionId, actorId, 'delivery.passwords', { count: queued });
    return queued;
  });
}

/** One named voter's new password, queued now to their registered address (or number). */
export function sendPasswordToVoter(
  ctx: DeliveryContext,
  electionId: string,
  voter: Pick<VoterRow, 'id' | 'login'>,
  actorId: string,
  reason: 'help-desk' | 'self-service',
): Promise<number> {
  return queueAndAudit(ctx, async (inTx) => {
    const queued = await queuePasswordMessages(inTx, electionId, { voterIds: [voter.id], immediately: true });
    await auditDelivery(inTx.store, electionId, actorId, 'delivery.password.voter', {
      login: voter.login,
      reason,
      count: queued,
    });
    return queued;
  });
}

/**
 * A voter asks for a new password: sent when the election is in password mode and the login and
 * address match a voter who has a credential; otherwise an entry that says nothing of what was
 * typed (it could be anything, even a secret typed in the wrong field). The caller answers the same
 * either way.
 */
export async function requestPassword(
  ctx: DeliveryContext,
  electionId: string,
  request: { login: string; email: string },
): Promise<void> {
  const settings = await deliverySettings(ctx.store, electionId);
  const voter = await ctx.store.voters.findByLogin(electionId, request.login.trim());
  const matches =
    settings.loginMode === 'password' &&
    voter !== undefined &&
    voter.publicCredential !== null &&
    sameIdentity(voter.email, request.email);
  if (matches) await sendPasswordToVoter(ctx, electionId, voter, 'voter', 'self-service');
  else await auditDelivery(ctx.store, electionId, 'voter', 'delivery.password.request.unmatched', {});
}

/** The help desk sends one named voter a one-time code (sendCodeToVoter), audited when one is sent. */
export function sendHelpDeskCode(
  ctx: DeliveryContext,
  electionId: string,
  voter: VoterRow,
  actorId: string,
): ReturnType<typeof sendCodeToVoter> {
  return queueAndAudit(ctx, async (inTx) => {
    const sent = await sendCodeToVoter(inTx, electionId, voter);
    if (sent.outcome === 'sent')
      await auditDelivery(inTx.store, electionId, actorId, 'delivery.code.voter', {
        login: voter.login,
        channel: sent.channel,
      });
    return sent;
  });
}

/** Who would be sent their access message again, and what: a password, or a reminder in one-time-code mode. */
export interface ResendPlan {
  readonly kind: 'password' | 'reminder';
  readonly voterIds: readonly string[];
  /** Of `voterIds`, how many go by mail and how many by SMS (a reminder always by mail). */
  readonly byChannel: { readonly email: number; readonly sms: number };
}

/** Voters who never signed in and have a credential. */
export async function resendPlan(
  ctx: Pick<DeliveryContext, 'store'>,
  electionId: string,
): Promise<ResendPlan> {
  const settings = await deliverySettings(ctx.store, electionId);
  const statuses = await voterDeliveryStatus(ctx.store, electionId);
  const chosen = statuses.filter((s) => s.firstLoginAt === null && s.hasCredential);
  const kind = settings.loginMode === 'password' ? ('password' as const) : ('reminder' as const);
  const sms =
    kind === 'password' && settings.secretChannel === 'sms'
      ? chosen.filter((s) => s.phone !== null).length
      : 0;
  return { kind, voterIds: chosen.map((s) => s.voterId), byChannel: { email: chosen.length - sms, sms } };
}

/** Sends the plan's messages (a new password each, or a reminder) and records how many. */
export function resendAccess(
  ctx: DeliveryContext,
  electionId: string,
  actorId: string,
  plan: ResendPlan,
): Promise<number> {
  return queueAndAudit(ctx, async (inTx) => {
    const queued =
      plan.voterIds.length === 0
        ? 0
        : plan.kind === 'password'
          ? await queuePasswordMessages(inTx, electionId, { voterIds: plan.voterIds, immediately: true })
          : await queueReminders(inTx, electionId, plan.voterIds);
    await auditDelivery(inTx.store, electionId, actorId, 'delivery.resend', {
      kind: plan.kind,
      count: queued,
    });
    return queued;
  });
}
