/**
 * The sender: leases due messages from the outbox, sends them through the channel's transport at a
 * bounded rate over a few parallel connections, and records each outcome. Several sender processes
 * may share one store: leases keep them off each other's messages, and a message leased by a
 * process that died is taken over once its lease runs out.
 *
 * Delivery is at least once, with one copy in the normal case. A message is settled (marked sent and
 * its secret body erased) in a commit soon after the SMTP server accepts it; a crash between the
 * server's "250" and that commit sends it again on resume.
 * That copy is the same message: same body, same secret, same Message-ID (derived from its
 * idempotency key), to the same address, so mail clients and archives recognise it as a duplicate.
 * The alternative, at most once (give up on any message that was in flight during a crash), would
 * silently lose credentials, which is worse for a voter than a duplicate of the same one.
 *
 * Outcomes are settled by group commit, at most one commit per 50 ms: on SQLite each commit waits
 * for the disk and holds the event loop, so a commit per message would stall every connection. The
 * duplicate window on a crash is therefore the last 50 ms of accepted messages, re-sent identical.
 * Retries back off exponentially (4xx, dropped connections); a 5xx reply fails the message for good,
 * keeping the server's reason; so does running out of attempts.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../core/clock.js';
import type { ClaimedMessage, MaterialisedPassword, MessageOutcome } from '../store/delivery/index.js';
import type { Store } from '../store/store.js';
import { generatePassword, hashGeneratedSecret } from './secrets.js';
import { PASSWORD_PLACEHOLDER } from './templates.js';
import {
  type Channel,
  type OutgoingMessage,
  type SendResult,
  shortReason,
  type Transport,
} from './transport.js';

export interface SenderOptions {
  readonly transports: Partial<Record<Channel, Transport>>;
  readonly clock?: Clock;
  /** Messages per second, across this process's connections. */
  readonly ratePerSecond?: number;
  /** Messages in flight at once (match the SMTP pool's connections). */
  readonly concurrency?: number;
  /** A lease outlives any one send (transport timeouts are shorter) and any local wait. */
  readonly leaseMs?: number;
  /** How often to look for due messages when nobody calls `wake`. */
  readonly pollMs?: number;
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** One line per event, with ids only (never an address or a body). */
  readonly log?: (event: SenderEvent) => void;
}

export interface SenderEvent {
  readonly event: 'sent' | 'retry' | 'failed' | 'error';
  readonly outboxId?: string;
  readonly electionId?: string;
  readonly voterId?: string;
  readonly purpose?: string;
  readonly attempt?: number;
  readonly reason?: string;
}

/** At most one settling commit per this many milliseconds (see #scheduleFlush). */
const SETTLE_INTERVAL_MS = 50;
/** After a failed settling commit, the next try waits this much longer. */
const SETTLE_RETRY_MS = 1000;

const DEFAULTS = {
  ratePerSecond: 100,
  concurrency: 5,
  leaseMs: 120_000,
  pollMs: 1000,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 3_600_000,
};

export class DeliverySender {
  readonly #id = `sender-${randomBytes(9).toString('base64url')}`;
  #round = 0;
  /**
   * The lease owner: this sender in its current sending round. A round holds its messages until it
   * settles them; a message a past round could not settle (the database refused) is then taken over
   * like a dead sender's, once its lease runs out — never while a round still works on it.
   */
  get owner(): string {
    return `${this.#id}/${this.#round}`;
  }
  readonly #store: Store;
  readonly #options: Required<Omit<SenderOptions, 'clock' | 'log'>>;
  readonly #clock: Clock;
  readonly #log: (event: SenderEvent) => void;
  #running = false;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  #woken = false;
  #nextSlot = 0;
  /** Claimed messages not yet handed to a connection. */
  #local: { message: ClaimedMessage }[] = [];
  #refilling: Promise<number> | undefined;
  #dry = false;
  #pending: MessageOutcome[] = [];
  #flushing: Promise<void> | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  #lastFlushAt = 0;
  #unscrubbed = false;

