/**
 * External credential authority: the authority makes the credentials offline and sends them itself;
 * the server receives only the public credentials (and shows their fingerprint), then mails each
 * voter a password — never a credential, which it does not have.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import { generateCredentials } from '../../src/protocol/setup.js';
import { Client, signedIn } from '../world/client.js';
import { addAccount, grant, organisationWithAdmin, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import { credentialIn, passwordIn, type SmtpSink, startSmtpSink } from './smtp-sink.js';

describe('external credential authority: passwords by mail, credentials never', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let admin: Client;
  let authority: Client;
  let electionId: ElectionId;
  const e = (path: string) => `/api/v1/elections/${electionId}${path}`;

  beforeAll(async () => {
    server = await startTestServer();
    sink = await startSmtpSink();
    const { organisationId, admin: account } = await organisationWithAdmin(server, 'Federation');
    admin = await signedIn(server.app, account);
    electionId = (
      await server.elections.create(organisationId, account, {
        name: 'Vote',
        description: '',
        timeZone: 'UTC',
      })
    ).id;
    await server.elections.setQuestions(electionId, account, QUESTIONS);
    // Only the credential authority uploads public credentials (issue 15), never an admin.
    const authorityAccount = await addAccount(server, 'authority');
    await grant(server, electionId, authorityAccount, 'credential-authority');
    authority = new Client(server.app);
    await authority.post('/api/v1/auth/login', {
      email: authorityAccount.email,
      password: authorityAccount.password,
    });
    await server.elections.importVoters(
      electionId,
      account,
      'a@example.org,a,1,A\nb@example.org,b,2,B',
      'en',
    );
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  it('takes the public credentials, shows their fingerprint, and mails passwords only', async () => {
    const voters = await server.store.voters.list(electionId);
    const made = generateCredentials(
      electionId,
      requireGroup('BELENIOS-2048'),
      voters.map((v) => ({ id: v.id, login: v.login, weight: BigInt(v.weight) })),
    );
    const upload = await authority.post(e('/credentials/public'), {
      publicCredentials: made.publicWithLogins,
    });
    expect(upload.status).toBe(200);
    expect(upload.json.fingerprint).toBe(made.fingerprint);

    await admin.put(e('/delivery/settings'), {
      loginMode: 'password',
      passwordDelaySeconds: 3600,
      helpContact: '',
      defaultLanguage: 'en',
    });
    const queued = await admin.post(e('/delivery/passwords'), {});
    expect(queued.json).toEqual({ queued: 2 });
    const sender = new DeliverySender(server.store, {
      transports: { email: smtpTransport({ url: sink.url, from: 'no-reply@example.org' }) },
    });
    // Due in an hour: nothing leaves now.
    expect(await sender.drain()).toBe(0);
    const later = await admin.get(e('/delivery/voters'));
    expect(later.json.voters.map((v: { password: { status: string } }) => v.password.status)).toEqual([
      'queued',
      'queued',
    ]);
    // The admin sends them now instead: the new generation replaces the delayed one.
    expect((await admin.post(e('/delivery/passwords'), { immediately: true })).json).toEqual({ queued: 2 });
    expect(await sender.drain()).toBe(2);
    for (const voter of voters) {
      const [mail, ...more] = sink.mailTo(voter.email);
      expect(more).toEqual([]);
      expect(credentialIn(mail!.text)).toBeUndefined();
      const login = await new Client(server.app).post(e('/voter/login'), {
        login: voter.login,
        password: passwordIn(mail!.text),
      });
      expect(login.status).toBe(200);
    }
    const status = (await admin.get(e('/delivery/voters'))).json.voters;
    expect(
      status.map((v: { credential: unknown; password: { status: string; generation: number } }) => [
        v.credential,
        v.password.status,
        v.password.generation,
      ]),
    ).toEqual([
      [null, 'sent', 2],
      [null, 'sent', 2],
    ]);
    const all = await server.store.delivery.listMessages(electionId);
    expect(all.filter((m) => m.status === 'superseded')).toHaveLength(2);
  });
});
