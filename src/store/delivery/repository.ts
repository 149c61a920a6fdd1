/**
 * The delivery persistence as one repository: the outbox, delivery settings, voter access facts and
 * one-time codes (one query module per table beside this file).
 */
import { sql } from 'kysely';
import type { Connection } from '../connection.js';
import { UniqueViolation } from '../errors.js';
import { listAccess, recordAccess, type VoterAccessRow } from './access.js';
import { deleteCode, type OneTimeCodeRow, saveCode, spendCodeAttempt } from './codes.js';
import type {
  ClaimedMessage,
  EnqueueOutcome,
  MaterialisedBody,
  MessageOutcome,
  MessageStatus,
  OutboxEntry,
  OutboxInput,
} from './outbox.js';
import * as outbox from './outbox.js';
import { type DeliverySettingsRow, getSettings, saveSettings } from './settings.js';

export interface DeliveryRepository {
  /**
   * Queues messages; an idempotency key already present is skipped, not an error. A generated
   * credential is bound to its voter only together with the message that carries its private part:
   * the caller sets it with `voters.setSecrets` in the same `store.transaction`.
   */
  enqueue(electionId: string, messages: readonly OutboxInput[]): Promise<EnqueueOutcome[]>;
  claim(options: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<ClaimedMessage[]>;
  /** Extends the leases `owner` holds until `leaseUntil` (a live sender's heartbeat); answers how many. */
  renewLeases(owner: string, leaseUntil: string): Promise<number>;
  /**
   * Puts send-time passwords into the deferred messages `owner` still leases; answers the ids
   * written. The caller sets their hashes on the voters (`voters.setSecrets`) in the same
   * `store.transaction`, so a password and its message exist together or not at all.
   */
  materialise(owner: string, items: readonly MaterialisedBody[]): Promise<Set<string>>;
  settle(owner: string, outcomes: readonly MessageOutcome[]): Promise<void>;
  /** Removes on-disk remnants of erased message bodies where the engine allows (SQLite: checkpoint and truncate the WAL). */
  scrubErasedSecrets(): Promise<void>;
  listMessages(electionId: string, voterId?: string): Promise<OutboxEntry[]>;
  countMessages(electionId?: string): Promise<Record<MessageStatus, number>>;
  nextDue(): Promise<string | undefined>;
  getSettings(electionId: string): Promise<DeliverySettingsRow | undefined>;
  saveSettings(row: DeliverySettingsRow): Promise<void>;
  recordAccess(
    electionId: string,
    voterId: string,
    what: 'login' | 'access-check',
    at: string,
  ): Promise<void>;
  listAccess(electionId: string): Promise<VoterAccessRow[]>;
  saveCode(row: OneTimeCodeRow): Promise<void>;
  /** Spends one try of a live code (see delivery/codes.ts); undefined when none is left. */
  spendCodeAttempt(electionId: string, voterId: string, now: string): Promise<OneTimeCodeRow | undefined>;
  deleteCode(electionId: string, voterId: string): Promise<void>;
}

export class KyselyDelivery implements DeliveryRepository {
  constructor(private readonly c: Connection) {}

  async enqueue(electionId: string, messages: readonly OutboxInput[]): Promise<EnqueueOutcome[]> {
    await this.c.secureDelete();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.c.atomically((trx) => outbox.enqueue(trx, electionId, messages));
      } catch (error) {
        // Two requests queueing the same key at once (PostgreSQL, read committed): the loser's retry
        // sees the winner's rows and skips them, as idempotency asks.
        if (!(error instanceof UniqueViolation) || attempt >= 3) throw error;
      }
    }
  }

  claim(options: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<ClaimedMessage[]> {
    return this.c.write((db) => outbox.claim(db, options, this.c.dialect));
  }

  renewLeases(owner: string, leaseUntil: string): Promise<number> {
    return this.c.write((db) => outbox.renewLeases(db, owner, leaseUntil));
  }

  async materialise(owner: string, items: readonly MaterialisedBody[]): Promise<Set<string>> {
    if (items.length === 0) return new Set<string>();
    await this.c.secureDelete();
    return this.c.atomically((trx) => outbox.materialise(trx, owner, items));
  }

  async settle(owner: string, outcomes: readonly MessageOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.c.secureDelete();
    await this.c.atomically((trx) => outbox.settle(trx, owner, outcomes));
  }

  /**
   * After a sending run: on SQLite, moves the write-ahead log into the database and truncates it, so
   * the copies of erased message bodies that WAL frames still held are gone from disk. PostgreSQL
   * reclaims dead rows by itself (autovacuum); its WAL and free space are covered by disk encryption.
   */
  async scrubErasedSecrets(): Promise<void> {
    if (this.c.dialect !== 'sqlite') return;
    if (this.c.inTransaction) throw new Error('scrubErasedSecrets: not inside a store.transaction');
    await this.c.secureDelete();
    await this.c.write((db) => sql`pragma wal_checkpoint(TRUNCATE)`.execute(db));
  }

  listMessages(electionId: string, voterId?: string): Promise<OutboxEntry[]> {
    return outbox.listOutbox(this.c.db, electionId, voterId);
  }
  countMessages(electionId?: string): Promise<Record<MessageStatus, number>> {
    return outbox.countOutbox(this.c.db, electionId);
  }
  nextDue(): Promise<string | undefined> {
    return outbox.nextDue(this.c.db);
  }
  getSettings(electionId: string): Promise<DeliverySettingsRow | undefined> {
    return getSettings(this.c.db, electionId);
  }
  async saveSettings(row: DeliverySettingsRow): Promise<void> {
    await this.c.write((db) => saveSettings(db, row));
  }
  async recordAccess(electionId: string, voterId: string, what: 'login' | 'access-check', at: string) {
    await this.c.write((db) => recordAccess(db, electionId, voterId, what, at));
  }
  listAccess(electionId: string): Promise<VoterAccessRow[]> {
    return listAccess(this.c.db, electionId);
  }
  async saveCode(row: OneTimeCodeRow): Promise<void> {
    await this.c.write((db) => saveCode(db, row));
  }
  /** One transaction: the try is read and spent together. */
  spendCodeAttempt(electionId: string, voterId: string, now: string): Promise<OneTimeCodeRow | undefined> {
    return this.c.atomically((trx) => spendCodeAttempt(trx, electionId, voterId, now));
  }
  async deleteCode(electionId: string, voterId: string): Promise<void> {
    await this.c.write((db) => deleteCode(db, electionId, voterId));
  }
}
