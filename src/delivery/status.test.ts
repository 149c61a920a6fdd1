/**
 * The delivery status as the admin and the scrutineers read it, from the store's rows: which
 * message of each purpose stands for a voter (the latest generation; a recovery replacing the
 * credential), what a scrutineer's counts make of a superseded or a recovered message, and that
 * nothing but allowlisted fields comes out.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../store/delivery/index.js';
import type { Store } from '../store/store.js';
import {
  deliveryCounts,
  type MessageSummary,
  type VoterDeliveryStatus,
  voterDeliveryStatus,
} from './status.js';

const ELECTION = 'E1';

const voter = (id: string, language = '') => ({
  id,
  electionId: ELECTION,
  email: `${id}@example.org`,
  login: id,
  displayName: `Voter ${id}`,
  weight: '1',
  language,
  publicCredential: id === 'nocred' ? null : '12345',
  passwordHash: null,
});

let sequence = 0;
const message = (voterId: string, over: Partial<OutboxEntry>): OutboxEntry => ({
  id: `m${++sequence}`,
  electionId: ELECTION,
  voterId,
  purpose: 'credential',
  generation: 1,
  idempotencyKey: `k${sequence}`,
  channel: 'email',
  status: 'sent',
  attempts: 1,
  nextAttemptAt: '2030-01-01T10:00:00.000Z',
  lastReason: null,
  createdAt: '2030-01-01T10:00:00.000Z',
  sentAt: '2030-01-01T10:00:01.000Z',
  holdsSecret: false,
  ...over,
});

/** The five reads the status makes, over fixed rows. */
function storeWith(rows: {
  voters: ReturnType<typeof voter>[];
  messages?: OutboxEntry[];
  access?: { voterId: string; firstLoginAt: string | null; accessCheckedAt: string | null }[];
  casts?: { voterId: string }[];
  defaultLanguage?: string;
}): Store {
  const voters: Partial<Store['voters']> = { list: async () => rows.voters };
  const board: Partial<Store['board']> = {
    listCasts: async () => (rows.casts ?? []) as Awaited<ReturnType<Store['board']['listCasts']>>,
  };
  const delivery: Partial<Store['delivery']> = {
    listMessages: async () => rows.messages ?? [],
    listAccess: async () => (rows.access ?? []) as Awaited<ReturnType<Store['delivery']['listAccess']>>,
    getSettings: async () =>
      rows.defaultLanguage === undefined
        ? undefined
        : {
            electionId: ELECTION,
            loginMode: 'password',
            passwordDelaySeconds: 0,
            helpContact: '',
            defaultLanguage: rows.defaultLanguage,
          },
  };
  return { voters, board, delivery } as unknown as Store;
}

