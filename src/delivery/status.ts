/**
 * Delivery as the election admin and the help desk see it, voter by voter: the latest message of
 * each purpose (queued, sending, sent, failed with the mail server's reason, or superseded), whether
 * the voter has signed in and tested their access, and whether they voted. Scrutineers get counts
 * only. Built from allowlisted fields: no body, no secret, no hash.
 */
import type { MessagePurpose, MessageStatus, OutboxEntry } from '../store/delivery/index.js';
import type { Store, VoterRow } from '../store/store.js';
import { deliverySettings } from './settings.js';
import { messageLanguage } from './templates.js';

export interface MessageSummary {
  /** The channel it went by: the credential by mail, a password by mail or SMS. */
  readonly channel: 'email' | 'sms';
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly lastReason: string | null;
  readonly queuedAt: string;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
  /** 1 for the first message of this purpose, 2 for its first resend… */
  readonly generation: number;
}

export interface VoterDeliveryStatus {
  readonly voterId: string;
  readonly login: string;
  readonly email: string;
  /** E.164 mobile number from the roll, or null. */
  readonly phone: string | null;
  readonly displayName: string;
  readonly language: string;
  readonly hasCredential: boolean;
  readonly credential: MessageSummary | null;
  readonly recovery: MessageSummary | null;
  readonly password: MessageSummary | null;
  readonly reminder: MessageSummary | null;
  readonly firstLoginAt: string | null;
  readonly accessCheckedAt: string | null;
  readonly voted: boolean;
}

const SUMMARISED: Record<
  Exclude<
    MessagePurpose,
    'one-time-code' | 'roll-change' | 'annulment-notice' | 'cast-receipt' | 'recovery-notice'
  >,
  'credential' | 'recovery' | 'password' | 'reminder'
> = {
  credential: 'credential',
  'credential-recovery': 'recovery',
  password: 'password',
  'access-reminder': 'reminder',
};

function summary(entry: OutboxEntry): MessageSummary {
  return {
    channel: entry.channel,
    status: entry.status,
    attempts: entry.attempts,
    lastReason: entry.lastReason,
    queuedAt: entry.createdAt,
    nextAttemptAt: entry.status === 'queued' ? entry.nextAttemptAt : null,
    sentAt: entry.sentAt,
    generation: entry.generation,
  };
}

export async function voterDeliveryStatus(store: Store, electionId: string): Promise<VoterDeliveryStatus[]> {
  const [voters, messages, access, casts, settings] = await Promise.all([
    store.voters.list(electionId),
    store.delivery.listMessages(electionId),
    store.delivery.listAccess(electionId),
    store.board.listCasts(electionId),
    deliverySettings(store, electionId),
  ]);
  const latest = new Map<string, OutboxEntry>();
  for (const m of messages) {
    // Notices, codes and receipts are not summarised per voter.
    const what = (SUMMARISED as Partial<Record<MessagePurpose, string>>)[m.purpose];
    if (what === undefined) continue;
    const key = `${m.voterId}/${what}`;
    const seen = latest.get(key);
    if (
      seen === undefined ||
      seen.generation < m.generation ||
      (seen.purpose !== m.purpose && seen.createdAt < m.createdAt)
    )
      latest.set(key, m);
  }
  const accessOf = new Map(access.map((a) => [a.voterId, a]));
  const voted = new Set(casts.map((c) => c.voterId));
  const of = (v: VoterRow, what: string) => {
    const entry = latest.get(`${v.id}/${what}`);
    return entry === undefined ? null : summary(entry);
  };
  return voters.map((v) => ({
    voterId: v.id,
    login: v.login,
    email: v.email,
    phone: v.phone ?? null,
    displayName: v.displayName,
    // A voter imported without a language follows the election's default.
    language: messageLanguage(v.language, settings.defaultLanguage),
    hasCredential: v.publicCredential !== null,
    credential: of(v, 'credential'),
    recovery: of(v, 'recovery'),
    password: of(v, 'password'),
    reminder: of(v, 'reminder'),
    firstLoginAt: accessOf.get(v.id)?.firstLoginAt ?? null,
    accessCheckedAt: accessOf.get(v.id)?.accessCheckedAt ?? null,
    voted: voted.has(v.id),
  }));
}

export type StatusCounts = Record<'queued' | 'sending' | 'sent' | 'failed' | 'none', number>;

export interface DeliveryCounts {
  readonly voters: number;
  readonly credential: StatusCounts;
  readonly password: StatusCounts;
  readonly loggedIn: number;
  readonly accessChecked: number;
  readonly voted: number;
}

/** Counts for scrutineers: how many voters are at each step, never who. */
export function deliveryCounts(statuses: readonly VoterDeliveryStatus[]): DeliveryCounts {
  const tally = (pick: (s: VoterDeliveryStatus) => MessageSummary | null): StatusCounts => {
    const counts: StatusCounts = { queued: 0, sending: 0, sent: 0, failed: 0, none: 0 };
    for (const s of statuses) {
      const m = pick(s);
      // A recovery message that was sent counts as the credential having reached the voter.
      const status = m === null || m.status === 'superseded' ? 'none' : m.status;
      counts[status] += 1;
    }
    return counts;
  };
  return {
    voters: statuses.length,
    credential: tally((s) => (s.recovery?.status === 'sent' ? s.recovery : s.credential)),
    password: tally((s) => s.password),
    loggedIn: statuses.filter((s) => s.firstLoginAt !== null).length,
    accessChecked: statuses.filter((s) => s.accessCheckedAt !== null).length,
    voted: statuses.filter((s) => s.voted).length,
  };
}
