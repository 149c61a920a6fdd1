/**
 * The mail outbox: its row types and dialect-neutral queries, called by `KyselyStore` inside its
 * write queue and transactions.
 *
 * The outbox is the only place a voter's secret (a server-generated private credential, a password,
 * a one-time code) may rest, and only from the moment it is queued (or, for a password, generated at
 * send time) until the SMTP server accepts the message: settling a message as sent, failed or
 * superseded nulls its bodies in the same statement. Row types returned to callers other than the
 * sender (`OutboxEntry`) have no body field at all.
 *
 * Claiming is one UPDATE … WHERE id IN (candidates) AND (still claimable) RETURNING: on SQLite writes
 * are serialised; on PostgreSQL the candidates are picked FOR UPDATE SKIP LOCKED and the condition
 * is re-checked on each row's newest version, so two sender processes never lease the same message.
 */
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import { chunks } from '../chunks.js';
import type { Database } from '../schema.js';
import type { OutboxTable } from './tables.js';

// Row types (what the rest of the server sees)

export type MessagePurpose =
  | 'credential'
  | 'credential-recovery'
  | 'password'
  | 'access-reminder'
  | 'one-time-code'
  /** A notice to a voter's previous address that the roll changed (src/election/roll-changes.ts). */
  | 'roll-change'
  /** To the voters of an annulled consultation box: the reason and the re-run (issue 16). */
  | 'annulment-notice'
  /** After a cast, when the election sends receipts: the tracker, no secret (issue 16). */
  | 'cast-receipt'
  /** The recovery officer refused a voter's recovery request: what to do now, no secret (issue 16). */
  | 'recovery-notice';
export type MessageChannel = 'email' | 'sms';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'superseded';
export type SecretKind = 'credential' | 'password' | 'code';

export interface OutboxInput {
  id: string;
  electionId: string;
  voterId: string;
  purpose: MessagePurpose;
  /** Omitted: one more than the voter's latest message of this purpose. */
  generation?: number;
  /** Omitted: `purpose/voterId/generation`. Unique per election: a second insert is skipped. */
  idempotencyKey?: string;
  channel: MessageChannel;
  recipient: string;
  language: string;
  priority: 0 | 1;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  secretKind: SecretKind | null;
  deferred: 'password' | null;
  nextAttemptAt: string;
  /** Message-ID header value, stable across retries so a duplicate is recognisable as one. */
  messageId: string;
  createdAt: string;
}

/** A message as the status pages see it: no body. */
export interface OutboxEntry {
  id: string;
  electionId: string;
  voterId: string;
  purpose: MessagePurpose;
  generation: number;
  idempotencyKey: string;
  channel: MessageChannel;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string;
  lastReason: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Whether the row still holds a body with a secret (true only until it is settled). */
  holdsSecret: boolean;
}

/** A message leased to one sender: the only row type with bodies. */
export interface ClaimedMessage {
  id: string;
  electionId: string;
  voterId: string;
  purpose: MessagePurpose;
  channel: MessageChannel;
  recipient: string;
  language: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  secretKind: SecretKind | null;
  deferred: 'password' | null;
  attempts: number;
  messageId: string;
}

export type MessageOutcome =
  | { id: string; kind: 'sent'; at: string; reason: string | null }
  | { id: string; kind: 'retry'; at: string; nextAttemptAt: string; reason: string }
  | { id: string; kind: 'failed'; at: string; reason: string }
  /** Not attempted after all (its lease was running out): back to the queue, the attempt not counted. */
  | { id: string; kind: 'release' };

