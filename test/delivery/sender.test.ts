/**
 * The sender with in-memory transports: a slow mail server cannot make a message outlive its lease
 * (the sender renews its leases while it works, so no other sender takes them over), the SMS
 * channel goes through its own transport, a channel without a transport fails its message with a
 * reason, and the logging transport writes voter ids only — never an address or a body.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { loggingTransport, type OutgoingMessage, testTransport } from '../../src/delivery/transport.js';
import type { OutboxInput } from '../../src/store/delivery/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { election, organisation, voter } from '../support/store-fixtures.js';
import { tempDir } from '../support/tools.js';

const E = 'E1234567890abc';

const message = (id: string, voterId: string, over: Partial<OutboxInput> = {}): OutboxInput => ({
  id,
  electionId: E,
  voterId,
  purpose: 'credential',
  channel: 'email',
  recipient: `${voterId}@example.org`,
  language: 'en',
  priority: 1,
  subject: 'Your voting credential',
  bodyText: `BODY-${id}`,
  bodyHtml: null,
  secretKind: 'credential',
  deferred: null,
  nextAttemptAt: new Date(Date.now() - 1000).toISOString(),
  messageId: `<${id}@example.org>`,
  createdAt: new Date().toISOString(),
  ...over,
});

describe('the sender', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(`sqlite:${join(tempDir('sender'), 'store.db')}`);
    await store.createOrganisation(organisation('O1'));
    await store.createElection(election(E, 'O1'));
    await store.replaceVoters(
      E,
      Array.from({ length: 12 }, (_, i) => voter(`v${i}`, E)),
    );
  });
  afterAll(async () => store?.close());

  it('keeps its leases alive while a slow server holds it up, so nothing is sent twice', async () => {
    await store.enqueueMessages(
      E,
      Array.from({ length: 8 }, (_, i) => message(`slow${i}`, `v${i}`)),
    );
    const transport = testTransport();
    const slow = transport.send.bind(transport);
    transport.send = async (m: OutgoingMessage) => {
      await sleep(60);
      return slow(m);
    };
    const sender = new DeliverySender(store, {
      transports: { email: transport },
      concurrency: 1,
      leaseMs: 200,
    });
    await sender.drain();
    const ids = transport.accepted.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `slow${i}`).sort());
    const entries = (await store.listMessages(E)).filter((m) => m.id.startsWith('slow'));
    expect(entries.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
  });

  it('keeps the outcomes the database refused once, and records them on the next try', async () => {
    await store.enqueueMessages(
      E,
      Array.from({ length: 3 }, (_, i) =>
        message(`flaky${i}`, `v${i}`, { purpose: 'access-reminder', secretKind: null }),
      ),
    );
    let refusals = 2;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'settleMessages')
          return (owner: string, outcomes: Parameters<Store['settleMessages']>[1]) =>
            refusals-- > 0
              ? Promise.reject(new Error('database is locked'))
              : target.settleMessages(owner, outcomes);
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const transport = testTransport();
    expect(await new DeliverySender(flaky, { transports: { email: transport } }).drain()).toBe(3);
    expect(transport.accepted.map((m) => m.id).sort()).toEqual(['flaky0', 'flaky1', 'flaky2']);
    const entries = (await store.listMessages(E)).filter((m) => m.id.startsWith('flaky'));
    expect(entries.map((m) => [m.status, m.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('sends SMS through the SMS transport and fails a channel that has none, with the reason', async () => {
    await store.enqueueMessages(E, [
      message('sms1', 'v8', {
        channel: 'sms',
        recipient: '+33600000000',
        purpose: 'one-time-code',
        secretKind: 'code',
      }),
      message('sms2', 'v9', {
        channel: 'sms',
        recipient: '+33600000001',
        purpose: 'one-time-code',
        secretKind: 'code',
      }),
    ]);
    const sms = testTransport('sms');
    const withSms = new DeliverySender(store, { transports: { email: testTransport(), sms } });
    expect(await withSms.drain()).toBe(2);
    expect(sms.accepted.map((m) => [m.to, m.text])).toEqual([
      ['+33600000000', 'BODY-sms1'],
      ['+33600000001', 'BODY-sms2'],
    ]);
    await store.enqueueMessages(E, [message('sms3', 'v10', { channel: 'sms', recipient: '+33600000002' })]);
    const withoutSms = new DeliverySender(store, { transports: { email: testTransport() } });
    await withoutSms.drain();
    const failed = (await store.listMessages(E, 'v10'))[0]!;
    expect(failed).toMatchObject({
      status: 'failed',
      lastReason: 'no sms transport configured',
      holdsSecret: false,
    });
  });

  it('logs by voter id only when no mail server is configured, and never calls the message sent', async () => {
    await store.enqueueMessages(E, [message('log1', 'v11', { bodyText: 'SECRET-BODY-log1' })]);
    const lines: string[] = [];
    const sender = new DeliverySender(store, {
      transports: { email: loggingTransport('email', (l) => lines.push(l)) },
    });
    expect(await sender.drain()).toBe(1);
    expect(lines).toEqual(['message to v11 not sent (email: no transport configured)']);
    expect((await store.listMessages(E, 'v11'))[0]).toMatchObject({
      status: 'failed',
      lastReason: 'not sent: no mail server configured (demo)',
      holdsSecret: false,
    });
  });

  it('stops cleanly: what it claimed but did not send goes back to the queue', async () => {
    await store.enqueueMessages(
      E,
      Array.from({ length: 6 }, (_, i) =>
        message(`stop${i}`, `v${i}`, { purpose: 'password', secretKind: 'password' }),
      ),
    );
    const transport = testTransport();
    const slow = transport.send.bind(transport);
    transport.send = async (m: OutgoingMessage) => {
      await sleep(40);
      return slow(m);
    };
    const sender = new DeliverySender(store, {
      transports: { email: transport },
      concurrency: 1,
      pollMs: 10,
    });
    sender.start();
    while (transport.accepted.length === 0) await sleep(10);
    await sender.stop();
    const entries = (await store.listMessages(E)).filter((m) => m.id.startsWith('stop'));
    expect(entries.filter((m) => m.status === 'sending')).toEqual([]);
    const sent = entries
      .filter((m) => m.status === 'sent')
      .map((m) => m.id)
      .sort();
    expect(sent).toEqual(transport.accepted.map((m) => m.id).sort());
    expect(entries.filter((m) => m.status === 'queued').every((m) => m.attempts === 0)).toBe(true);
  });
});
