/**
 * Correcting a voter's phone number (issue 16 point 3), the help desk's action for a voter whose
 * passwords and codes go by SMS to a wrong number: before credentials, after them, after opening;
 * E.164 checked with the number never repeated in an answer or a log line; audited with the number
 * masked; by SMS, a voter who had a password gets a new one at the corrected number and the old one
 * stops working. Refusals change nothing.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { Client, signedIn } from '../world/client.js';
import { organisationWithAdmin, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import { passwordIn as passwordInMail } from './smtp-sink.js';

const passwordIn = (text: string) =>
  /(?:password for|mot de passe de) [^:\s]+ ?: ([1-9A-HJ-NP-Za-km-z]{16})/.exec(text)?.[1];

describe("correcting a voter's phone number", () => {
  let server: TestServer;
  let admin: Client;
  let mail: TestTransport;
  let sms: TestTransport;
  let sender: DeliverySender;
  let organisationId: string;
  let electionId: ElectionId;
  const clock = { now: () => new Date('2030-05-04T09:30:00Z') };
  const e = (path: string) => `/api/v1/elections/${electionId}${path}`;
  const voter = async (login: string) =>
    (await server.store.voters.list(electionId)).find((v) => v.login === login)!;
  const correct = async (login: string, phone: string) =>
    admin.post(e(`/voters/${(await voter(login)).id}/phone`), { phone });
  const entries = async (action: string) =>
    (await server.store.audit.list({ organisationId, electionId })).filter((a) => a.action === action);
  const signIn = async (login: string, password: string) =>
    (await new Client(server.app).post(e('/voter/login'), { login, password })).status;

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { sms: 'http' } });
    mail = testTransport('email');
    sms = testTransport('sms');
    sender = new DeliverySender(server.store, { transports: { email: mail, sms }, clock });
    const made = await organisationWithAdmin(server, 'Federation');
    organisationId = made.organisationId;
    admin = await signedIn(server.app, made.admin);
    electionId = (
      await server.elections.create(made.organisationId, made.admin, {
        name: 'Board',
        description: '',
        timeZone: 'Europe/Paris',
      })
    ).id;
    await server.elections.setQuestions(electionId, made.admin, QUESTIONS);
    await server.elections.importVoters(
      electionId,
      made.admin,
      'ana@example.org,ana,1,Ana,en,+33612345678\nbob@example.org,bob,1,Bob,en',
      'en',
    );
    const settings = await admin.put(e('/delivery/settings'), {
      loginMode: 'password',
      passwordDelaySeconds: 0,
      helpContact: '',
      defaultLanguage: 'en',
      secretChannel: 'sms',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('before credentials: records the number (audited, masked) and sends nothing', async () => {
    const answer = await correct('bob', '+44 7700 900123');
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toMatchObject({ login: 'bob', credential: 'none', passwordSent: false });
    expect((await voter('bob')).phone).toBe('+447700900123');
    expect((await entries('voter.phone')).map((a) => a.details)).toEqual([
      {
        login: 'bob',
        from: '—',
        to: '+44***23',
        stage: 'draft',
        afterCredentials: false,
        credential: 'none',
      },
    ]);
    await sender.drain();
    expect([...mail.accepted, ...sms.accepted]).toEqual([]);
  });

  it('refuses a number not in E.164 form or the registered one without repeating it, and changes nothing', async () => {
    const before = await server.store.voters.list(electionId);
    const audit = (await server.store.audit.list({ organisationId, electionId })).length;
    const national = await correct('ana', '06 98 76 54 32');
    expect(national.status).toBe(422);
    expect(national.json.error.code).toBe('SCR_ROLL_INVALID_VOTER');
    expect(national.json.error.detail.problem).toMatch(/E\.164/);
    const same = await correct('ana', '+33 6 12 34 56 78');
    expect(same.status).toBe(422);
    expect(same.json.error.detail.problem).toMatch(/already the registered number/);
    const unknown = await admin.post(e('/voters/nobody/phone'), { phone: '+33698765432' });
    expect(unknown.status).toBe(404);
    for (const answer of [national, same])
      expect(JSON.stringify(answer.json)).not.toMatch(/06 98 76 54 32|0698765432|612345678/);
    expect(server.logs.join('\n')).not.toMatch(/98 76 54 32|698765432|612345678|7700 ?900123/);
    expect(await server.store.voters.list(electionId)).toEqual(before);
    expect((await server.store.audit.list({ organisationId, electionId })).length).toBe(audit);
  });

  it('after credentials, by SMS: a new password to the corrected number, the old one no longer works', async () => {
    expect((await admin.post(e('/delivery/credentials'))).status).toBe(200);
    await sender.drain();
    const first = sms.accepted.filter((m) => m.to === '+33612345678');
    expect(first).toHaveLength(1);
    const oldPassword = passwordIn(first[0]!.text)!;
    expect(await signIn('ana', oldPassword)).toBe(200);

    const answer = await correct('ana', '+33698765432');
    expect(answer.json).toMatchObject({ login: 'ana', credential: 'unchanged', passwordSent: true });
    await sender.drain();
    const again = sms.accepted.filter((m) => m.to === '+33698765432');
    expect(again).toHaveLength(1);
    expect(sms.accepted.filter((m) => m.to === '+33612345678')).toHaveLength(1);
    const newPassword = passwordIn(again[0]!.text)!;
    expect(newPassword).not.toBe(oldPassword);
    expect(await signIn('ana', oldPassword)).toBe(401);
    expect(await signIn('ana', newPassword)).toBe(200);
    // The credential stays: no second credential mail.
    expect(mail.accepted.filter((m) => m.to === 'ana@example.org')).toHaveLength(1);
    expect((await entries('voter.phone')).at(-1)!.details).toEqual({
      login: 'ana',
      from: '+33***78',
      to: '+33***32',
      stage: 'draft',
      afterCredentials: true,
      credential: 'unchanged',
    });
    expect((await entries('delivery.password.voter')).at(-1)!.details).toEqual({
      login: 'ana',
      reason: 'phone-corrected',
      count: 1,
    });
  });

  it('after opening: corrected too; an empty number removes it and the next password goes by mail', async () => {
    const row = await server.store.elections.get(electionId);
    await server.store.elections.update(electionId, row!.version, { state: 'open' });
    const answer = await correct('ana', '');
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json.passwordSent).toBe(true);
    expect((await voter('ana')).phone ?? null).toBeNull();
    await sender.drain();
    const mailed = mail.accepted.filter((m) => m.to === 'ana@example.org').at(-1)!;
    const mailedPassword = passwordInMail(mailed.text)!;
    expect(await signIn('ana', mailedPassword)).toBe(200);
    expect((await entries('voter.phone')).at(-1)!.details).toMatchObject({
      from: '+33***32',
      to: '—',
      stage: 'open',
    });
    expect((await correct('ana', '')).json.error.detail.problem).toMatch(/no number already/);
  });

  it('by SMS without a gateway, refused before anything changes', async () => {
    const before = (await voter('bob')).phone;
    (server.config as { sms?: string }).sms = 'none';
    try {
      const refused = await correct('bob', '+447700900999');
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('SCR_SMS_NOT_CONFIGURED');
    } finally {
      (server.config as { sms?: string }).sms = 'http';
    }
    expect((await voter('bob')).phone).toBe(before);
  });

  it('once voting is closed, refused', async () => {
    const row = await server.store.elections.get(electionId);
    await server.store.elections.update(electionId, row!.version, { state: 'closed' });
    const refused = await correct('bob', '+447700900999');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('SCR_WRONG_STATE');
    expect((await voter('bob')).phone).toBe('+447700900123');
  });
});
