/**
 * SMS, the second channel (issue 16 point 4): the credential goes by mail, the password and the
 * one-time code by SMS through an HTTP gateway (a local one, started here), with the outbox's
 * retries and a status per channel. Without a gateway, choosing SMS is refused. The planted-secrets
 * search reads the gateway's request log: a voter's password is in the one SMS to that voter and
 * nowhere else (not the mails, the API answers, the logs or the store).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { httpSmsTransport } from '../../src/delivery/sms.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import { findPlanted, planted, textForms } from '../server/secret-search.js';
import { tempDir } from '../support/tools.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import { addAccount, addOrganisation, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import { type SmsGateway, startSmsGateway } from './sms-gateway.js';
import { credentialIn, type SmtpSink, startSmtpSink } from './smtp-sink.js';

const TOKEN = 'gateway-token-for-tests';
const passwordInSms = (text: string) =>
  /(?:password for|mot de passe de) [^:\s]+ ?: ([1-9A-HJ-NP-Za-km-z]{16})/.exec(text)?.[1];
const codeInSms = (text: string) => /(?:code is|connexion est) (\d{8})/.exec(text)?.[1];

describe('SMS through an HTTP gateway: passwords and codes by SMS, credentials by mail', () => {
  const file = join(tempDir('delivery-sms'), 'scrutin.db');
  let server: TestServer;
  let sink: SmtpSink;
  let gateway: SmsGateway;
  let http: Recorder;
  let admin: RecordingClient;
  let sender: DeliverySender;
  let organisationId: string;
  const senderLog: string[] = [];
  let now = Date.parse('2030-03-01T08:00:00Z');
  const clock = { now: () => new Date(now) };

  const settings = (over: Record<string, unknown> = {}) => ({
    loginMode: 'password',
    passwordDelaySeconds: 0,
    helpContact: 'help@example.org',
    defaultLanguage: 'en',
    secretChannel: 'sms',
    ...over,
  });

  async function election(roll: string, loginMode: 'password' | 'one-time-code'): Promise<string> {
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Board election',
      description: '',
      timeZone: 'UTC',
    });
    const id = created.json.id as string;
    expect((await admin.put(`/api/v1/elections/${id}/questions`, { questions: QUESTIONS })).status).toBe(200);
    expect((await admin.put(`/api/v1/elections/${id}/voters`, { csv: roll })).status).toBe(200);
    expect(
      (await admin.put(`/api/v1/elections/${id}/delivery/settings`, settings({ loginMode }))).status,
    ).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: `sqlite:${file}`, clock, config: { sms: 'http' } });
    sink = await startSmtpSink();
    gateway = await startSmsGateway();
    http = new Recorder(server.app);
    sender = new DeliverySender(server.store, {
      transports: {
        email: smtpTransport({ url: sink.url, from: 'no-reply@example.org' }),
        sms: httpSmsTransport({ url: gateway.url, token: TOKEN }),
      },
      clock,
      log: (event) => senderLog.push(JSON.stringify(event)),
    });
    const orgAdmin = await addAccount(server, 'org-admin');
    organisationId = await addOrganisation(server, 'Federation', orgAdmin);
    admin = await http.client().signIn(orgAdmin.email, orgAdmin.password);
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
    await gateway?.close();
  });

  it('refuses a phone number that is not E.164, naming the line', async () => {
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Bad roll',
      description: '',
      timeZone: 'UTC',
    });
    const answer = await admin.put(`/api/v1/elections/${created.json.id}/voters`, {
      csv: 'email,login,weight,name,language,phone\nana@example.org,ana,1,Ana,en,+33 6 12 34 56 78\nbob@example.org,bob,1,Bob,en,0612345678\n',
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('SCR_INVALID_VOTERS');
    expect(answer.json.error.detail.problems).toEqual([
      { line: 3, problem: expect.stringMatching(/^invalid phone number: expected E\.164/) },
    ]);
    expect(await server.store.voters.list(created.json.id)).toEqual([]);
  });

  it('without a gateway, choosing SMS is refused with a coded message and nothing changes', async () => {
    const id = await election('ana@example.org,ana,1,Ana,en,+33612345678', 'password');
    await admin.put(`/api/v1/elections/${id}/delivery/settings`, settings({ secretChannel: 'email' }));
    (server.config as { sms?: string }).sms = 'none';
    try {
      const refused = await admin.put(`/api/v1/elections/${id}/delivery/settings`, settings());
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('SCR_SMS_NOT_CONFIGURED');
      expect(refused.json.error.message).toMatch(/SMS_URL/);
      const read = await admin.get(`/api/v1/elections/${id}/delivery/settings`);
      expect(read.json).toMatchObject({ secretChannel: 'email', sms: 'none' });
    } finally {
      (server.config as { sms?: string }).sms = 'http';
    }
  });

  it('sends the password by SMS (retried after a gateway error) and the credential by mail, with a status per channel', async () => {
    const id = await election(
      'email,login,weight,name,language,phone\nana@example.org,ana,1,Ana,en,+33 6 12 34 56 78\nbob@example.org,bob,1,Bob,fr,\n',
      'password',
    );
    // The gateway is busy once: the outbox retries the same SMS later.
    gateway.script = (_request, index) => (index === 0 ? 503 : 200);
    expect((await admin.post(`/api/v1/elections/${id}/delivery/credentials`)).status).toBe(200);
    await sender.drain();
    expect(gateway.requests).toHaveLength(1);
    const first = await admin.get(`/api/v1/elections/${id}/delivery/voters`);
    const anaFirst = first.json.voters.find((v: { login: string }) => v.login === 'ana');
    expect(anaFirst.phone).toBe('+33612345678');
    expect(anaFirst.password).toMatchObject({
      channel: 'sms',
      status: 'queued',
      lastReason: 'HTTP 503 Service Unavailable',
    });
    // The gateway's answer echoed the text: nothing of it is kept.
    expect(JSON.stringify(first.json)).not.toContain('busy');
    now += 3600_000;
    await sender.drain();
    expect(gateway.requests).toHaveLength(2);
    const [tried, sent] = gateway.requests;
    expect(sent!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['idempotency-key']).toBe(tried!.headers['idempotency-key']);
    expect(sent!.body).toEqual({
      to: '+33612345678',
      text: expect.stringContaining('Board election'),
      reference: tried!.body.reference,
      language: 'en',
    });
    const password = passwordInSms(sent!.body.text)!;
    expect(password).toMatch(/^[1-9A-HJ-NP-Za-km-z]{16}$/);

    const statuses = (await admin.get(`/api/v1/elections/${id}/delivery/voters`)).json.voters as {
      login: string;
      credential: { channel: string; status: string };
      password: { channel: string; status: string; attempts: number };
    }[];
    const ana = statuses.find((v) => v.login === 'ana')!;
    const bob = statuses.find((v) => v.login === 'bob')!;
    expect(ana.credential).toMatchObject({ channel: 'email', status: 'sent' });
    expect(ana.password).toMatchObject({ channel: 'sms', status: 'sent', attempts: 2 });
    // No number on the roll: the password goes by mail, and the status says so.
    expect(bob.password).toMatchObject({ channel: 'email', status: 'sent' });

    // The SMS password and the mailed credential are what Ana signs in and votes with.
    const toAna = sink.received.filter((m) => m.to === 'ana@example.org');
    expect(toAna).toHaveLength(1);
    expect(credentialIn(toAna[0]!.text)).toBeDefined();
    const voter = await http.client().signInVoter(id, 'ana', password);
    expect((await voter.get(`/api/v1/elections/${id}/voter/ballot-status`)).status).toBe(200);

    // Planted-secret search: Ana's password is in the one SMS to her (tried twice, the same
    // message) and nowhere else: no mail, no API answer or header, no log line, no table.
    const secret = planted("Ana's password", textForms(password));
    const carrying = gateway.requests.filter((r) => secret.forms.some((f) => r.raw.includes(f)));
    expect([
      ...new Set(carrying.map((r) => `${r.body.to} ${r.body.reference} ${r.headers['idempotency-key']}`)),
    ]).toEqual([`+33612345678 ${tried!.body.reference} ${tried!.headers['idempotency-key']}`]);
    expect(sink.received.filter((m) => secret.forms.some((f) => m.raw.includes(f)))).toEqual([]);
    expect(
      findPlanted({ responses: http.responses, logs: [...server.logs, ...senderLog] }, [secret]),
    ).toEqual([]);
    await server.store.delivery.scrubErasedSecrets();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
      name: string;
    }[];
    const dump = tables.map(
      ({ name }) => `${name}: ${JSON.stringify(db.prepare(`select * from "${name}"`).all())}`,
    );
    db.close();
    expect(findPlanted({ responses: [], logs: dump }, [secret])).toEqual([]);
  });

  it('sends one-time codes by SMS and signs the voter in with the code', async () => {
    const id = await election('cy@example.org,cy,1,Cy,fr,+447700900123', 'one-time-code');
    expect((await admin.post(`/api/v1/elections/${id}/delivery/credentials`)).status).toBe(200);
    await sender.drain();
    const before = gateway.requests.length;
    const voter = http.client();
    expect((await voter.post(`/api/v1/elections/${id}/voter/code`, { login: 'cy' })).status).toBe(202);
    await sender.drain();
    const sms = gateway.requests.slice(before);
    expect(sms.map((r) => r.body.to)).toEqual(['+447700900123']);
    expect(sms[0]!.body.language).toBe('fr');
    const code = codeInSms(sms[0]!.body.text)!;
    expect(code).toMatch(/^\d{8}$/);
    expect(sink.received.some((m) => m.text.includes(code))).toBe(false);
    const signed = await voter.post(`/api/v1/elections/${id}/voter/code/login`, { login: 'cy', code });
    expect(signed.status).toBe(200);
    const status = (await admin.get(`/api/v1/elections/${id}/delivery/voters`)).json.voters[0];
    expect(status.credential).toMatchObject({ channel: 'email', status: 'sent' });
  });
});
