/**
 * Planted secrets through delivery (issue #4): the server generates every voter's credential and
 * password and mails them; the test knows each secret only from the mail its voter received. Along
 * the way voters make the usual mistakes (the credential typed as password or login), test their
 * access, vote; the admin resends passwords, reads the delivery status, exports; every GET of the API
 * is fetched as every role. Then each private credential (and its exponent) and each password must
 * appear in exactly one place — the message to its voter — and nowhere else: not in any API answer
 * or header, not in the server's or the sender's log lines, not in the store (every table, read
 * back) and not in the bytes of the SQLite database file and its write-ahead log once sent.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialSecret, parsePrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { smtpTransport } from '../../src/delivery/transport.js';
import { proveCredentialAccess } from '../../src/protocol/access-check.js';
import {
  bigintForms,
  credentialForms,
  findPlanted,
  type PlantedSecret,
  planted,
  textForms,
} from '../server/secret-search.js';
import { tempDir } from '../support/tools.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import { addAccount, addOrganisation, ballotOf, grant, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import {
  credentialIn,
  loginIn,
  passwordIn,
  type ReceivedMail,
  type SmtpSink,
  startSmtpSink,
} from './smtp-sink.js';

const VOTERS = 4;

describe("secrets delivered by mail appear in their voter's message and nowhere else", () => {
  const dir = tempDir('delivery-planted');
  const file = join(dir, 'scrutin.db');
  let server: TestServer;
  let sink: SmtpSink;
  let http: Recorder;
  let admin: RecordingClient;
  let scrutineer: RecordingClient;
  let electionId: ElectionId;
  let organisationId: string;
  const senderLog: string[] = [];
  let sender: DeliverySender;

  const e = (path = '') => `/api/v1/elections/${electionId}${path}`;

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: `sqlite:${file}` });
    sink = await startSmtpSink();
    http = new Recorder(server.app);
    sender = new DeliverySender(server.store, {
      transports: { email: smtpTransport({ url: sink.url, from: 'no-reply@example.org' }) },
      log: (event) => senderLog.push(JSON.stringify(event)),
    });
    // The organisation's admin is written to the store with a planted password (people are invited
    // by mail since issue 15; this test is about voters' secrets).
    const orgAdmin = await addAccount(server, 'org-admin');
    organisationId = await addOrganisation(server, 'Federation', orgAdmin);
    admin = await http.client().signIn(orgAdmin.email, orgAdmin.password);
    const election = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Board election',
      description: '',
      timeZone: 'Europe/Paris',
    });
    electionId = election.json.id;
    const scrutineerAccount = await addAccount(server, 'scrutineer');
    await grant(server, electionId, scrutineerAccount, 'scrutineer');
    scrutineer = await http.client().signIn(scrutineerAccount.email, scrutineerAccount.password);
    expect((await admin.put(e('/questions'), { questions: QUESTIONS })).status).toBe(200);
    const roll = Array.from(
      { length: VOTERS },
      (_, i) => `voter${i + 1}@example.org,voter${i + 1},1,Voter ${i + 1}`,
    );
    expect((await admin.request('PUT', e('/voters'), { text: roll.join('\n') })).status).toBe(200);
    expect((await admin.post(e('/trustees/server'))).status).toBe(200);
    expect(
      (
        await admin.put(e('/delivery/settings'), {
          loginMode: 'password',
          passwordDelaySeconds: 0,
          helpContact: 'help@example.org',
          defaultLanguage: 'fr',
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  it('finds each credential and password in exactly one message, to its voter, and nowhere else', async () => {
    expect((await admin.post(e('/delivery/credentials'))).status).toBe(200);
    expect(await sender.drain()).toBe(2 * VOTERS);
    const group = requireGroup('BELENIOS-2048');
    const voters = (await server.store.voters.list(electionId)).map((v) => {
      const mails = sink.mailTo(v.email);
      return {
        id: v.id,
        email: v.email,
        login: loginIn(mails[0]!.text)!,
        credential: credentialIn(mails.map((m) => m.text).join('\n'))!,
        password: mails.map((m) => passwordIn(m.text)).find(Boolean)!,
      };
    });

    // Voters' mistakes, the access test, then voting; the last voter does nothing yet.
    for (const voter of voters.slice(0, -1)) {
      const client = http.client();
      expect(
        (await client.post(e('/voter/login'), { login: voter.login, password: voter.credential })).status,
      ).toBe(401);
      expect(
        (await client.post(e('/voter/login'), { login: voter.credential, password: voter.password })).status,
      ).toBe(401);
      await client.signInVoter(electionId, voter.login, voter.password);
      const { challenge, uuid } = (await client.get(e('/voter/access-check'))).json;
      const parsed = parsePrivateCredential(voter.credential);
      if (!parsed.ok) throw new Error('no credential in the mail');
      const proof = proveCredentialAccess(group, uuid, parsed.credential, challenge);
      const answer = await client.post(e('/voter/access-check'), {
        challenge,
        proof: { challenge: proof.challenge.toString(), response: proof.response.toString() },
      });
      expect(answer.status).toBe(200);
      // The credential pasted where the proof goes: refused, not echoed.
      expect(
        (
          await client.post(e('/voter/access-check'), {
            challenge,
            proof: { challenge: voter.credential, response: '1' },
          })
        ).status,
      ).toBe(400);
    }
    expect((await admin.post(e('/open'))).status).toBe(200);
    for (const voter of voters.slice(0, 2)) {
      const client = await http.client().signInVoter(electionId, voter.login, voter.password);
      const ballot = await ballotOf(server, electionId, { ...voter, id: voter.id }, [
        [1, 0, 0],
        [0, 1, 0, 0],
      ]);
      expect((await client.post(e('/voter/ballots'), { ballot })).status).toBe(201);
    }
    // The admin resends the access message to the voter who never signed in: a new password.
    const preview = await admin.post(e('/delivery/resend/preview'));
    expect(preview.json).toEqual({ kind: 'password', count: 1, byChannel: { email: 1, sms: 0 } });
    expect((await admin.post(e('/delivery/resend'), { expectedCount: 3 })).json.error.code).toBe(
      'SCR_RESEND_CHANGED',
    );
    expect((await admin.post(e('/delivery/resend'), { expectedCount: 1 })).json).toEqual({
      kind: 'password',
      queued: 1,
    });
    expect(await sender.drain()).toBe(1);
    const last = voters.at(-1)!;
    const resent = sink
      .mailTo(last.email)
      .map((m) => passwordIn(m.text))
      .filter((p) => p !== undefined);
    expect(resent).toHaveLength(2);
    const newPassword = resent[1]!;
    expect(newPassword).not.toBe(last.password);
    expect(
      (await http.client().post(e('/voter/login'), { login: last.login, password: last.password })).status,
    ).toBe(401);
    await http.client().signInVoter(electionId, last.login, newPassword);

    // Every GET as every role, exports included.
    const spec = (await http.client().get('/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const gets = Object.entries(spec.paths).flatMap(([path, methods]) => ('get' in methods ? [path] : []));
    const voterClient = await http.client().signInVoter(electionId, voters[0]!.login, voters[0]!.password);
    for (const client of [admin, scrutineer, voterClient, http.client()]) {
      for (const path of gets) {
        await client.get(
          path
            .replace('{electionId}', electionId)
            .replace('{organisationId}', organisationId)
            .replace('{slot}', '1'),
        );
      }
    }
    await sender.drain();
    await server.store.delivery.scrubErasedSecrets();

    const secrets: PlantedSecret[] = voters.flatMap((voter, i) => {
      const parsed = parsePrivateCredential(voter.credential);
      if (!parsed.ok) throw new Error('bad credential');
      return [
        planted(`credential of voter ${i + 1}`, credentialForms(voter.credential)),
        planted(
          `credential exponent of voter ${i + 1}`,
          bigintForms(credentialSecret(parsed.credential, electionId, group).reveal()),
        ),
        planted(`password of voter ${i + 1}`, textForms(voter.password)),
      ];
    });
    secrets.push(planted('resent password', textForms(newPassword)));

    // 1. The mails: each secret in exactly one accepted message, addressed to its voter.
    for (const [i, voter] of voters.entries()) {
      for (const [kind, forms] of [
        ['credential', credentialForms(voter.credential).slice(0, 1)],
        ['password', [voter.password]],
      ] as const) {
        const carrying = sink.received.filter((m: ReceivedMail) =>
          forms.some((f) => m.raw.includes(f) || m.text.includes(f)),
        );
        expect(
          carrying.map((m) => m.to),
          `${kind} of voter ${i + 1}`,
        ).toEqual([voter.email]);
      }
    }
    expect(sink.received.filter((m) => m.text.includes(newPassword)).map((m) => m.to)).toEqual([last.email]);
    // 2. API answers and headers, server logs, sender logs.
    const leaks = findPlanted({ responses: http.responses, logs: [...server.logs, ...senderLog] }, secrets);
    expect(leaks).toEqual([]);
    // 3. The store, table by table, as read back.
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
      name: string;
    }[];
    const dump = tables.map(
      ({ name }) => `${name}: ${JSON.stringify(db.prepare(`select * from "${name}"`).all())}`,
    );
    db.close();
    expect(dump.some((t) => t.startsWith('outbox: [{'))).toBe(true);
    expect(findPlanted({ responses: [], logs: dump }, secrets)).toEqual([]);
    // 4. The bytes on disk: database file and write-ahead log.
    const bytes = [file, `${file}-wal`]
      .filter(existsSync)
      .map((path) => readFileSync(path).toString('latin1'));
    expect(findPlanted({ responses: [], logs: bytes }, secrets).map((l) => l.secret)).toEqual([]);
  });
});
