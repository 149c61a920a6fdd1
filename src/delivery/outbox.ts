/**
 * Putting messages into the outbox. Each function renders the message for one voter (their address,
 * their language) and queues it with an idempotency key; the sender (sender.ts) does the rest. A
 * secret handed to these functions goes into that voter's message body and nowhere else: not into a
 * return value, a log line or an audit entry.
 *
 * Idempotency keys are `purpose/voterId/generation` unless the caller brings its own (a recovery
 * request id, say): queueing the same key twice queues once. A new generation of a purpose replaces
 * the voter's older message of that purpose if it has not started to leave.
 */

import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { sha256Hex } from '../core/hash.js';
import type { ElectionId } from '../core/ids.js';
import type { Secret } from '../core/secret.js';
import { DomainError } from '../errors/catalogue.js';
import type { EnqueueOutcome, MessagePurpose, OutboxInput } from '../store/delivery/index.js';
import type { ElectionRow, Store, VoterRow } from '../store/store.js';
import { type DeliverySettings, deliverySettings } from './settings.js';
import {
  annulmentNotice,
  credentialMessage,
  type ElectionFacts,
  messageLanguage,
  passwordMessage,
  passwordSms,
  proxyCredentialMessage,
  type RenderedMessage,
  receiptMessage,
  recoveryRefusedNotice,
  reminderMessage,
  rollChangeNotice,
  type SmsMessage,
} from './templates.js';

/** What queueing needs; a `ServerContext` is one. `wake` (optional) tells an in-process sender to look now. */
export interface DeliveryContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly config: { readonly baseUrl: string };
  readonly wake?: () => void;
}

/**
 * The context for queueing inside `store.transaction`: messages go through `tx`, and the sender is
 * not woken — woken before the commit, it would look (PostgreSQL) before the messages exist. The
 * caller wakes it (`ctx.wake?.()`) once the transaction has committed.
 */
export function queueingIn(ctx: DeliveryContext, tx: Store): DeliveryContext {
  return { store: tx, clock: ctx.clock, config: ctx.config };
}

export function outboxId(): string {
  return randomBytes(12).toString('base64url');
}

/** A stable Message-ID per (election, key): a copy re-sent after a crash is recognisably the same message. */
export function messageIdFor(baseUrl: string, electionId: string, idempotencyKey: string): string {
  let host = 'scrutin.invalid';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // keep the default
  }
  return `<${sha256Hex(`${electionId}/${idempotencyKey}`).slice(0, 40)}@${host}>`;
}

export function electionFacts(row: ElectionRow, settings: DeliverySettings): ElectionFacts {
  return {
    id: row.id,
    name: row.name,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    timeZone: row.timeZone,
    helpContact: settings.helpContact,
    loginMode: settings.loginMode,
    votingOpen: row.state === 'open',
  };
}

interface Draft {
  voter: VoterRow;
  purpose: MessagePurpose;
  rendered: RenderedMessage | SmsMessage;
  /** Absent: email, to the voter's address; 'sms' goes to the voter's phone. */
  channel?: 'sms';
  secretKind: OutboxInput['secretKind'];
  deferred: OutboxInput['deferred'];
  priority: 0 | 1;
  notBefore: Date;
  idempotencyKey?: string;
  generation?: number;
}

function toInput(electionId: string, draft: Draft, now: Date): OutboxInput {
  const id = outboxId();
  return {
    id,
    electionId,
    voterId: draft.voter.id,
    purpose: draft.purpose,
    ...(draft.generation === undefined ? {} : { generation: draft.generation }),
    ...(draft.idempotencyKey === undefined ? {} : { idempotencyKey: draft.idempotencyKey }),
    channel: draft.channel ?? 'email',
    recipient: draft.channel === 'sms' ? (draft.voter.phone ?? '') : draft.voter.email,
    language: draft.rendered.language,
    priority: draft.priority,
    subject: draft.rendered.subject,
    bodyText: draft.rendered.text,
    bodyHtml: draft.rendered.html,
    secretKind: draft.secretKind,
    deferred: draft.deferred,
    nextAttemptAt: draft.notBefore.toISOString(),
    // Placeholder, replaced below once the key (possibly computed by the store) is known.
    messageId: '',
    createdAt: now.toISOString(),
  };
}