export interface EnqueueOutcome {
  id: string;
  idempotencyKey: string;
  /** False when a message with this idempotency key existed: nothing was queued. */
  created: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts messages (skipping idempotency keys already present) and supersedes the same voters' older
 * still-queued messages of the same purpose, all in `trx`.
 */
export async function enqueue(
  trx: Transaction<Database>,
  electionId: string,
  messages: readonly OutboxInput[],
): Promise<EnqueueOutcome[]> {
  for (const m of messages) {
    if (m.electionId !== electionId) throw new Error(`enqueue: message ${m.id} is not of ${electionId}`);
  }
  const latest = new Map<string, number>();
  for (const row of await trx
    .selectFrom('outbox')
    .select(['voter_id', 'purpose'])
    .select((eb) => eb.fn.max('generation').as('generation'))
    .where('election_id', '=', electionId)
    .groupBy(['voter_id', 'purpose'])
    .execute()) {
    latest.set(`${row.purpose}/${row.voter_id}`, Number(row.generation));
  }
  const existingKeys = new Set<string>();
  const explicit = messages.flatMap((m) => (m.idempotencyKey === undefined ? [] : [m.idempotencyKey]));
  for (const chunk of chunks(explicit)) {
    const found = await trx
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('election_id', '=', electionId)
      .where('idempotency_key', 'in', chunk)
      .execute();
    for (const row of found) existingKeys.add(row.idempotency_key);
  }
  const outcomes: EnqueueOutcome[] = [];
  const values: OutboxTable[] = [];
  for (const m of messages) {
    const slot = `${m.purpose}/${m.voterId}`;
    const generation = m.generation ?? (latest.get(slot) ?? 0) + 1;
    const key = m.idempotencyKey ?? `${slot}/${generation}`;
    if (existingKeys.has(key)) {
      outcomes.push({ id: m.id, idempotencyKey: key, created: false });
      continue;
    }
    existingKeys.add(key);
    latest.set(slot, Math.max(generation, latest.get(slot) ?? 0));
    outcomes.push({ id: m.id, idempotencyKey: key, created: true });
    values.push({
      id: m.id,
      election_id: electionId,
      voter_id: m.voterId,
      purpose: m.purpose,
      generation,
      idempotency_key: key,
      channel: m.channel,
      recipient: m.recipient,
      language: m.language,
      priority: m.priority,
      subject: m.subject,
      body_text: m.bodyText,
      body_html: m.bodyHtml,
      secret_kind: m.secretKind,
      deferred: m.deferred,
      status: 'queued',
      attempts: 0,
      next_attempt_at: m.nextAttemptAt,
      lease_owner: null,
      lease_expires_at: null,
      last_reason: null,
      message_id: m.messageId,
      created_at: m.createdAt,
      sent_at: null,
    });
  }
  // A newer message of the same purpose replaces an older one nobody has started sending.
  const byPurpose = new Map<string, string[]>();
  for (const v of values) {
    const ids = byPurpose.get(v.purpose) ?? [];
    ids.push(v.voter_id);
    byPurpose.set(v.purpose, ids);
  }
  for (const [purpose, voterIds] of byPurpose) {
    for (const chunk of chunks(voterIds)) {
      await trx
        .updateTable('outbox')
        .set({
          status: 'superseded',
          body_text: null,
          body_html: null,
          last_reason: 'replaced by a newer message',
        })
        .where('election_id', '=', electionId)
        .where('purpose', '=', purpose)
        .where('status', '=', 'queued')
        .where('voter_id', 'in', chunk)
        .execute();
    }
  }
  // 27 columns: 500 rows would exceed SQLite's parameter limit.
  for (const chunk of chunks(values, 200)) await trx.insertInto('outbox').values(chunk).execute();
  return outcomes;
}

/** Leases up to `limit` due messages to `owner` until `leaseUntil`; counts the attempt. */
export async function claim(
  db: Db,
  options: { owner: string; now: string; leaseUntil: string; limit: number },
  dialect: 'sqlite' | 'postgres',
): Promise<ClaimedMessage[]> {
  const { owner, now, leaseUntil, limit } = options;
  // Due, or leased to a sender whose lease ran out (it died or hangs): the same test picks and re-checks.
  // A sender never takes over its own lease: it is still working on that message.
  const claimable = (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([
        eb('status', '=', 'sending'),
        eb('lease_expires_at', '<=', now),
        eb('lease_owner', '<>', owner),
      ]),
    ]);
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_expires_at: leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) => {
      const candidates = eb
        .selectFrom('outbox')
        .select('id')
        .where(claimable)
        .orderBy('priority')
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: concurrent claimers skip each other's rows instead of queueing on them (SQLite
      // has one writer at a time and no such clause). Correctness does not depend on it: the outer
      // condition is re-checked on each row's newest version either way.
      return dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates;
    })
    .where(claimable)
    .returningAll()
    .execute();
  return rows
    .filter((r) => r.body_text !== null)
    .map((r) => ({
      id: r.id,
      electionId: r.election_id,
      voterId: r.voter_id,
      purpose: r.purpose as MessagePurpose,
      channel: r.channel as MessageChannel,
      recipient: r.recipient,
      language: r.language,
      subject: r.subject,
      bodyText: r.body_text!,
      bodyHtml: r.body_html,
      secretKind: r.secret_kind as SecretKind | null,
      deferred: r.deferred as 'password' | null,
      attempts: r.attempts,
      messageId: r.message_id,
    }));
}

