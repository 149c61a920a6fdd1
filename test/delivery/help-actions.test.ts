/**
 * Per-voter help actions (issue 16 point 3) as the help desk uses them: a replacement credential
 * before opening whose mail says which one it replaces and of what date; a one-time code sent to
 * one named voter by the channel of sign-in secrets (audited, not twice a minute); and the mass
 * resend's preview, which says how many messages go by mail and how many by SMS.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { type Client, signedIn } from '../world/client.js';
import { organisationWithAdmin, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('per-voter help actions', () => {
  let server: TestServer;
  let admin: Client;
  let mail: TestTransport;
  let sms: TestTransport;
  let sender: DeliverySender;
  let electionId: ElectionId;
  let now = Date.parse('2030-05-04T09:30:00Z');
  const clock = { now: () => new Date(now) };
  const e = (path: string) => `/api/v1/elections/${electionId}${path}`;
  const voterId = async (login: string) =>
    (await server.store.voters.list(electionId)).find((v) => v.login === login)!.id;

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { sms: 'http' } });
    mail = testTransport('email');
    sms = testTransport('sms');
    sender = new DeliverySender(server.store, { transports: { email: mail, sms }, clock });
    const { organisationId, admin: account } = await organisationWithAdmin(server, 'Federation');
    admin = await signedIn(server.app, account);
    electionId = (
      await server.elections.create(organisationId, account, {
        name: 'Board',
        description: '',
        timeZone: 'Europe/Paris',
      })
    ).id;
    await server.elections.setQuestions(electionId, account, QUESTIONS);
    await server.elections.importVoters(
      electionId,
      account,
      'ana@example.org,ana,1,Ana,en,+33612345678\nbob@example.org,bob,1,Bob,fr\ncy@example.org,cy,1,Cy,en',
      'en',
    );
    expect(
      (
        await admin.put(e('/delivery/settings'), {
          loginMode: 'password',
          passwordDelaySeconds: 0,
          helpContact: '',
          defaultLanguage: 'en',
          secretChannel: 'sms',
        })
      ).status,
    ).toBe(200);
    expect((await admin.post(e('/delivery/credentials'))).status).toBe(200);
    await sender.drain();
  });
  afterAll(async () => server?.close());

  it('a replacement credential before opening says it replaces the one of its date', async () => {
    now += 2 * 3_600_000;
    const bob = await voterId('bob');
    const before = (await server.store.voters.get(bob))!.publicCredential;
    const answer = await admin.post(e('/recovery/replacements'), { voterId: bob });
    expect(answer.status).toBe(200);
    await sender.drain();
    expect((await server.store.voters.get(bob))!.publicCredential).not.toBe(before);
    const toBob = mail.accepted.filter((m) => m.to === 'bob@example.org' && /code de vote/i.test(m.subject));
    expect(toBob).toHaveLength(2);
    // Bob reads French: the first credential left on Saturday 4 May 2030 at 11:30, Paris time.
    expect(toBob[1]!.text).toContain(
      'Ce code de vote remplace celui qui vous a été envoyé le samedi 4 mai 2030',
    );
    expect(toBob[1]!.text).toContain('celui-là ne fonctionne plus');
    expect(toBob[0]!.text).not.toContain('remplace celui');
  });

  it('sends a one-time code to one named voter by SMS or mail, once a minute at most, audited', async () => {
    const ana = await voterId('ana');
    const cy = await voterId('cy');
    // Codes apply in a draft only in one-time-code mode.
    expect((await admin.post(e('/delivery/codes/help-desk'), { voterId: ana })).json).toEqual({
      outcome: 'not-available',
      channel: 'email',
    });
    const open = await server.store.elections.get(electionId);
    await server.store.elections.update(electionId, open!.version, { state: 'open' });
    const smsBefore = sms.accepted.length;
    expect((await admin.post(e('/delivery/codes/help-desk'), { voterId: ana })).json).toEqual({
      outcome: 'sent',
      channel: 'sms',
    });
    expect((await admin.post(e('/delivery/codes/help-desk'), { voterId: ana })).json).toEqual({
      outcome: 'recent',
      channel: 'sms',
    });
    expect((await admin.post(e('/delivery/codes/help-desk'), { voterId: cy })).json).toEqual({
      outcome: 'sent',
      channel: 'email',
    });
    await sender.drain();
    expect(sms.accepted.slice(smsBefore).map((m) => m.to)).toEqual(['+33612345678']);
    expect(mail.accepted.at(-1)!.to).toBe('cy@example.org');
    expect(mail.accepted.at(-1)!.subject).toMatch(/sign-in code/);
    const audit = (
      await server.store.audit.list({ organisationId: open!.organisationId, electionId })
    ).filter((a) => a.action === 'delivery.code.voter');
    expect(audit.map((a) => a.details)).toEqual([
      { login: 'ana', channel: 'sms' },
      { login: 'cy', channel: 'email' },
    ]);
  });

  it('previews a mass resend with its counts per channel', async () => {
    const preview = await admin.post(e('/delivery/resend/preview'));
    expect(preview.json).toEqual({ kind: 'password', count: 3, byChannel: { email: 2, sms: 1 } });
  });
});
