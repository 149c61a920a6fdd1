/**
 * The sender with in-memory transports: a slow mail server cannot make a message outlive its lease
 * (the sender renews its leases while it works, so no other sender takes them over), the SMS
 * channel goes through its own transport, a channel without a transport fails its message with a
 * reason, and the logging transport writes voter ids only — never an address or a body.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/accounts/password.js';
import { secret } from '../../src/core/secret.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { PASSWORD_PLACEHOLDER } from '../../src/delivery/templates.js';
import { loggingTransport, type OutgoingMessage, testTransport } from '../../src/delivery/transport.js';
import type { OutboxInput } from '../../src/store/delivery/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { election, organisation, voter } from '../support/store-fixtures.js';
import { overrideRepository } from '../support/store-overrides.js';
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
    await store.accounts.createOrganisation(organisation('O1'));
    await store.elections.create(election(E, 'O1'));
    await store.voters.replace(
      E,
      Array.from({ length: 12 }, (_, i) => voter(`v${i}`, E)),
    );
  });
  afterAll(async () => store?.close());

  it('keeps its leases alive while a slow server holds it up, so nothing is sent twice', async () => {
    await store.delivery.enqueue(
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
    const entries = (await store.delivery.listMessages(E)).filter((m) => m.id.startsWith('slow'));
    expect(entries.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
  });

  it('keeps the outcomes the database refused once, and records them on the next try', async () => {
    await store.delivery.enqueue(
      E,
      Array.from({ length: 3 }, (_, i) =>
        message(`flaky${i}`, `v${i}`, { purpose: 'access-reminder', secretKind: null }),
      ),
    );
    let refusals = 2;
    const flaky = overrideRepository(store, 'delivery', (delivery) => ({
      settle: (owner, outcomes) =>
        refusals-- > 0 ? Promise.reject(new Error('database is locked')) : delivery.settle(owner, outcomes),
    }));
    const transport = testTransport();
    expect(await new DeliverySender(flaky, { transports: { email: transport } }).drain()).toBe(3);
    expect(transport.accepted.map((m) => m.id).sort()).toEqual(['flaky0', 'flaky1', 'flaky2']);
    const entries = (await store.delivery.listMessages(E)).filter((m) => m.id.startsWith('flaky'));
    expect(entries.map((m) => [m.status, m.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('sends SMS through the SMS transport and fails a channel that has none, with the reason', async () => {
    await store.delivery.enqueue(E, [
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
    await store.delivery.enqueue(E, [message('sms3', 'v10', { channel: 'sms', recipient: '+33600000002' })]);
    const withoutSms = new DeliverySender(store, { transports: { email: testTransport() } });
    await withoutSms.drain();
    const failed = (await store.delivery.listMessages(E, 'v10'))[0]!;
    expect(failed).toMatchObject({
      status: 'failed',
      lastReason: 'no sms transport configured',
      holdsSecret: false,
    });
  });

  it('logs by voter id only when no mail server is configured, and never calls the message sent', async () => {
    await store.delivery.enqueue(E, [message('log1', 'v11', { bodyText: 'SECRET-BODY-log1' })]);
    const lines: string[] = [];
    const sender = new DeliverySender(store, {
      transports: { email: loggingTransport('email', (l) => lines.push(l)) },
    });
    expect(await sender.drain()).toBe(1);
    expect(lines).toEqual(['message to v11 not sent (email: no transport configured)']);
    expect((await store.delivery.listMessages(E, 'v11'))[0]).toMatchObject({
      status: 'failed',
      lastReason: 'not sent: no mail server configured (demo)',
      holdsSecret: false,
    });
  });

  // Issue 20, survivor 5: a password is generated at send time and its hash stored before the mail
  // goes; a sender that lost the message's lease meanwhile (its write refused) must not send it.
  const passwordMessage = (id: string, voterId: string) =>
    message(id, voterId, {
      purpose: 'password',
      secretKind: 'password',
      deferred: 'password',
      bodyText: `Your password: ${PASSWORD_PLACEHOLDER}\n`,
    });
  const passwordIn = (m: OutgoingMessage) => /Your password: (\S+)\n/.exec(m.text)?.[1];
  async function expectEachVerifies(sent: OutgoingMessage[]) {
    for (const m of sent) {
      const password = passwordIn(m);
      expect(password, m.id).toBeDefined();
      expect(password).not.toContain(PASSWORD_PLACEHOLDER);
      const stored = (await store.voters.get(m.voterId))?.passwordHash;
      expect(await verifyPassword(secret(password!, 'password'), stored), m.id).toBe(true);
    }
  }

  it('sends generated passwords that each verify against the hash stored for their voter', async () => {
    await store.delivery.enqueue(
      E,
      Array.from({ length: 4 }, (_, i) => passwordMessage(`pw${i}`, `v${i}`)),
    );
    const transport = testTransport();
    await new DeliverySender(store, { transports: { email: transport } }).drain();
    const sent = transport.accepted.filter((m) => m.id.startsWith('pw'));
    expect(sent.map((m) => m.id).sort()).toEqual(['pw0', 'pw1', 'pw2', 'pw3']);
    expect(new Set(sent.map(passwordIn)).size).toBe(4);
    await expectEachVerifies(sent);
  });

  it('does not send a password whose hash it could not store because another sender took the lease', async () => {
    await store.delivery.enqueue(
      E,
      Array.from({ length: 4 }, (_, i) => passwordMessage(`lost${i}`, `v${i + 4}`)),
    );
    let taken: string[] = [];
    // Between the claim and the write of the hashes, the lease of lost0 runs out and another sender
    // claims it (the first by priority, due time and id): this sender's write of its hash is refused.
    // (The sender writes them in its only transaction: the claim happens just before it opens.)
    const slow = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'transaction')
          return async <T>(fn: (tx: Store) => Promise<T>) => {
            const later = new Date(Date.now() + 3_600_000).toISOString();
            const claimed = await target.delivery.claim({
              owner: 'another-sender',
              now: later,
              leaseUntil: later,
              limit: 1,
            });
            taken = claimed.map((m) => m.id);
            return target.transaction(fn);
          };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const transport = testTransport();
    await new DeliverySender(slow, { transports: { email: transport } }).drain();
    expect(taken).toEqual(['lost0']);
    const sent = transport.accepted.filter((m) => m.id.startsWith('lost'));
    expect(sent.map((m) => m.id).sort()).toEqual(['lost1', 'lost2', 'lost3']);
    await expectEachVerifies(sent);
    expect((await store.voters.get('v4'))?.passwordHash).toBeNull();
    // The other sender holds it now, placeholder and all: it generates and stores its own password.
    expect((await store.delivery.listMessages(E)).find((m) => m.id === 'lost0')).toMatchObject({
      status: 'sending',
    });
  });

  it('stops cleanly: what it claimed but did not send goes back to the queue', async () => {
    await store.delivery.enqueue(
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
    const entries = (await store.delivery.listMessages(E)).filter((m) => m.id.startsWith('stop'));
    expect(entries.filter((m) => m.status === 'sending')).toEqual([]);
    const sent = entries
      .filter((m) => m.status === 'sent')
      .map((m) => m.id)
      .sort();
    expect(sent).toEqual(transport.accepted.map((m) => m.id).sort());
    expect(entries.filter((m) => m.status === 'queued').every((m) => m.attempts === 0)).toBe(true);
  });
});
