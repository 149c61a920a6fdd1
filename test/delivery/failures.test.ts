/**
 * What the mail servers answer shows in each voter's delivery status: a temporary refusal (4xx) and
 * a dropped connection are retried with backoff until accepted; a permanent refusal (5xx) fails the
 * message at once with the server's reason; a server that keeps refusing exhausts the attempts. Each
 * voter whose message got through received it exactly once, and failed messages keep no secret.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender, type SenderEvent } from '../../src/delivery/sender.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import type { TestServer } from '../world/server.js';
import { credentialIn, mailedElectionWithSink, type SmtpSink } from './smtp-sink.js';

describe('SMTP failures in the delivery status', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let electionId: string;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, sink, electionId, close } = await mailedElectionWithSink({
      roll: ['later', 'unknown', 'dropped', 'stubborn', 'fine'],
      loginMode: 'one-time-code',
    }));
  });
  afterAll(async () => close?.());

  it('retries 4xx and dropped connections, fails 5xx with the reason, gives up after the last attempt', async () => {
    sink.decide = (mail, attempt) => {
      if (mail.to === 'later@example.org' && attempt === 1)
        return { kind: 'reject', code: 451, message: '4.7.1 Greylisted, try again later' };
      if (mail.to === 'unknown@example.org')
        return { kind: 'reject', code: 550, message: '5.1.1 No such mailbox' };
      if (mail.to === 'dropped@example.org' && attempt === 1) return { kind: 'drop' };
      if (mail.to === 'stubborn@example.org')
        return { kind: 'reject', code: 421, message: '4.3.2 Service not available' };
      return { kind: 'accept' };
    };
    const events: SenderEvent[] = [];
    const sender = new DeliverySender(server.store, {
      transports: { email: smtpTransport({ url: sink.url, from: 'no-reply@example.org', timeoutMs: 5000 }) },
      backoffBaseMs: 20,
      backoffMaxMs: 100,
      maxAttempts: 3,
      log: (event) => events.push(event),
    });
    for (let round = 0; round < 100; round++) {
      await sender.drain();
      const counts = await server.store.delivery.countMessages(electionId);
      if (counts.queued === 0 && counts.sending === 0) break;
      await sleep(30);
    }
    await sender.stop();

    const admin = await server.store.voters.list(electionId);
    const statuses = new Map(
      (await server.store.delivery.listMessages(electionId)).map((m) => [
        admin.find((v) => v.id === m.voterId)!.login,
        m,
      ]),
    );
    expect(statuses.get('fine')).toMatchObject({ status: 'sent', attempts: 1, holdsSecret: false });
    expect(statuses.get('later')).toMatchObject({ status: 'sent', attempts: 2, holdsSecret: false });
    expect(statuses.get('dropped')).toMatchObject({ status: 'sent', attempts: 2, holdsSecret: false });
    expect(statuses.get('unknown')).toMatchObject({
      status: 'failed',
      attempts: 1,
      holdsSecret: false,
      lastReason: expect.stringMatching(/^550 5\.1\.1 No such mailbox/),
    });
    expect(statuses.get('stubborn')).toMatchObject({
      status: 'failed',
      attempts: 3,
      holdsSecret: false,
      lastReason: expect.stringMatching(/^gave up after 3 attempts: 421/),
    });
    // The retries' reasons were logged by voter id, never with an address or a body.
    const retries = events.filter((e) => e.event === 'retry');
    expect(retries.some((e) => /^451 4\.7\.1/.test(e.reason!))).toBe(true);
    expect(retries.some((e) => /ECONNECTION|ESOCKET|closed|ended/i.test(e.reason!))).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/@example\.org|credential=/);

    // Accepted exactly once per voter that got through; never for the refused ones.
    for (const name of ['fine', 'later', 'dropped']) {
      const mails = sink.mailTo(`${name}@example.org`);
      expect(mails, name).toHaveLength(1);
      expect(credentialIn(mails[0]!.text)).toBeDefined();
    }
    expect(sink.mailTo('unknown@example.org')).toHaveLength(0);
    expect(sink.mailTo('stubborn@example.org')).toHaveLength(0);

    // The admin sees the same, with the reasons; scrutineers' counts name no one.
    const { voterDeliveryStatus, deliveryCounts } = await import('../../src/delivery/status.js');
    const view = await voterDeliveryStatus(server.store, electionId);
    expect(view.find((v) => v.login === 'unknown')!.credential).toMatchObject({
      status: 'failed',
      lastReason: expect.stringContaining('550'),
    });
    expect(deliveryCounts(view).credential).toEqual({ queued: 0, sending: 0, sent: 3, failed: 2, none: 0 });
  });
});