/** Queues drafts; Message-IDs derive from the keys, so keys are settled here rather than in the store. */
async function enqueueDrafts(
  ctx: DeliveryContext,
  electionId: string,
  drafts: readonly Draft[],
  publicCredentials?: readonly { voterId: string; publicCredential: string }[],
): Promise<EnqueueOutcome[]> {
  const now = ctx.clock.now();
  const latest = new Map<string, number>();
  if (drafts.some((d) => d.idempotencyKey === undefined && d.generation === undefined)) {
    for (const entry of await ctx.store.delivery.listMessages(electionId)) {
      const slot = `${entry.purpose}/${entry.voterId}`;
      latest.set(slot, Math.max(latest.get(slot) ?? 0, entry.generation));
    }
  }
  const inputs = drafts.map((draft) => {
    const input = toInput(electionId, draft, now);
    const slot = `${draft.purpose}/${draft.voter.id}`;
    const generation =
      draft.generation ?? (draft.idempotencyKey === undefined ? (latest.get(slot) ?? 0) + 1 : undefined);
    if (generation !== undefined) latest.set(slot, generation);
    const key = draft.idempotencyKey ?? `${slot}/${generation}`;
    return {
      ...input,
      ...(generation === undefined ? {} : { generation }),
      idempotencyKey: key,
      messageId: messageIdFor(ctx.config.baseUrl, electionId, key),
    };
  });
  // A generated credential is bound to its voter only together with the message carrying its private part.
  const outcomes =
    publicCredentials === undefined
      ? await ctx.store.delivery.enqueue(electionId, inputs)
      : await ctx.store.transaction(async (tx) => {
          await tx.voters.setSecrets(electionId, publicCredentials);
          return tx.delivery.enqueue(electionId, inputs);
        });
  ctx.wake?.();
  return outcomes;
}

async function electionAndSettings(store: Store, electionId: string) {
  const row = await store.elections.get(electionId);
  if (row === undefined) throw new DomainError('SCR_NOT_FOUND');
  const settings = await deliverySettings(store, electionId);
  const replacesAnnulled = await annulledPredecessor(store, row.id);
  return {
    row,
    settings,
    facts: {
      ...electionFacts(row, settings),
      round: await consultationRound(store, row.id),
      ...(replacesAnnulled === undefined ? {} : { replacesAnnulled }),
    },
  };
}

/** For a re-run box's election: the name of the annulled election it replaces. */
async function annulledPredecessor(store: Store, electionId: ElectionId): Promise<string | undefined> {
  const box = await store.consultations.boxOfElection(electionId);
  if (box?.replacesId === null || box?.replacesId === undefined) return undefined;
  const annulled = (await store.consultations.boxes(box.consultationId)).find((b) => b.id === box.replacesId);
  const election = annulled?.electionId ? await store.elections.get(annulled.electionId) : undefined;
  return election?.name ?? annulled?.label;
}

/**
 * The receipt of a cast ballot (issue 16), when the election sends receipts: its tracker, to the
 * voter's registered address; one per tracker. Answers whether one was queued.
 */
export async function queueCastReceipt(
  ctx: DeliveryContext,
  electionId: string,
  voterId: string,
  tracker: string,
): Promise<boolean> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  if (settings.receiptMail !== true) return false;
  const voter = await ctx.store.voters.get(voterId);
  if (voter === undefined || voter.electionId !== electionId) return false;
  const now = ctx.clock.now();
  await enqueueDrafts(ctx, electionId, [
    {
      voter,
      purpose: 'cast-receipt',
      rendered: receiptMessage(
        messageLanguage(voter.language, settings.defaultLanguage),
        ctx.config.baseUrl,
        facts,
        voter,
        tracker,
        now.toISOString(),
      ),
      secretKind: null,
      deferred: null,
      priority: 0,
      notBefore: now,
      idempotencyKey: `cast-receipt/${voterId}/${tracker}`,
    },
  ]);
  return true;
}

