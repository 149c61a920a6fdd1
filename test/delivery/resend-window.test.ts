/**
 * The one crash window delivery cannot close: the mail server has answered 250, and the sender dies
 * before its commit of "sent". Simulated here by a store that loses that commit. Another sender takes
 * the messages over when their leases run out and sends them again — the same message: same
 * Message-ID, same body, same secret, same address — so the voter sees a duplicate of one message
 * (which mail clients fold by Message-ID), never a second, different credential. Nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import { overrideRepository } from '../support/store-overrides.js';
import type { TestServer } from '../world/server.js';
import { credentialIn, mailedElectionWithSink, type SmtpSink } from './smtp-sink.js';

describe("a sender that dies between the server's acceptance and its commit", () => {
  let server: TestServer;
  let sink: SmtpSink;
  let electionId: string;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, sink, electionId, close } = await mailedElectionWithSink({
      roll: ['a', 'b'],
      loginMode: 'one-time-code',
    }));
  });
  afterAll(async () => close?.());

  it('sends the same message again, recognisably, and records it once', async () => {
    const losesCommits = overrideRepository(server.store, 'delivery', () => ({
      settle: async () => Promise.reject(new Error('process died')),
    }));
    const transport = () => smtpTransport({ url: sink.url, from: 'no-reply@example.org' });
    const dying = new DeliverySender(losesCommits, { transports: { email: transport() }, leaseMs: 60_000 });
    expect(await dying.drain()).toBe(2);
    expect(sink.received).toHaveLength(2);
    expect((await server.store.delivery.countMessages(electionId)).sending).toBe(2);

    // A minute later (the heir's clock runs ahead), the leases have run out.
    const later = { now: () => new Date(Date.now() + 61_000) };
    const heir = new DeliverySender(server.store, { transports: { email: transport() }, clock: later });
    expect(await heir.drain()).toBe(2);
    expect(sink.received).toHaveLength(4);
    for (const address of ['a@example.org', 'b@example.org']) {
      const [first, second] = sink.mailTo(address);
      expect(second!.messageId).toBe(first!.messageId);
      expect(second!.text).toBe(first!.text);
      expect(credentialIn(second!.text)).toBe(credentialIn(first!.text));
    }
    const messages = await server.store.delivery.listMessages(electionId);
    expect(messages.map((m) => [m.status, m.attempts, m.holdsSecret])).toEqual([
      ['sent', 2, false],
      ['sent', 2, false],
    ]);
  });
});