describe('voterDeliveryStatus', () => {
  it('shows the latest generation of each purpose, and a recovery beside the credential', async () => {
    const store = storeWith({
      voters: [voter('a')],
      messages: [
        message('a', { purpose: 'credential', generation: 2, status: 'queued', sentAt: null }),
        message('a', { purpose: 'credential', generation: 1, status: 'superseded' }),
        message('a', { purpose: 'password', status: 'failed', lastReason: '550 No such mailbox' }),
        message('a', { purpose: 'credential-recovery', status: 'sent' }),
      ],
    });
    const [a] = await voterDeliveryStatus(store, ELECTION);
    expect(a!.credential).toMatchObject({ status: 'queued', generation: 2, sentAt: null });
    // Only a queued message says when it is tried next.
    expect(a!.credential!.nextAttemptAt).toBe('2030-01-01T10:00:00.000Z');
    expect(a!.password).toMatchObject({
      status: 'failed',
      lastReason: '550 No such mailbox',
      nextAttemptAt: null,
    });
    expect(a!.recovery).toMatchObject({ status: 'sent' });
    expect(a!.reminder).toBeNull();
  });

  it('leaves sign-in codes and roll-change notices out: they are not steps of delivery', async () => {
    const store = storeWith({
      voters: [voter('a')],
      messages: [message('a', { purpose: 'one-time-code' }), message('a', { purpose: 'roll-change' })],
    });
    const [a] = await voterDeliveryStatus(store, ELECTION);
    expect([a!.credential, a!.recovery, a!.password, a!.reminder]).toEqual([null, null, null, null]);
  });

  it('says who signed in, checked their access and voted, and gives a voter without an offered language the default', async () => {
    const store = storeWith({
      voters: [voter('a', 'FR-be'), voter('b'), voter('nocred', 'de')],
      access: [{ voterId: 'b', firstLoginAt: '2030-01-02T08:00:00.000Z', accessCheckedAt: null }],
      casts: [{ voterId: 'b' }],
      defaultLanguage: 'en',
    });
    const statuses = await voterDeliveryStatus(store, ELECTION);
    expect(statuses.map((s) => [s.voterId, s.language, s.hasCredential, s.firstLoginAt, s.voted])).toEqual([
      ['a', 'fr', true, null, false],
      ['b', 'en', true, '2030-01-02T08:00:00.000Z', true],
      // A language the messages are not written in falls back to the election's.
      ['nocred', 'en', false, null, false],
    ]);
  });

  it('answers allowlisted fields only: no body, no hash, no credential', async () => {
    const store = storeWith({ voters: [voter('a')], messages: [message('a', {})] });
    const [a] = await voterDeliveryStatus(store, ELECTION);
    expect(Object.keys(a!).sort()).toEqual(
      [
        'accessCheckedAt',
        'credential',
        'displayName',
        'email',
        'firstLoginAt',
        'hasCredential',
        'language',
        'login',
        'password',
        'phone',
        'recovery',
        'reminder',
        'voted',
        'voterId',
      ].sort(),
    );
    expect(Object.keys(a!.credential!).sort()).toEqual(
      [
        'attempts',
        'channel',
        'generation',
        'lastReason',
        'nextAttemptAt',
        'queuedAt',
        'sentAt',
        'status',
      ].sort(),
    );
  });
});

describe('deliveryCounts', () => {
  const summary = (status: MessageSummary['status']): MessageSummary => ({
    channel: 'email',
    status,
    attempts: 1,
    lastReason: null,
    queuedAt: '2030-01-01T10:00:00.000Z',
    nextAttemptAt: null,
    sentAt: null,
    generation: 1,
  });
  const status = (over: Partial<VoterDeliveryStatus>): VoterDeliveryStatus => ({
    voterId: 'v',
    login: 'v',
    email: 'v@example.org',
    phone: null,
    displayName: 'V',
    language: 'fr',
    hasCredential: true,
    credential: null,
    recovery: null,
    password: null,
    reminder: null,
    firstLoginAt: null,
    accessCheckedAt: null,
    voted: false,
    ...over,
  });

  it('counts each voter once per step, a superseded message as none', () => {
    const counts = deliveryCounts([
      status({ credential: summary('sent'), password: summary('queued'), firstLoginAt: 'x', voted: true }),
      status({ credential: summary('failed'), password: summary('superseded') }),
      status({ credential: summary('superseded'), accessCheckedAt: 'y' }),
      status({}),
    ]);
    expect(counts).toEqual({
      voters: 4,
      credential: { queued: 0, sending: 0, sent: 1, failed: 1, none: 2 },
      password: { queued: 1, sending: 0, sent: 0, failed: 0, none: 3 },
      loggedIn: 1,
      accessChecked: 1,
      voted: 1,
    });
  });

  it('counts a sent recovery as the credential having reached its voter, and only a sent one', () => {
    const counts = deliveryCounts([
      status({ credential: summary('failed'), recovery: summary('sent') }),
      status({ credential: summary('failed'), recovery: summary('queued') }),
    ]);
    expect(counts.credential).toEqual({ queued: 0, sending: 0, sent: 1, failed: 1, none: 0 });
  });

  it('counts nobody in an empty roll', () => {
    expect(deliveryCounts([])).toEqual({
      voters: 0,
      credential: { queued: 0, sending: 0, sent: 0, failed: 0, none: 0 },
      password: { queued: 0, sending: 0, sent: 0, failed: 0, none: 0 },
      loggedIn: 0,
      accessChecked: 0,
      voted: 0,
    });
  });
});