/**
 * Tells every voter of an annulled election (a consultation box) why it was annulled and where its
 * re-run is voted (issue 16), in their language, once per re-run (the idempotency key names it).
 */
export async function queueAnnulmentNotices(
  ctx: DeliveryContext,
  annulledElectionId: string,
  annulment: { reason: string; at: string; rerunElectionId: string },
): Promise<number> {
  const { settings, facts } = await electionAndSettings(ctx.store, annulledElectionId);
  const voters = await ctx.store.voters.list(annulledElectionId);
  const drafts: Draft[] = voters.map((voter) => ({
    voter,
    purpose: 'annulment-notice',
    rendered: annulmentNotice(
      messageLanguage(voter.language, settings.defaultLanguage),
      ctx.config.baseUrl,
      facts,
      voter,
      annulment,
    ),
    secretKind: null,
    deferred: null,
    priority: 1,
    notBefore: ctx.clock.now(),
    idempotencyKey: `annulment-notice/${voter.id}/${annulment.rerunElectionId}`,
  }));
  await enqueueDrafts(ctx, annulledElectionId, drafts);
  return drafts.length;
}

/** The round of the consultation an election is a box of (undefined for an election on its own). */
export async function consultationRound(store: Store, electionId: ElectionId): Promise<number | undefined> {
  const box = await store.consultations.boxOfElection(electionId);
  return box ? (await store.consultations.get(box.consultationId))?.round : undefined;
}

/**
 * Queues one credential message to the voter's registered address (the recovery helper's entry
 * point as well as the server authority's). The credential goes into that message only. Queueing the
 * same idempotency key again queues nothing and answers `created: false`.
 */
export async function queueCredentialMessage(
  ctx: DeliveryContext,
  input: {
    electionId: string;
    voterId: string;
    credential: Secret<string, string>;
    purpose: 'credential' | 'credential-recovery';
    idempotencyKey: string;
    /** Not before this instant (a roll change lets the notice to the old address leave first). */
    notBefore?: Date;
    /** Says it replaces the message sent earlier (after a corrected address). */
    replacesEarlier?: boolean;
    /** A new credential replacing the voter's earlier one: the message says so, with its date. */
    replacement?: boolean;
  },
): Promise<{ messageId: string; created: boolean }> {
  const { electionId, voterId, credential, purpose, idempotencyKey } = input;
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  const voter = await ctx.store.voters.get(voterId);
  if (voter === undefined || voter.electionId !== electionId) throw new DomainError('SCR_NOT_FOUND');
  const replaced =
    input.replacement === true
      ? (await ctx.store.delivery.listMessages(electionId, voterId))
          .filter((m) => m.purpose === 'credential' || m.purpose === 'credential-recovery')
          .at(-1)
      : undefined;
  const language = messageLanguage(voter.language, settings.defaultLanguage);
  const [outcome] = await enqueueDrafts(ctx, electionId, [
    {
      voter,
      purpose,
      rendered: credentialMessage(
        language,
        ctx.config.baseUrl,
        facts,
        voter,
        credential.reveal(),
        purpose === 'credential-recovery',
        input.replacesEarlier === true,
        input.replacement === true ? { sentAt: replaced?.sentAt ?? replaced?.createdAt ?? null } : undefined,
      ),
      secretKind: 'credential',
      deferred: null,
      // A recovery is someone waiting: it goes before bulk sending.
      priority: purpose === 'credential-recovery' ? 0 : 1,
      notBefore: input.notBefore ?? ctx.clock.now(),
      idempotencyKey,
    },
  ]);
  return { messageId: outcome!.id, created: outcome!.created };
}

/**
 * Issue 17: the giver's credential to the holder of their accepted proxy, at the holder's registered
 * address, in the holder's language; recorded as the holder's message (purpose `credential-proxy`).
 */
