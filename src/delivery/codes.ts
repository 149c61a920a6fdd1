/**
 * One-time sign-in codes (login mode "one-time-code", and in password mode whenever a voter asks
 * instead of typing their password): asked for at sign-in, sent at once (before any
 * bulk mail) to the voter's registered address (or phone, when the election sends secrets by SMS), valid 10 minutes, 5 tries, stored as a scrypt hash.
 * Asking again replaces the code; asking within a minute of the last code sends nothing new, so the
 * form cannot be used to flood a mailbox. Every answer to "send me a code" is the same whether the
 * login exists or not, and costs the same hashing work.
 */

import { verifyPassword } from '../accounts/password.js';
import { secret } from '../core/secret.js';
import { DomainError } from '../errors/catalogue.js';
import type { VoterRow } from '../store/store.js';
import {
  consultationRound,
  type DeliveryContext,
  electionFacts,
  messageIdFor,
  outboxId,
  secretsBySms,
} from './outbox.js';
import { generateCode, hashCode } from './secrets.js';
import { deliverySettings } from './settings.js';
import { codeMessage, codeSms, messageLanguage } from './templates.js';

export const CODE_LIFETIME_MINUTES = 10;
export const CODE_TRIES = 5;
/** A new code is sent at most this often per voter. */
export const CODE_RESEND_INTERVAL_MS = 60_000;

/**
 * The election and its settings when codes apply; undefined for an unknown id or a draft in password
 * mode, which answer like an unknown login (a draft, its existence and its settings stay private:
 * `requirePublicElection`). An open election takes codes in either mode.
 */
async function codeElection(ctx: DeliveryContext, electionId: string) {
  const row = await ctx.store.elections.get(electionId);
  if (row === undefined) return undefined;
  if (!['draft', 'open'].includes(row.state)) throw new DomainError('SCR_VOTING_CLOSED');
  const settings = await deliverySettings(ctx.store, electionId);
  // Once open, any login mode: in password mode a code is the way in that nobody can lock a voter
  // out of (issue 15); it goes to the registered address, where the password went too.
  if (settings.loginMode !== 'one-time-code' && row.state === 'draft') return undefined;
  return { row, settings };
}

/** Sends a code to the voter with this login, if there is one; the caller answers the same either way. */
export async function requestCode(ctx: DeliveryContext, electionId: string, login: string): Promise<void> {
  const found = await codeElection(ctx, electionId);
  const code = generateCode();
  const codeHash = await hashCode(code);
  if (found === undefined) return;
  const voter = await ctx.store.voters.findByLogin(electionId, login);
  if (voter === undefined) return;
  await queueCode(ctx, found, voter, codeHash, code);
  ctx.wake?.();
}

/**
 * The help desk sends a code to one named voter (issue 16), by the channel of sign-in secrets, in
 * the transaction `ctx.store` may be: 'sent' with its channel, 'recent' when a code left less than a
 * minute ago (nothing new is sent), 'not-available' when codes do not apply (a draft in password
 * mode). The caller audits and wakes the sender.
 */
export async function sendCodeToVoter(
  ctx: DeliveryContext,
  electionId: string,
  voter: VoterRow,
): Promise<{ outcome: 'sent' | 'recent' | 'not-available'; channel: 'email' | 'sms' }> {
  const found = await codeElection(ctx, electionId);
  if (found === undefined) return { outcome: 'not-available', channel: 'email' };
  const channel = secretsBySms(found.settings, voter) ? 'sms' : 'email';
  const code = generateCode();
  const sent = await queueCode(ctx, found, voter, await hashCode(code), code);
  return { outcome: sent ? 'sent' : 'recent', channel };
}

/** Saves the code's hash and queues it to the voter; false (nothing done) within a minute of the last. */
async function queueCode(
  ctx: DeliveryContext,
  found: NonNullable<Awaited<ReturnType<typeof codeElection>>>,
  voter: VoterRow,
  codeHash: string,
  code: ReturnType<typeof generateCode>,
): Promise<boolean> {
  const { row, settings } = found;
  const electionId = row.id;
  const now = ctx.clock.now();
  const recent = (await ctx.store.delivery.listMessages(electionId, voter.id)).some(
    (m) => m.purpose === 'one-time-code' && now.getTime() - Date.parse(m.createdAt) < CODE_RESEND_INTERVAL_MS,
  );
  if (recent) return false;
  await ctx.store.delivery.saveCode({
    electionId,
    voterId: voter.id,
    codeHash,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MINUTES * 60_000).toISOString(),
    attemptsLeft: CODE_TRIES,
    createdAt: now.toISOString(),
  });
  const language = messageLanguage(voter.language, settings.defaultLanguage);
  const facts = { ...electionFacts(row, settings), round: await consultationRound(ctx.store, electionId) };
  const sms = secretsBySms(settings, voter);
  const rendered = sms
    ? codeSms(language, facts, code.reveal(), CODE_LIFETIME_MINUTES)
    : codeMessage(language, facts, voter, code.reveal(), CODE_LIFETIME_MINUTES);
  const key = `one-time-code/${voter.id}/${now.getTime()}`;
  await ctx.store.delivery.enqueue(electionId, [
    {
      id: outboxId(),
      electionId,
      voterId: voter.id,
      purpose: 'one-time-code',
      idempotencyKey: key,
      channel: sms ? 'sms' : 'email',
      recipient: sms ? voter.phone : voter.email,
      language,
      priority: 0,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      secretKind: 'code',
      deferred: null,
      nextAttemptAt: now.toISOString(),
      messageId: messageIdFor(ctx.config.baseUrl, electionId, key),
      createdAt: now.toISOString(),
    },
  ]);
  return true;
}

/** The voter a code signs in, or SCR_BAD_CODE. Each call spends a try, right or wrong; a right code is spent whole. */
export async function checkCode(
  ctx: DeliveryContext,
  electionId: string,
  login: string,
  code: string,
): Promise<VoterRow> {
  const found = await codeElection(ctx, electionId);
  const voter = found === undefined ? undefined : await ctx.store.voters.findByLogin(electionId, login);
  const live =
    voter === undefined
      ? undefined
      : await ctx.store.delivery.spendCodeAttempt(electionId, voter.id, ctx.clock.now().toISOString());
  const matches = await verifyPassword(secret(code.trim(), 'password'), live?.codeHash);
  if (voter === undefined || live === undefined || !matches) throw new DomainError('SCR_BAD_CODE');
  await ctx.store.delivery.deleteCode(electionId, voter.id);
  return voter;
}
