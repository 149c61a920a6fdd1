/**
 * Server as credential authority, end to end over SMTP: the admin issues credentials through the
 * API, the sender mails each voter a credential message and (later) a password message through a
 * real SMTP server in the test, and each voter tests their access, signs in and votes with nothing
 * but what their two messages contained. The delivery status follows each step.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import { proveCredentialAccess } from '../../src/protocol/access-check.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import { Client, signedIn } from '../world/client.js';
import { addAccount, addOrganisation, QUESTIONS, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import { credentialIn, loginIn, passwordIn, type SmtpSink, startSmtpSink } from './smtp-sink.js';

describe('credentials and passwords delivered by mail, then used to vote', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let sender: DeliverySender;
  let admin: TestAccount;
  let adminClient: Client;
  let electionId: ElectionId;

  beforeAll(async () => {
    server = await startTestServer();
    sink = await startSmtpSink();
    sender = new DeliverySender(server.store, {
      transports: { email: smtpTransport({ url: sink.url, from: 'Scrutin <no-reply@example.org>' }) },
      ratePerSecond: 200,
    });
    admin = await addAccount(server, 'admin');
    const organisationId = await addOrganisation(server, 'Federation', admin);
    adminClient = await signedIn(server.app, admin);
    const created = await adminClient.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Élection du bureau <2027>',
      description: 'Test',
      timeZone: 'Europe/Paris',
    });
    electionId = created.json.id;
    await server.elections.setQuestions(electionId, admin, QUESTIONS);
    await server.elections.importVoters(
      electionId,
      admin,
      [
        'ana@example.org,ana,1,Ana Lima,fr',
        'ben@example.org,ben,1,Ben Ode,en',
        'chloe@example.org,chloe,1,Chloé',
      ].join('\n'),
      'fr',
    );
    await server.elections.useServerTrustee(electionId, admin);
  });
  afterAll(async () => {
    await sender?.stop();
    await server?.close();
    await sink?.close();
  });

  it('mails each voter their credential and password, and they vote with what they received', async () => {
    const settings = await adminClient.put(`/api/v1/elections/${electionId}/delivery/settings`, {
      loginMode: 'password',
      passwordDelaySeconds: 0,
      helpContact: 'help@example.org',
      defaultLanguage: 'en',
    });
    expect(settings.status).toBe(200);
    const issued = await adminClient.post(`/api/v1/elections/${electionId}/delivery/credentials`);
    expect(issued.status).toBe(200);
    expect(issued.json).toEqual({
      count: 3,
      fingerprint: expect.any(String),
      credentialMessages: 3,
      passwordMessages: 3,
    });
    expect(issued.body.toString()).not.toMatch(/[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}/);

    const queued = await adminClient.get(`/api/v1/elections/${electionId}/delivery/voters`);
    expect(queued.json.voters.map((v: { credential: { status: string } }) => v.credential.status)).toEqual([
      'queued',
      'queued',
      'queued',
    ]);

    expect(await sender.drain()).toBe(6);
    expect(sink.received).toHaveLength(6);
    for (const address of ['ana@example.org', 'ben@example.org', 'chloe@example.org']) {
      const mails = sink.mailTo(address);
      expect(mails).toHaveLength(2);
      const credentialMail = mails.find((m) => credentialIn(m.text) !== undefined)!;
      const passwordMail = mails.find((m) => passwordIn(m.text) !== undefined)!;
      // Each secret in its own message: the credential mail has no password and vice versa.
      expect(passwordIn(credentialMail.text)).toBeUndefined();
      expect(credentialIn(passwordMail.text)).toBeUndefined();
      // Plain text and HTML, election name escaped in HTML, help contact and voting link.
      expect(credentialMail.html).toContain('&lt;2027&gt;');
      expect(credentialMail.text).toContain('Élection du bureau <2027>');
      expect(credentialMail.text).toContain('help@example.org');
      expect(credentialMail.text).toContain(
        `http://127.0.0.1:8080/vote/${electionId}#credential=${credentialIn(credentialMail.text)}`,
      );
      expect(credentialMail.html).toContain(credentialIn(credentialMail.text));
      expect(passwordMail.html).toContain(passwordIn(passwordMail.text));
      expect(credentialMail.messageId).toMatch(/^<[0-9a-f]{40}@127\.0\.0\.1>$/);
    }
    // The voter's language (Chloé has none on the roll: the import's default, French).
    expect(sink.mailTo('ana@example.org')[0]!.subject).toMatch(/^Votre/);
    expect(sink.mailTo('ben@example.org')[0]!.subject).toMatch(/^Your/);
    expect(sink.mailTo('chloe@example.org')[0]!.subject).toMatch(/^Votre/);
    expect(sink.mailTo('ana@example.org')[0]!.language).toBe('fr');

    // The store no longer holds any secret body.
    const entries = await server.store.delivery.listMessages(electionId);
    expect(entries.every((e) => e.status === 'sent' && !e.holdsSecret)).toBe(true);

    // Before opening: each voter signs in with the received password and tests the received credential.
    const group = requireGroup('BELENIOS-2048');
    const received = new Map<string, { login: string; password: string; credential: string }>();
    for (const address of ['ana@example.org', 'ben@example.org', 'chloe@example.org']) {
      const mails = sink.mailTo(address);
      const credential = credentialIn(mails.map((m) => m.text).join('\n'))!;
      const password = mails.map((m) => passwordIn(m.text)).find((p) => p !== undefined)!;
      const login = loginIn(mails[0]!.text)!;
      received.set(address, { login, password, credential });
      const voter = new Client(server.app);
      const signIn = await voter.post(`/api/v1/elections/${electionId}/voter/login`, { login, password });
      expect(signIn.status).toBe(200);
      const check = await voter.get(`/api/v1/elections/${electionId}/voter/access-check`);
      expect(check.status).toBe(200);
      const parsed = parsePrivateCredential(credential);
      if (!parsed.ok) throw new Error('the mail carries no valid credential');
      const proof = proveCredentialAccess(group, check.json.uuid, parsed.credential, check.json.challenge);
      const answer = await voter.post(`/api/v1/elections/${electionId}/voter/access-check`, {
        challenge: check.json.challenge,
        proof: { challenge: proof.challenge.toString(), response: proof.response.toString() },
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ accepted: true });
    }
    // Someone else's credential does not pass the test, and nothing is recorded for it.
    const ana = received.get('ana@example.org')!;
    const ben = received.get('ben@example.org')!;
    const anaClient = new Client(server.app);
    await anaClient.post(`/api/v1/elections/${electionId}/voter/login`, {
      login: ana.login,
      password: ana.password,
    });
    const challenge = (await anaClient.get(`/api/v1/elections/${electionId}/voter/access-check`)).json;
    const parsedBen = parsePrivateCredential(ben.credential);
    if (!parsedBen.ok) throw new Error('bad credential');
    const wrong = proveCredentialAccess(group, electionId, parsedBen.credential, challenge.challenge);
    const refused = await anaClient.post(`/api/v1/elections/${electionId}/voter/access-check`, {
      challenge: challenge.challenge,
      proof: { challenge: wrong.challenge.toString(), response: wrong.response.toString() },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SCR_ACCESS_CHECK_FAILED');
    // A proof made for another session's challenge is refused too.
    const otherSession = new Client(server.app);
    await otherSession.post(`/api/v1/elections/${electionId}/voter/login`, {
      login: ana.login,
      password: ana.password,
    });
    const parsedAna = parsePrivateCredential(ana.credential);
    if (!parsedAna.ok) throw new Error('bad credential');
    const replayed = proveCredentialAccess(group, electionId, parsedAna.credential, challenge.challenge);
    const replay = await otherSession.post(`/api/v1/elections/${electionId}/voter/access-check`, {
      challenge: challenge.challenge,
      proof: { challenge: replayed.challenge.toString(), response: replayed.response.toString() },
    });
    expect(replay.status).toBe(422);

    // Open, then each voter votes with what they received.
    expect((await adminClient.post(`/api/v1/elections/${electionId}/open`)).status).toBe(200);
    const row = await server.elections.get(electionId);
    const ctx = loadElection(row.electionJson!);
    for (const [address, secrets] of received) {
      if (address === 'chloe@example.org') continue;
      const voter = new Client(server.app);
      expect(
        (
          await voter.post(`/api/v1/elections/${electionId}/voter/login`, {
            login: secrets.login,
            password: secrets.password,
          })
        ).status,
      ).toBe(200);
      const parsed = parsePrivateCredential(secrets.credential);
      if (!parsed.ok) throw new Error('bad credential');
      const cast = await voter.post(`/api/v1/elections/${electionId}/voter/ballots`, {
        ballot: serializeBallot(
          createBallot(ctx, parsed.credential, [
            [1, 0, 0],
            [0, 1, 0, 0],
          ]),
        ),
      });
      expect(cast.status).toBe(201);
    }

    const status = await adminClient.get(`/api/v1/elections/${electionId}/delivery/voters`);
    expect(status.status).toBe(200);
    const byLogin = new Map(status.json.voters.map((v: { login: string }) => [v.login, v]));
    expect(byLogin.get('ana')).toMatchObject({
      credential: { status: 'sent', attempts: 1, lastReason: expect.stringMatching(/^250/) },
      password: { status: 'sent' },
      firstLoginAt: expect.any(String),
      accessCheckedAt: expect.any(String),
      voted: true,
    });
    expect(byLogin.get('chloe')).toMatchObject({ voted: false, firstLoginAt: expect.any(String) });
    const counts = await adminClient.get(`/api/v1/elections/${electionId}/delivery/counts`);
    expect(counts.json).toEqual({
      voters: 3,
      credential: { queued: 0, sending: 0, sent: 3, failed: 0, none: 0 },
      password: { queued: 0, sending: 0, sent: 3, failed: 0, none: 0 },
      loggedIn: 3,
      accessChecked: 3,
      voted: 2,
    });
  });
});