export async function queueProxyCredential(
  ctx: DeliveryContext,
  input: {
    electionId: string;
    holderId: string;
    giverId: string;
    credential: Secret<string, string>;
    idempotencyKey: string;
  },
): Promise<{ messageId: string; created: boolean }> {
  const { settings, facts } = await electionAndSettings(ctx.store, input.electionId);
  const holder = await ctx.store.voters.get(input.holderId);
  const giver = await ctx.store.voters.get(input.giverId);
  if (holder?.electionId !== input.electionId || giver?.electionId !== input.electionId)
    throw new DomainError('SCR_NOT_FOUND');
  const language = messageLanguage(holder.language, settings.defaultLanguage);
  const [outcome] = await enqueueDrafts(ctx, input.electionId, [
    {
      voter: holder,
      purpose: 'credential-proxy',
      rendered: proxyCredentialMessage(
        language,
        ctx.config.baseUrl,
        facts,
        holder,
        giver,
        input.credential.reveal(),
      ),
      secretKind: 'credential',
      deferred: null,
      priority: 1,
      notBefore: ctx.clock.now(),
      idempotencyKey: input.idempotencyKey,
    },
  ]);
  return { messageId: outcome!.id, created: outcome!.created };
}

/** A credential generated by the server for one voter: its private part goes to the outbox only. */
export interface GeneratedCredential {
  readonly voterId: string;
  readonly publicCredential: string;
  readonly credential: Secret<string, string>;
}

/**
 * Binds generated public credentials to the voters and queues each private credential to its voter,
 * in one transaction (a crash leaves either both or neither); in password mode also queues each
 * voter's password message, due `passwordDelaySeconds` later, whose password is generated at send time.
 */
export async function queueGeneratedCredentials(
  ctx: DeliveryContext,
  electionId: string,
  generated: readonly GeneratedCredential[],
): Promise<{ credentialMessages: number; passwordMessages: number }> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  const voters = new Map((await ctx.store.voters.list(electionId)).map((v) => [v.id, v]));
  const now = ctx.clock.now();
  const drafts: Draft[] = [];
  for (const g of generated) {
    const voter = voters.get(g.voterId);
    if (voter === undefined) throw new Error(`queueGeneratedCredentials: no voter ${g.voterId}`);
    const language = messageLanguage(voter.language, settings.defaultLanguage);
    drafts.push({
      voter,
      purpose: 'credential',
      rendered: credentialMessage(language, ctx.config.baseUrl, facts, voter, g.credential.reveal(), false),
      secretKind: 'credential',
      deferred: null,
      priority: 1,
      notBefore: now,
    });
  }
  const passwordDrafts =
    settings.loginMode === 'password'
      ? passwordDraftsFor(
          ctx,
          facts,
          settings,
          generated.map((g) => voters.get(g.voterId)!),
          new Date(now.getTime() + settings.passwordDelaySeconds * 1000),
        )
      : [];
  await enqueueDrafts(
    ctx,
    electionId,
    [...drafts, ...passwordDrafts],
    generated.map((g) => ({ voterId: g.voterId, publicCredential: g.publicCredential })),
  );
  return { credentialMessages: drafts.length, passwordMessages: passwordDrafts.length };
}

function passwordDraftsFor(
  ctx: DeliveryContext,
  facts: ElectionFacts,
  settings: DeliverySettings,
  voters: readonly VoterRow[],
  notBefore: Date,
  replacesEarlier = false,
): Draft[] {
  return voters.map((voter) => {
    const language = messageLanguage(voter.language, settings.defaultLanguage);
    // The second channel when the voter has a number: the credential went by mail.
    const sms = secretsBySms(settings, voter);
    return {
      voter,
      purpose: 'password',
      rendered: sms
        ? passwordSms(language, ctx.config.baseUrl, facts, voter)
        : passwordMessage(language, ctx.config.baseUrl, facts, voter, replacesEarlier),
      ...(sms ? { channel: 'sms' as const } : {}),
      secretKind: 'password',
      deferred: 'password',
      priority: 1,
      notBefore,
    };
  });
}

/**
 * Whether this voter's sign-in secrets (password, one-time code) go by SMS: the election chose SMS
 * and the roll gives the voter a number. A voter without one gets them by mail, and the status page
 * shows the channel of each message.
 */
