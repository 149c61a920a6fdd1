/**
 * Credential recovery end to end, through the HTTP API (issue #4 item 5). The officer makes a key
 * pair with `scrutin-tool recovery generate-key` (in process, the CLI's own code path) and uploads
 * the public half (credentials cannot be issued before); the admin issues credentials through the
 * delivery route, each voter receives a credential and a password by mail (the delivery outbox's
 * test transport) and the server keeps each credential sealed to the officer's key only.
 * Before opening a lost credential is replaced. After opening a voter who voted loses their
 * credential, asks for it again (self-service), the officer approves, downloads the escrows, opens
 * them with `scrutin-tool recovery decrypt` and uploads the file; the server re-sends the same
 * credential to the voter's registered address (captured from the delivery outbox's test
 * transport), the voter revotes, and exactly one ballot of that credential is counted. The archive
 * verifies with belenios-tool. Then everything the server holds — every table, the configuration,
 * every log line and every answer — is searched for every private credential in every encoding, and
 * every number it holds is tried as the officer's key: none opens an escrow.
 */

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as scrutinTool } from '../../src/cli/scrutin-tool/main.js';
import { decodeText } from '../../src/core/codec.js';
import { credentialSecret, parsePrivateCredential, publicCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { secret } from '../../src/core/secret.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import {
  credentialEscrowCodec,
  openEscrow,
  parseOfficerPrivateKey,
} from '../../src/protocol/credential-escrow.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { SELF_SERVICE_ANSWER } from '../../src/server/routes/recovery.js';
import { credentialIn, passwordIn } from '../delivery/smtp-sink.js';
import { bigintForms, credentialForms, findPlanted, planted, textForms } from '../server/secret-search.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import {
  addAccount,
  addOrganisation,
  ballotOf,
  grant,
  QUESTIONS,
  type TestAccount,
  type TestVoter,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('credential recovery through the HTTP API (SQLite)', () => {
  const dir = tempDir('recovery-flow');
  const databasePath = join(dir, 'scrutin.db');
  let server: TestServer;
  let http: Recorder;
  let transport: TestTransport;
  let sender: DeliverySender;
  let orgAdmin: TestAccount;
  let officer: TestAccount;
  let asAdmin: RecordingClient;
  let asOfficer: RecordingClient;
  let electionId: ElectionId;
  const voters: TestVoter[] = [];
  /** Every private credential that ever existed in this election, replaced ones included. */
  const everyCredential: string[] = [];
  const officerDir = join(dir, 'officer');
  const e = (path = '') => `/api/v1/elections/${electionId}${path}`;

  /** Sends what the outbox holds to the test transport; returns the messages sent now. */
  const deliver = async () => {
    const before = transport.accepted.length;
    await sender.drain();
    return transport.accepted.slice(before);
  };

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: `sqlite:${databasePath}` });
    http = new Recorder(server.app);
    transport = testTransport();
    sender = new DeliverySender(server.store, { transports: { email: transport }, backoffBaseMs: 1 });
    orgAdmin = await addAccount(server, 'org-admin');
    officer = await addAccount(server, 'officer');
    const organisationId = await addOrganisation(server, 'Federation', orgAdmin);
    asAdmin = await http.client().signIn(orgAdmin.email, orgAdmin.password);
    asOfficer = await http.client().signIn(officer.email, officer.password);

    const created = await asAdmin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Federation vote',
      description: 'With credential recovery.',
      timeZone: 'Europe/Paris',
    });
    electionId = created.json.id;
    await grant(server, electionId, officer, 'credential-authority');
    expect((await asAdmin.put(e('/questions'), { questions: QUESTIONS })).status).toBe(200);
    const csv = [1, 2, 3].map((i) => `voter${i}@example.org,voter${i},1,Voter ${i}`).join('\n');
    expect((await asAdmin.request('PUT', e('/voters'), { text: csv })).status).toBe(200);
    expect((await asAdmin.post(e('/trustees/server'))).status).toBe(200);
    const settings = await asAdmin.put(e('/delivery/settings'), {
      loginMode: 'password',
      passwordDelaySeconds: 0,
      helpContact: 'help@example.org',
      defaultLanguage: 'en',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('lets the officer set a key made offline by the CLI, and nobody else', async () => {
    mkdirSync(officerDir);
    expect(
      await scrutinTool(['recovery', 'generate-key', '--group', 'BELENIOS-2048', '--dir', officerDir]),
    ).toBe(0);
    // The CLI refuses to overwrite a private key.
    expect(
      await scrutinTool(['recovery', 'generate-key', '--group', 'BELENIOS-2048', '--dir', officerDir]),
    ).not.toBe(0);
    const publicKey = readFileSync(join(officerDir, 'recovery.pubkey'), 'utf8');
    // The private key is readable by its owner only.
    expect(statSync(join(officerDir, 'recovery.privkey')).mode & 0o777).toBe(0o400);
    expect((await asAdmin.get(e('/recovery'))).json.recovery).toBe('undecided');
    // The admin is not the officer; a key without a valid proof is refused.
    expect((await asAdmin.put(e('/recovery/officer-key'), { publicKey })).status).toBe(403);
    const forged = JSON.parse(publicKey);
    forged.pok.response = '1';
    const refused = await asOfficer.put(e('/recovery/officer-key'), { publicKey: JSON.stringify(forged) });
    expect(refused.json.error.code).toBe('SCR_RECOVERY_INVALID_KEY');
    // An officer who is also an admin of the election would hold both halves of a request: refused.
    const both = await addAccount(server, 'both');
    await grant(server, electionId, both, 'credential-authority');
    await grant(server, electionId, both, 'election-admin');
    const asBoth = await http.client().signIn(both.email, both.password);
    expect((await asBoth.put(e('/recovery/officer-key'), { publicKey })).json.error.code).toBe(
      'SCR_RECOVERY_SEPARATION',
    );
    // Credentials are not issued while the appointed officer's key is missing.
    const early = await asAdmin.post(e('/delivery/credentials'));
    expect(early.json.error.code).toBe('SCR_RECOVERY_CHOICE_NEEDED');
    expect((await server.store.voters.list(electionId)).map((v) => v.publicCredential)).toEqual([
      null,
      null,
      null,
    ]);
    const set = await asOfficer.put(e('/recovery/officer-key'), { publicKey });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ recovery: 'escrow', modeId: 'server-escrow', escrowed: 0 });
    expect(set.json.officer.publicKey).toBe(publicKey.trim());
  });

  it('issues credentials by mail, each escrowed, and then the choice is closed', async () => {
    const issued = await asAdmin.post(e('/delivery/credentials'));
    expect(issued.status, issued.body).toBe(200);
    expect(issued.json).toMatchObject({ count: 3, credentialMessages: 3, passwordMessages: 3 });
    // Each voter gets their credential and their password, and nothing else; keep what they received.
    const mails = await deliver();
    expect(mails).toHaveLength(6);
    for (const row of await server.store.voters.list(electionId)) {
      const mine = mails.filter((m) => m.voterId === row.id);
      expect(mine.map((m) => m.to)).toEqual([row.email, row.email]);
      const credential = mine.map((m) => credentialIn(m.text)).find((c) => c !== undefined)!;
      const password = mine.map((m) => passwordIn(m.text)).find((p) => p !== undefined)!;
      voters.push({ id: row.id, login: row.login, email: row.email, credential, password });
      everyCredential.push(credential);
    }
    const status = await asAdmin.get(e('/recovery'));
    expect(status.json).toMatchObject({ recovery: 'escrow', escrowed: 3 });
    expect((await asAdmin.post(e('/recovery/no-recovery'))).json.error.code).toBe('SCR_RECOVERY_TOO_LATE');
  });

  it('before opening, replaces a lost credential: a new one is sent, the old one is no longer valid', async () => {
    const voter = voters[2]!;
    const group = requireGroup('BELENIOS-2048');
    const oldPublic = (await server.store.voters.get(voter.id))!.publicCredential;
    const replaced = await asAdmin.post(e('/recovery/replacements'), { voterId: voter.id });
    expect(replaced.status).toBe(200);
    const sent = await deliver();
    expect(sent.map((m) => [m.voterId, m.to])).toEqual([[voter.id, voter.email]]);
    const fresh = credentialIn(sent[0]!.text)!;
    expect(fresh).not.toBe(voter.credential);
    const parsed = parsePrivateCredential(fresh);
    if (!parsed.ok) throw new Error('no credential in the message');
    const stored = (await server.store.voters.get(voter.id))!.publicCredential;
    expect(stored).toBe(publicCredential(parsed.credential, electionId, group).toString());
    expect(stored).not.toBe(oldPublic);
    everyCredential.push(fresh);
    voters[2] = { ...voter, credential: fresh };
    expect((await asAdmin.post(e('/recovery/replacements'), { voterId: 'nobody' })).status).toBe(404);
    const audit = await asAdmin.get(e('/audit'));
    expect(audit.json.entries.map((entry: { action: string }) => entry.action)).toContain(
      'credential.replace',
    );
  });

  let firstTracker: string;

  it('after opening, recovers the same credential after the officer approves; the revote replaces the ballot', async () => {
    expect((await asAdmin.post(e('/open'))).status).toBe(200);
    expect((await asAdmin.post(e('/recovery/replacements'), { voterId: voters[0]!.id })).status).toBe(409);
    const voter = voters[0]!;
    const asVoter = await http.client().signInVoter(electionId, voter.login, voter.password);
    const first = await asVoter.post(e('/voter/ballots'), {
      ballot: await ballotOf(server, electionId, voter, [
        [1, 0, 0],
        [0, 1, 0, 0],
      ]),
    });
    expect(first.status).toBe(201);
    firstTracker = first.json.tracker;

    // Self-service: the same answer for a wrong address, an unknown login and the right pair.
    const anonymous = http.client();
    const answers = [
      await anonymous.post(e('/recovery/requests'), { login: voter.login, email: 'someone@else.org' }),
      await anonymous.post(e('/recovery/requests'), { login: 'nobody', email: voter.email }),
      await anonymous.post(e('/recovery/requests'), { login: voter.login, email: voter.email.toUpperCase() }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.json).toEqual(SELF_SERVICE_ANSWER);
    // The help desk files one for voter 2, which the officer rejects.
    const helpDesk = await asAdmin.post(e('/recovery/help-desk-requests'), { voterId: voters[1]!.id });
    expect(helpDesk.status).toBe(201);
    const listed = await asOfficer.get(e('/recovery/requests'));
    expect(
      listed.json.requests.map((r: { login: string; origin: string; state: string }) => [
        r.login,
        r.origin,
        r.state,
      ]),
    ).toEqual([
      [voter.login, 'voter', 'pending'],
      [voters[1]!.login, 'help-desk', 'pending'],
    ]);
    const [mine, theirs] = listed.json.requests as { id: string }[];
    // Only the officer decides; once.
    expect(
      (await asAdmin.post(e('/recovery/decisions'), { requestId: mine!.id, approve: true })).status,
    ).toBe(403);
    expect(
      (await asOfficer.post(e('/recovery/decisions'), { requestId: mine!.id, approve: true })).json.state,
    ).toBe('approved');
    expect(
      (await asOfficer.post(e('/recovery/decisions'), { requestId: theirs!.id, approve: false })).json.state,
    ).toBe('rejected');
    expect(
      (await asOfficer.post(e('/recovery/decisions'), { requestId: theirs!.id, approve: true })).json.error
        .code,
    ).toBe('SCR_RECOVERY_ALREADY_DECIDED');
    // Issue 16: the refused voter is told, at the registered address, with no credential in it.
    const refusal = await deliver();
    expect(refusal.map((m) => [m.to, m.subject])).toEqual([
      [voters[1]!.email, 'Your credential request was refused – Federation vote'],
    ]);
    expect(refusal[0]!.text).not.toContain(voters[1]!.credential);

    // The officer downloads the approved escrows only, and opens them offline with the CLI.
    const batch = await asOfficer.get(e('/recovery/escrow-batch'));
    expect(batch.status).toBe(200);
    expect(batch.json.items.map((i: { voterId: string }) => i.voterId)).toEqual([voter.id]);
    expect((await asAdmin.get(e('/recovery/escrow-batch'))).status).toBe(403);
    const batchFile = join(officerDir, 'batch.json');
    const recoveredFile = join(officerDir, 'recovered.json');
    writeFileSync(batchFile, batch.body);
    expect(
      await scrutinTool([
        'recovery',
        'decrypt',
        '--key',
        join(officerDir, 'recovery.privkey'),
        '--in',
        batchFile,
        '--out',
        recoveredFile,
      ]),
    ).toBe(0);
    const recovered = readFileSync(recoveredFile, 'utf8');
    expect(JSON.parse(recovered).credentials[0].credential).toBe(voter.credential);

    // A file with a credential that is not the voter's is refused as a whole: nothing is sent.
    const wrong = JSON.parse(recovered);
    wrong.credentials[0].credential = voters[1]!.credential;
    const mismatch = await asOfficer.post(e('/recovery/recovered-credentials'), {
      recovered: JSON.stringify(wrong),
    });
    expect(mismatch.json.error.code).toBe('SCR_RECOVERY_MISMATCH');
    expect(mismatch.body).not.toContain(voters[1]!.credential);
    expect(await deliver()).toEqual([]);
    // Only the officer uploads.
    expect((await asAdmin.post(e('/recovery/recovered-credentials'), { recovered })).status).toBe(403);

    // Two uploads of the same file at once (a double click): the voter still gets one message.
    const uploads = await Promise.all([
      asOfficer.post(e('/recovery/recovered-credentials'), { recovered }),
      asOfficer.post(e('/recovery/recovered-credentials'), { recovered }),
    ]);
    for (const upload of uploads) {
      expect(upload.status).toBe(200);
      expect(upload.json.sent + upload.json.alreadySent).toBe(1);
    }
    // A retried upload sends nothing new.
    expect((await asOfficer.post(e('/recovery/recovered-credentials'), { recovered })).json).toEqual({
      sent: 0,
      alreadySent: 1,
    });
    const sent = await deliver();
    expect(sent.map((m) => [m.voterId, m.to])).toEqual([[voter.id, voter.email]]);
    const received = credentialIn(sent[0]!.text)!;
    expect(received).toBe(voter.credential);

    // The voter revotes with what they received: the new ballot replaces the first.
    const revote = await asVoter.post(e('/voter/ballots'), {
      ballot: await ballotOf(server, electionId, { ...voter, credential: received }, [
        [0, 0, 1],
        [0, 0, 0, 1],
      ]),
    });
    expect(revote.status).toBe(201);
    const { state } = await server.elections.board.state(electionId);
    const counted = state!.box.tallied();
    expect(counted.map((b) => b.tracker)).toEqual([revote.json.tracker]);
    expect(counted.map((b) => b.tracker)).not.toContain(firstTracker);
    const requests = (await asOfficer.get(e('/recovery/requests'))).json.requests;
    expect(requests.map((r: { state: string }) => r.state)).toEqual(['completed', 'rejected']);
    const entries = (await asAdmin.get(e('/audit'))).json.entries as {
      action: string;
      details: Record<string, unknown>;
      withheldDetails: string[];
    }[];
    const actions = entries.map((entry) => entry.action);
    // Every recovery entry shows all its details (ids and counts: nothing to withhold).
    for (const entry of entries.filter((x) => /^(recovery|credential)\./.test(x.action)))
      expect(entry.withheldDetails, entry.action).toEqual([]);
    expect(entries.find((x) => x.action === 'recovery.complete')!.details).toEqual({
      requestId: mine!.id,
      voterId: voter.id,
    });
    expect(actions.filter((action) => action === 'recovery.complete')).toHaveLength(1);
    for (const action of [
      'recovery.officer-key',
      'recovery.escrow',
      'recovery.request',
      'recovery.approve',
      'recovery.reject',
      'recovery.batch',
      'recovery.complete',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('counts one ballot for the recovered credential, and the archive verifies with belenios-tool', async () => {
    for (const step of ['close', 'tally', 'publish'])
      expect((await asAdmin.post(e(`/${step}`))).status).toBe(200);
    const published = await http.client().get(e());
    expect(published.json.result).toEqual([
      [0, 0, 1],
      [0, 0, 0, 1],
    ]);
    const archive = await server.app.inject({ method: 'GET', url: e('/archive.bel') });
    const report = await verifyArchive(parseArchive(new Uint8Array(archive.rawPayload)));
    expect(report.failure).toBeUndefined();
    if (hasBeleniosTool) {
      const archiveDir = join(dir, 'archive');
      mkdirSync(archiveDir);
      writeFileSync(join(archiveDir, `${electionId}.bel`), archive.rawPayload);
      const verdict = beleniosTool(['election', 'verify', '--dir', archiveDir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });

  it('holds nothing from which a private credential can be produced', async () => {
    const group = requireGroup('BELENIOS-2048');
    await sender.stop();
    // Everything the server holds: every row of every table, its configuration, its log lines.
    const database = new Database(databasePath, { readonly: true });
    const tables = database
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name);
    const dump = tables.map((table) => JSON.stringify(database.prepare(`select * from "${table}"`).all()));
    database.close();
    expect(tables).toEqual(expect.arrayContaining(['credential_escrows', 'recovery_requests', 'outbox']));
    // The configuration test/world/server.ts gives the server (it has no other settings).
    const config = JSON.stringify({
      baseUrl: 'http://127.0.0.1:8080',
      secureCookies: false,
      bodyLimit: 1024 * 1024,
      databaseUrl: `sqlite:${databasePath}`,
    });
    const corpus = {
      responses: http.responses,
      logs: [...server.logs, config, ...dump],
    };
    const secrets = everyCredential.flatMap((credential) => {
      const parsed = parsePrivateCredential(credential);
      if (!parsed.ok) throw new Error('bad credential');
      return [
        planted(`credential of ${credential.slice(0, 3)}…`, credentialForms(credential)),
        planted(
          `exponent of ${credential.slice(0, 3)}…`,
          bigintForms(credentialSecret(parsed.credential, electionId, group).reveal()),
        ),
      ];
    });
    // The passwords of the second channel are held only as hashes.
    const passwords = voters.map((v) => planted(`password of ${v.login}`, textForms(v.password)));
    expect(findPlanted(corpus, [...secrets, ...passwords])).toEqual([]);

    // The escrows are there, and open with the officer's private key only — which the server never had.
    const escrows = await server.store.recovery.listEscrows(electionId);
    expect(escrows).toHaveLength(3);
    const officerKey = parseOfficerPrivateKey(readFileSync(join(officerDir, 'recovery.privkey'), 'utf8'));
    if (!officerKey.ok) throw new Error(officerKey.problem);
    for (const escrow of escrows) {
      const sealed = decodeText(credentialEscrowCodec, escrow.escrowJson, 'escrow');
      const opened = openEscrow(group, officerKey.key, { electionId, voterId: escrow.voterId }, sealed);
      expect(opened.ok && publicCredential(opened.credential, electionId, group).toString()).toBe(
        escrow.publicCredential,
      );
    }
    // Every number the server holds (decimal or hex), tried as the officer's key: none opens an escrow.
    const text = [...dump, ...server.logs].join('\n');
    const candidates = new Set<bigint>();
    for (const token of text.match(/\d{10,}/g) ?? []) candidates.add(BigInt(token) % group.q);
    for (const token of text.match(/[0-9a-f]{32,}/gi) ?? []) candidates.add(BigInt(`0x${token}`) % group.q);
    candidates.delete(0n);
    expect(candidates.size).toBeGreaterThan(100);
    const target = escrows[0]!;
    const sealed = decodeText(credentialEscrowCodec, target.escrowJson, 'escrow');
    for (const candidate of candidates) {
      const opened = openEscrow(
        group,
        secret(candidate, 'RecoveryOfficerKey'),
        { electionId, voterId: target.voterId },
        sealed,
      );
      expect(opened.ok).toBe(false);
    }
    expect(existsSync(join(officerDir, 'recovery.privkey'))).toBe(true);
  });
});