  constructor(store: Store, options: SenderOptions) {
    this.#store = store;
    this.#options = { ...DEFAULTS, ...options };
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#log = options.log ?? (() => undefined);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /**
   * Finishes the messages being sent, records every outcome, gives the claimed but unsent ones back
   * to the queue, and stops.
   */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.wake();
    await this.#loop;
    await this.#refilling?.catch(() => 0);
    for (const { message } of this.#local.splice(0)) this.#pending.push({ id: message.id, kind: 'release' });
    await this.#flushAll();
  }

  /** Look for due messages now (after queueing, say) rather than at the next poll. */
  wake = (): void => {
    this.#woken = true;
    this.#wakeUp?.();
  };

  /** Sends everything due now, then resolves with the number of messages handled (tests and tools). */
  async drain(): Promise<number> {
    const handled = await this.#pump();
    if (handled > 0) {
      this.#unscrubbed = true;
      await this.#scrub();
    }
    return handled;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let handled = 0;
      try {
        handled = await this.#pump();
      } catch (error) {
        this.#log({
          event: 'error',
          reason: shortReason(error instanceof Error ? error.message : String(error)),
        });
      }
      if (handled > 0) this.#unscrubbed = true;
      if (this.#running) {
        await this.#scrub();
        await this.#idle();
      }
    }
  }

  /**
   * Sends until no message is due: `concurrency` workers take messages from a local queue that is
   * refilled (claim, then generate send-time passwords) while they send, so connections do not wait
   * for the database between batches.
   */
  async #pump(): Promise<number> {
    this.#round++;
    let handled = 0;
    const worker = async () => {
      while (!this.#stopping) {
        if (!this.#dry && this.#local.length <= this.#batchSize() / 2) void this.#refill().catch(() => 0);
        let item = this.#local.shift();
        if (item === undefined) {
          const added = await this.#refill();
          item = this.#local.shift();
          if (item === undefined) {
            if (added === 0) return;
            continue;
          }
        }
        handled++;
        await this.#throttle();
        this.#record(item.message, await this.#sendOne(item.message));
      }
    };
    // Heartbeat: while this sender works, its leases never run out, however slow the mail server;
    // they run out only when it dies or hangs, and then another sender takes its messages over.
    const heartbeat = setInterval(() => {
      const until = new Date(this.#clock.now().getTime() + this.#options.leaseMs).toISOString();
      this.#store.delivery.renewLeases(this.owner, until).catch((error: unknown) => {
        this.#log({
          event: 'error',
          reason: shortReason(error instanceof Error ? error.message : String(error)),
        });
      });
    }, this.#options.leaseMs / 3);
    try {
      await Promise.all(Array.from({ length: this.#options.concurrency }, worker));
    } finally {
      clearInterval(heartbeat);
    }
    await this.#flushAll();
    return handled;
  }

  /** One claim at a time; resolves with the number of messages it added to the local queue. */
  #refill(): Promise<number> {
    if (this.#refilling !== undefined) return this.#refilling;
    this.#refilling = (async () => {
      try {
        const ready = await this.#materialise(await this.#claim());
        for (const message of ready) this.#local.push({ message });
        // Nothing due: no more prefetching until the local queue runs out.
        this.#dry = ready.length === 0;
        return ready.length;
      } finally {
        this.#refilling = undefined;
      }
    })();
    return this.#refilling;
  }

  /** Once the outbox is drained, the on-disk remnants of erased bodies go too (see Store.scrubErasedSecrets). */
  async #scrub(): Promise<void> {
    if (!this.#unscrubbed) return;
    this.#unscrubbed = false;
    try {
      await this.#store.delivery.scrubErasedSecrets();
    } catch (error) {
      this.#log({
        event: 'error',
        reason: shortReason(error instanceof Error ? error.message : String(error)),
      });
    }
  }

  async #idle(): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return;
    }
    const controller = new AbortController();
    await Promise.race([
      sleep(this.#options.pollMs, undefined, { signal: controller.signal }).catch(() => undefined),
      new Promise<void>((resolve) => {
        this.#wakeUp = resolve;
      }),
    ]);
    controller.abort();
    this.#wakeUp = undefined;
    this.#woken = false;
  }

  /** About two seconds of sending per claim: enough to keep connections busy, little to give back on stop. */
  #batchSize(): number {
    const { ratePerSecond, concurrency } = this.#options;
    return Math.max(concurrency, Math.min(500, Math.ceil(ratePerSecond * 2)));
  }

  async #claim(): Promise<ClaimedMessage[]> {
    const now = this.#clock.now();
    return this.#store.delivery.claim({
      owner: this.owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.#options.leaseMs).toISOString(),
      limit: this.#batchSize(),
    });
  }

  /** Generates the passwords of deferred password messages and commits them with their hashes, before any is sent. */
  async #materialise(batch: ClaimedMessage[]): Promise<ClaimedMessage[]> {
    const deferred = batch.filter((m) => m.deferred === 'password');
    if (deferred.length === 0) return batch;
    const items: MaterialisedPassword[] = await Promise.all(
      deferred.map(async (m) => {
        const password = generatePassword();
        return {
          id: m.id,
          electionId: m.electionId,
          voterId: m.voterId,
          bodyText: m.bodyText.replaceAll(PASSWORD_PLACEHOLDER, password.reveal()),
          bodyHtml: m.bodyHtml?.replaceAll(PASSWORD_PLACEHOLDER, password.reveal()) ?? null,
          passwordHash: await hashGeneratedSecret(password),
        };
      }),
    );
    const done = await materialisePasswords(this.#store, this.owner, items);
    const bodies = new Map(items.map((i) => [i.id, i]));
    return batch.flatMap((m) => {
      if (m.deferred !== 'password') return [m];
      const item = bodies.get(m.id)!;
      return done.has(m.id)
        ? [{ ...m, bodyText: item.bodyText, bodyHtml: item.bodyHtml, deferred: null }]
        : [];
    });
  }

  async #throttle(): Promise<void> {
    const spacing = 1000 / this.#options.ratePerSecond;
    const now = Date.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + spacing;
    if (slot - now >= 1) await sleep(slot - now);
  }

  async #sendOne(message: ClaimedMessage): Promise<SendResult> {
    const transport = this.#options.transports[message.channel];
    if (transport === undefined)
      return { kind: 'permanent', reason: `no ${message.channel} transport configured` };
    if (message.deferred !== null) return { kind: 'temporary', reason: 'secret not generated' };
    const outgoing: OutgoingMessage = {
      id: message.id,
      electionId: message.electionId,
      voterId: message.voterId,
      channel: message.channel,
      to: message.recipient,
      subject: message.subject,
      text: message.bodyText,
      html: message.bodyHtml,
      messageId: message.messageId,
      language: message.language,
    };
    try {
      return await transport.send(outgoing);
    } catch (error) {
      // A transport bug or an unexpected exception: treated as temporary, never as delivered.
      return {
        kind: 'temporary',
        reason: shortReason(error instanceof Error ? error.message : String(error)),
      };
    }
  }

  #record(message: ClaimedMessage, result: SendResult): void {
    const at = this.#clock.now();
    const base = {
      outboxId: message.id,
      electionId: message.electionId,
      voterId: message.voterId,
      purpose: message.purpose,
      attempt: message.attempts,
    };
    let outcome: MessageOutcome;
    if (result.kind === 'accepted') {
      outcome = { id: message.id, kind: 'sent', at: at.toISOString(), reason: result.response };
      this.#log({ event: 'sent', ...base });
    } else if (result.kind === 'permanent' || message.attempts >= this.#options.maxAttempts) {
      const reason =
        result.kind === 'permanent'
          ? result.reason
          : `gave up after ${message.attempts} attempts: ${result.reason}`;
      outcome = { id: message.id, kind: 'failed', at: at.toISOString(), reason };
      this.#log({ event: 'failed', ...base, reason });
    } else {
      const delay = backoff(message.attempts, this.#options.backoffBaseMs, this.#options.backoffMaxMs);
      outcome = {
        id: message.id,
        kind: 'retry',
        at: at.toISOString(),
        nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
        reason: result.reason,
      };
      this.#log({ event: 'retry', ...base, reason: result.reason });
    }
    this.#pending.push(outcome);
    this.#scheduleFlush();
  }

  /**
   * Group commit: outcomes gathered meanwhile go in one transaction, at most one commit per
   * SETTLE_INTERVAL_MS. On SQLite a commit waits for the disk (fsync) and holds the event loop, so
   * committing per message would stall every connection; the price is that a crash re-sends (as the
   * same message) what was accepted in the last interval.
   */
  #scheduleFlush(): void {
    if (this.#flushTimer !== undefined || this.#flushing !== undefined) return;
    const wait = Math.max(0, this.#lastFlushAt + SETTLE_INTERVAL_MS - Date.now());
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      void this.#flush();
    }, wait);
  }

  #flush(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    if (this.#pending.length === 0) return Promise.resolve();
    const outcomes = this.#pending;
    this.#pending = [];
    this.#lastFlushAt = Date.now();
    this.#flushing = this.#store.delivery
      .settle(this.owner, outcomes)
      .catch((error: unknown) => {
        // The database refused: keep the outcomes and try again (the heartbeat keeps their leases).
        // Should this process die meanwhile, the leases run out and the messages go again, identical.
        this.#pending.unshift(...outcomes);
        this.#lastFlushAt = Date.now() + SETTLE_RETRY_MS;
        this.#log({
          event: 'error',
          reason: shortReason(error instanceof Error ? error.message : String(error)),
        });
      })
      .finally(() => {
        this.#flushing = undefined;
        if (this.#pending.length > 0) this.#scheduleFlush();
      });
    return this.#flushing;
  }

  /** Every outcome recorded now (end of a drain, stop). */
  async #flushAll(): Promise<void> {
    if (this.#flushTimer !== undefined) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    // A database that keeps refusing: give up after a few tries; the leases then run out and the
    // messages are sent again, identical, by whichever sender takes them.
    for (let tries = 0; (this.#flushing !== undefined || this.#pending.length > 0) && tries < 5; tries++) {
      await (this.#flushing ?? this.#flush());
      if (this.#pending.length > 0 && this.#flushing === undefined) await sleep(100 * (tries + 1));
    }
    if (this.#pending.length > 0) {
      this.#log({ event: 'error', reason: `${this.#pending.length} outcomes not recorded` });
      this.#pending = [];
    }
    if (this.#flushTimer !== undefined) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
  }
}

/** Exponential backoff with ±20 % jitter, so retries of one batch do not all hit the server together. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/**
 * Puts send-time passwords into the deferred messages `owner` still leases and their hashes on the
 * voters, in one transaction: a voter's password and the message that carries it exist together or
 * not at all. Answers the ids written (the others are no longer this sender's). Each written
 * message's voter exists: a removed voter's messages go with them.
 */
export async function materialisePasswords(
  store: Store,
  owner: string,
  items: readonly MaterialisedPassword[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  return store.transaction(async (tx) => {
    const written = await tx.delivery.materialise(owner, items);
    const byElection = new Map<string, { voterId: string; passwordHash: string }[]>();
    for (const { id, electionId, voterId, passwordHash } of items) {
      if (!written.has(id)) continue;
      const updates = byElection.get(electionId) ?? [];
      updates.push({ voterId, passwordHash });
      byElection.set(electionId, updates);
    }
    for (const [electionId, updates] of byElection) await tx.voters.setSecrets(electionId, updates);
    return written;
  });
}