export function secretsBySms(
  settings: DeliverySettings,
  voter: VoterRow,
): voter is VoterRow & { phone: string } {
  return settings.secretChannel === 'sms' && voter.phone !== undefined && voter.phone !== '';
}

/**
 * Queues a password message for each of `voterIds` (all voters when omitted), due after the
 * election's delay unless `immediately`: each message gets a fresh password at send time, replacing
 * the voter's previous one. Used in external-authority mode and for resends.
 */
export async function queuePasswordMessages(
  ctx: DeliveryContext,
  electionId: string,
  options: {
    voterIds?: readonly string[];
    immediately?: boolean;
    /** At the earliest (a roll change lets the notice to the old address leave first). */
    notBefore?: Date;
    replacesEarlier?: boolean;
  } = {},
): Promise<number> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  if (settings.loginMode !== 'password')
    throw new DomainError('SCR_DELIVERY_MODE', { loginMode: settings.loginMode });
  const wanted = options.voterIds === undefined ? undefined : new Set(options.voterIds);
  const voters = (await ctx.store.voters.list(electionId)).filter(
    (v) => wanted === undefined || wanted.has(v.id),
  );
  const delay = options.immediately ? 0 : settings.passwordDelaySeconds * 1000;
  const due = new Date(Math.max(ctx.clock.now().getTime() + delay, options.notBefore?.getTime() ?? 0));
  const drafts = passwordDraftsFor(ctx, facts, settings, voters, due, options.replacesEarlier === true);
  await enqueueDrafts(ctx, electionId, drafts);
  return drafts.length;
}

/**
 * The notice to a voter's previous address that it was replaced on the roll (issue 15), queued
 * before anything goes to the new address, at the highest priority: `voter` is the row as it was.
 * Addresses are shown masked; the notice carries no secret.
 */
export async function queueRollChangeNotice(
  ctx: DeliveryContext,
  electionId: string,
  voter: VoterRow,
  change: { from: string; to: string; at: string },
): Promise<void> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  await enqueueDrafts(ctx, electionId, [
    {
      voter,
      purpose: 'roll-change',
      rendered: rollChangeNotice(
        messageLanguage(voter.language, settings.defaultLanguage),
        facts,
        voter,
        change,
      ),
      secretKind: null,
      deferred: null,
      priority: 0,
      notBefore: ctx.clock.now(),
    },
  ]);
}

/**
 * The recovery officer refused a voter's request (issue 16): the voter is told at the registered
 * address, once per request (the idempotency key names it). No secret in it.
 */
export async function queueRecoveryRefused(
  ctx: DeliveryContext,
  electionId: string,
  voter: VoterRow,
  request: { readonly id: string; readonly createdAt: string },
): Promise<void> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  await enqueueDrafts(ctx, electionId, [
    {
      voter,
      purpose: 'recovery-notice',
      rendered: recoveryRefusedNotice(
        messageLanguage(voter.language, settings.defaultLanguage),
        ctx.config.baseUrl,
        facts,
        voter,
        request.createdAt,
      ),
      secretKind: null,
      deferred: null,
      priority: 1,
      notBefore: ctx.clock.now(),
      idempotencyKey: `recovery-notice/${request.id}`,
    },
  ]);
}

/** One-time-code mode: a reminder with the voting link and the login (no secret in it). */
export async function queueReminders(
  ctx: DeliveryContext,
  electionId: string,
  voterIds: readonly string[],
): Promise<number> {
  const { settings, facts } = await electionAndSettings(ctx.store, electionId);
  const wanted = new Set(voterIds);
  const voters = (await ctx.store.voters.list(electionId)).filter((v) => wanted.has(v.id));
  const drafts: Draft[] = voters.map((voter) => ({
    voter,
    purpose: 'access-reminder',
    rendered: reminderMessage(
      messageLanguage(voter.language, settings.defaultLanguage),
      ctx.config.baseUrl,
      facts,
      voter,
    ),
    secretKind: null,
    deferred: null,
    priority: 1,
    notBefore: ctx.clock.now(),
  }));
  await enqueueDrafts(ctx, electionId, drafts);
  return drafts.length;
}