/** The bodies of a deferred password message, its password now generated. */
export interface MaterialisedBody {
  id: string;
  bodyText: string;
  bodyHtml: string | null;
}

/** A materialised body and the hash of its password, for the voter it is for. */
export interface MaterialisedPassword extends MaterialisedBody {
  electionId: string;
  voterId: string;
  passwordHash: string;
}

/** Extends every lease `owner` holds: a live sender keeps its messages however slow the mail server. */
export async function renewLeases(db: Db, owner: string, leaseUntil: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ lease_expires_at: leaseUntil })
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Writes generated passwords into the deferred messages `owner` still leases; answers the ids
 * written. (The sender sets the voters' password hashes in the same transaction.)
 */
export async function materialise(
  db: Db,
  owner: string,
  items: readonly MaterialisedBody[],
): Promise<Set<string>> {
  const done = new Set<string>();
  for (const item of items) {
    const updated = await db
      .updateTable('outbox')
      .set({ body_text: item.bodyText, body_html: item.bodyHtml, deferred: null })
      .where('id', '=', item.id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'sending')
      .where('deferred', '=', 'password')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) continue;
    done.add(item.id);
  }
  return done;
}

/** Records outcomes of leased messages; sent and failed ones lose their secret bodies in the same statement. */
export async function settle(trx: Transaction<Database>, owner: string, outcomes: readonly MessageOutcome[]) {
  for (const outcome of outcomes) {
    const leased = trx
      .updateTable('outbox')
      .where('id', '=', outcome.id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'sending');
    if (outcome.kind === 'release') {
      await leased
        .set((eb) => ({
          status: 'queued',
          lease_owner: null,
          lease_expires_at: null,
          attempts: eb('attempts', '-', 1),
        }))
        .execute();
      continue;
    }
    if (outcome.kind === 'retry') {
      await leased
        .set({
          status: 'queued',
          lease_owner: null,
          lease_expires_at: null,
          next_attempt_at: outcome.nextAttemptAt,
          last_reason: outcome.reason,
        })
        .execute();
      continue;
    }
    await leased
      .set((eb) => ({
        status: outcome.kind,
        lease_owner: null,
        lease_expires_at: null,
        last_reason: outcome.reason,
        sent_at: outcome.kind === 'sent' ? outcome.at : null,
        // Secret bodies go; a body without a secret (a reminder) is kept for the help desk.
        body_text: eb.case().when('secret_kind', 'is', null).then(eb.ref('body_text')).else(null).end(),
        body_html: eb.case().when('secret_kind', 'is', null).then(eb.ref('body_html')).else(null).end(),
      }))
      .execute();
  }
}

const toEntry = (r: Selectable<OutboxTable>): OutboxEntry => ({
  id: r.id,
  electionId: r.election_id,
  voterId: r.voter_id,
  purpose: r.purpose as MessagePurpose,
  generation: r.generation,
  idempotencyKey: r.idempotency_key,
  channel: r.channel as MessageChannel,
  status: r.status as MessageStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastReason: r.last_reason,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  holdsSecret: r.secret_kind !== null && (r.body_text !== null || r.body_html !== null),
});

export async function listOutbox(db: Db, electionId: string, voterId?: string): Promise<OutboxEntry[]> {
  let query = db.selectFrom('outbox').selectAll().where('election_id', '=', electionId);
  if (voterId !== undefined) query = query.where('voter_id', '=', voterId);
  const rows = await query.orderBy('created_at').orderBy('voter_id').orderBy('generation').execute();
  return rows.map(toEntry);
}

export async function getOutboxEntry(db: Db, id: string): Promise<OutboxEntry | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEntry(row);
}

/** Messages per status, for one election or (without id) all of them. */
export async function countOutbox(db: Db, electionId?: string): Promise<Record<MessageStatus, number>> {
  let query = db
    .selectFrom('outbox')
    .select('status')
    .select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (electionId !== undefined) query = query.where('election_id', '=', electionId);
  const counts: Record<MessageStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, superseded: 0 };
  for (const row of await query.groupBy('status').execute())
    counts[row.status as MessageStatus] = Number(row.n);
  return counts;
}

/** The earliest time a message becomes due (queued, or leased to a sender that may have died). */
export async function nextDue(db: Db): Promise<string | undefined> {
  const queued = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  const leased = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('lease_expires_at').as('at'))
    .where('status', '=', 'sending')
    .executeTakeFirst();
  const times = [queued?.at, leased?.at].filter((t): t is string => typeof t === 'string');
  return times.sort()[0];
}
