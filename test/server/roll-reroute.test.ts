/**
 * The reroute attack of issue 15, end to end through the API: an election admin who wants to vote
 * in a voter's place changes that voter's address to their own once credentials were mailed.
 *   - The wholesale re-import that did it silently is refused, and leaves the roll as it was.
 *   - The per-voter correction works (addresses do need correcting), but the victim's old address is
 *     told first (in the victim's language, with the help contact and the scrutineers' role), the
 *     scrutineers' audit view names the login, and the public page counts the change with the login.
 *     Before opening the admin receives a new credential and can vote with it: visible in all three
 *     places. After opening the credential is sealed: the same one is re-sent only once the recovery
 *     officer approves, and an election without recovery refuses the correction.
 *   - No mass password replacement while voting is open; one voter's new password is audited.
 * Messages go through the outbox and the sender to a test transport, with a clock the test moves.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as scrutinTool } from '../../src/cli/scrutin-tool/main.js';
import type { ElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { NOTICE_LEAD_SECONDS } from '../../src/election/roll-changes.js';
import { credentialIn, passwordIn } from '../delivery/smtp-sink.js';
import { tempDir } from '../support/tools.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import {
  addAccount,
  addOrganisation,
  advance,
  ballotOf,
  draftElection,
  grant,
  QUESTIONS,
  type TestAccount,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const VOTE = [
  [1, 0, 0],
  [0, 1, 0, 0],
];

describe('the reroute attack: the roll changes only in the open', () => {
  let now = Date.parse('2031-05-04T08:00:00Z');
  const clock = { now: () => new Date(now) };
  let server: TestServer;
  let http: Recorder;
  let transport: TestTransport;
  let sender: DeliverySender;
  let organisationId: string;
  let admin: TestAccount;
  let asAdmin: RecordingClient;
  let asScrutineer: RecordingClient;
  let asOfficer: RecordingClient;
  let electionId: ElectionId;
  const e = (path = '') => `/api/v1/elections/${electionId}${path}`;
  const deliver = async () => {
    const before = transport.accepted.length;
    await sender.drain();
    return transport.accepted.slice(before);
  };
  const received = new Map<string, { credential: string; password: string }>();
  const dir = join(tempDir('roll-officer'), 'officer');

  beforeAll(async () => {
    server = await startTestServer({ clock });
    http = new Recorder(server.app);
    transport = testTransport();
    sender = new DeliverySender(server.store, { transports: { email: transport }, backoffBaseMs: 1, clock });
    admin = await addAccount(server, 'admin');
    const scrutineer = await addAccount(server, 'scrutineer');
    const officer = await addAccount(server, 'officer');
    organisationId = await addOrganisation(server, 'Federation', admin);
    asAdmin = await http.client().signIn(admin.email, admin.password);
    asScrutineer = await http.client().signIn(scrutineer.email, scrutineer.password);
    asOfficer = await http.client().signIn(officer.email, officer.password);
    const created = await asAdmin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Congress vote',
      description: 'Reroute attack',
      timeZone: 'Europe/Paris',
    });
    electionId = created.json.id;
    await grant(server, electionId, scrutineer, 'scrutineer');
    await grant(server, electionId, officer, 'credential-authority');
    expect((await asAdmin.put(e('/questions'), { questions: QUESTIONS })).status).toBe(200);
    // The victim reads French; the election's default is English.
    expect(
      (
        await asAdmin.put(e('/delivery/settings'), {
          loginMode: 'password',
          passwordDelaySeconds: 0,
          helpContact: 'help@federation.example',
          defaultLanguage: 'en',
        })
      ).status,
    ).toBe(200);
    const csv = 'victim@example.org,victim,1,Victor Im,fr\nother@example.org,other,1,Otto Her';
    expect((await asAdmin.request('PUT', e('/voters'), { text: csv })).status).toBe(200);
    expect((await asAdmin.post(e('/trustees/server'))).status).toBe(200);
    mkdirSync(dir);
    expect(await scrutinTool(['recovery', 'generate-key', '--group', 'BELENIOS-2048', '--dir', dir])).toBe(0);
    const publicKey = readFileSync(join(dir, 'recovery.pubkey'), 'utf8');
    expect((await asOfficer.put(e('/recovery/officer-key'), { publicKey })).status).toBe(200);
    expect((await asAdmin.post(e('/delivery/credentials'))).status).toBe(200);
    const mails = await deliver();
    expect(mails).toHaveLength(4);
    for (const address of ['victim@example.org', 'other@example.org']) {
      const mine = mails.filter((m) => m.to === address);
      received.set(address, {
        credential: mine.map((m) => credentialIn(m.text)).find((c) => c !== undefined)!,
        password: mine.map((m) => passwordIn(m.text)).find((p) => p !== undefined)!,
      });
    }
  });
  afterAll(async () => {
    await sender?.stop();
    await server?.close();
  });

  it('refuses a wholesale re-import that changes an address, and the roll stays exactly as it was', async () => {
    const before = await server.store.voters.list(electionId);
    const auditBefore = (await asAdmin.get(e('/audit'))).json.entries.length;
    const rerouted = 'attacker@evil.example,victim,1,Victor Im,fr\nother@example.org,other,1,Otto Her';
    const refused = await asAdmin.request('PUT', e('/voters'), { text: rerouted });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('SCR_ROLL_LOCKED');
    expect(refused.json.error.message).toMatch(/correct an address/);
    expect(refused.json.error.detail.differences).toEqual([{ login: 'victim', change: 'address' }]);
    // French too, and the detail never carries an address.
    const french = await asAdmin.request('PUT', e('/voters'), {
      text: rerouted,
      headers: { 'accept-language': 'fr' },
    });
    expect(french.json.error.message).toMatch(/corriger une adresse/);
    expect(refused.body).not.toContain('attacker@');
    // A removal and a weight change are refused the same way.
    for (const text of [
      'victim@example.org,victim,1,Victor Im,fr',
      'victim@example.org,victim,5,Victor Im,fr\nother@example.org,other,1,Otto Her',
    ]) {
      expect((await asAdmin.request('PUT', e('/voters'), { text })).json.error.code).toBe('SCR_ROLL_LOCKED');
    }
    // A phone number (where passwords and codes go by SMS) is not rerouted either, and not echoed.
    const phoned = await asAdmin.request('PUT', e('/voters'), {
      text: 'victim@example.org,victim,1,Victor Im,fr,+33612345678\nother@example.org,other,1,Otto Her',
    });
    expect(phoned.json.error.code).toBe('SCR_ROLL_LOCKED');
    expect(phoned.json.error.detail.differences).toEqual([{ login: 'victim', change: 'phone' }]);
    expect(phoned.body).not.toContain('612345678');
    expect(await server.store.voters.list(electionId)).toEqual(before);
    expect((await asAdmin.get(e('/audit'))).json.entries).toHaveLength(auditBefore);
    // The same roll again changes nothing and says so.
    const same = 'victim@example.org,victim,1,Victor Im,fr\nother@example.org,other,1,Otto Her';
    const identical = await asAdmin.request('PUT', e('/voters'), { text: same });
    expect(identical.json).toEqual({ imported: 2, unchanged: true });
    expect(await server.store.voters.list(electionId)).toEqual(before);
    expect(await deliver()).toEqual([]);
  });

  it('before opening, a corrected address is told to the old one first, audited by login and counted in public', async () => {
    const victim = (await server.store.voters.list(electionId)).find((v) => v.login === 'victim')!;
    const changed = await asAdmin.post(e(`/voters/${victim.id}/address`), { email: 'attacker@evil.example' });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json).toEqual({
      voterId: victim.id,
      login: 'victim',
      credential: 'replaced',
      noticeToOldAddress: true,
    });
    // Only the notice leaves now, to the old address, in the victim's language, with no secret.
    const first = await deliver();
    expect(first.map((m) => m.to)).toEqual(['victim@example.org']);
    const notice = first[0]!;
    expect(notice.subject).toMatch(/^Modification de votre inscription/);
    expect(notice.text).toContain('victim');
    expect(notice.text).toContain('v***@example.org');
    expect(notice.text).toContain('a***@evil.example');
    expect(notice.text).toContain('help@federation.example');
    expect(notice.text).toMatch(/scrutateurs/);
    expect(notice.text).not.toContain('attacker@evil.example');
    expect(credentialIn(notice.text)).toBeUndefined();
    expect(passwordIn(notice.text)).toBeUndefined();
    // Then the new address gets a new credential and password, each saying it replaces the earlier one.
    now += (NOTICE_LEAD_SECONDS + 1) * 1000;
    const next = await deliver();
    expect(next.map((m) => m.to)).toEqual(['attacker@evil.example', 'attacker@evil.example']);
    for (const m of next) expect(m.text).toMatch(/remplace celui envoyé auparavant/);
    const credential = next.map((m) => credentialIn(m.text)).find((c) => c !== undefined)!;
    const password = next.map((m) => passwordIn(m.text)).find((p) => p !== undefined)!;
    expect(credential).not.toBe(received.get('victim@example.org')!.credential);
    // The victim's first password no longer works.
    const old = received.get('victim@example.org')!;
    expect(
      (await http.client().post(e('/voter/login'), { login: 'victim', password: old.password })).status,
    ).toBe(401);

    // The scrutineer's audit view names the login, addresses masked.
    const audit = await asScrutineer.get(e('/audit'));
    expect(audit.status).toBe(200);
    const entry = audit.json.entries.find((x: { action: string }) => x.action === 'voter.address');
    expect(entry.details).toEqual({
      login: 'victim',
      from: 'v***@example.org',
      to: 'a***@evil.example',
      stage: 'draft',
      afterCredentials: true,
      credential: 'replaced',
    });
    expect(audit.body).not.toContain('attacker@evil.example');
    // The scrutineer reads the roll, addresses masked and no secret.
    const roll = await asScrutineer.get(e('/voters'));
    expect(roll.status).toBe(200);
    expect(roll.json.voters.map((v: { login: string; email: string }) => [v.login, v.email])).toEqual([
      ['victim', 'a***@evil.example'],
      ['other', 'o***@example.org'],
    ]);
    expect(roll.body).not.toMatch(/publicCredential|passwordHash|attacker@/);
    // The admin opens and votes as the victim: it works, but everything here already shows it, and
    // the public page (private while a draft) counts the change and names the login.
    expect((await asAdmin.post(e('/open'))).status).toBe(200);
    const summary = await http.client().get(e());
    expect(summary.json.rollChanges).toEqual({ count: 1, logins: ['victim'] });
    const asThief = await http.client().signInVoter(electionId, 'victim', password);
    const cast = await asThief.post(e('/voter/ballots'), {
      ballot: await ballotOf(
        server,
        electionId,
        { id: victim.id, login: 'victim', email: '', password, credential },
        VOTE,
      ),
    });
    expect(cast.status).toBe(201);
    // The victim's original credential was never sealed: a ballot made with it is refused.
    const stale = await asThief.post(e('/voter/ballots'), {
      ballot: await ballotOf(
        server,
        electionId,
        { id: victim.id, login: 'victim', email: '', password, credential: old.credential },
        VOTE,
      ),
    });
    expect(stale.status).toBe(403);
  });

  it('after opening, only an address can change, and the same credential goes there once the officer approves', async () => {
    const other = (await server.store.voters.list(electionId)).find((v) => v.login === 'other')!;
    for (const [path, body] of [
      ['/voters', { email: 'new@example.org', login: 'new' }],
      [`/voters/${other.id}/remove`, {}],
      [`/voters/${other.id}/weight`, { weight: '3' }],
    ] as const) {
      const refused = await asAdmin.post(e(path), body);
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('SCR_ROLL_SEALED');
    }
    const changed = await asAdmin.post(e(`/voters/${other.id}/address`), { email: 'mallory@evil.example' });
    expect(changed.json).toMatchObject({ credential: 'recovery-requested', noticeToOldAddress: true });
    // The sealed credential is unchanged.
    expect((await server.store.voters.get(other.id))!.publicCredential).toBe(other.publicCredential);
    const first = await deliver();
    expect(first.map((m) => m.to)).toEqual(['other@example.org']);
    expect(first[0]!.subject).toMatch(/^Change to your registration/);
    expect(first[0]!.text).toMatch(/scrutineers/);
    now += (NOTICE_LEAD_SECONDS + 1) * 1000;
    // A password may go to the new address (one named voter, audited), never the credential by itself.
    const next = await deliver();
    expect(next.every((m) => m.to === 'mallory@evil.example' && credentialIn(m.text) === undefined)).toBe(
      true,
    );
    const requests = await asOfficer.get(e('/recovery/requests'));
    expect(requests.json.requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ login: 'other', origin: 'address-correction', state: 'pending' }),
      ]),
    );
    const audit = await asScrutineer.get(e('/audit'));
    const actions = audit.json.entries.map((x: { action: string; details: { login?: string } }) => [
      x.action,
      x.details.login ?? null,
    ]);
    expect(actions).toContainEqual(['voter.address', 'other']);
    expect(actions).toContainEqual(['delivery.password.voter', 'other']);
    expect((await http.client().get(e())).json.rollChanges).toEqual({
      count: 2,
      logins: ['victim', 'other'],
    });
    // The officer approves; the same sealed credential then reaches the new address, saying it
    // replaces the earlier message.
    const request = (requests.json.requests as { id: string; login: string }[]).find(
      (r) => r.login === 'other',
    )!;
    const decided = await asOfficer.post(e('/recovery/decisions'), { requestId: request.id, approve: true });
    expect(decided.status).toBe(200);
    const batch = await asOfficer.get(e('/recovery/escrow-batch'));
    writeFileSync(join(dir, 'batch.json'), batch.body);
    const decrypt = ['--key', join(dir, 'recovery.privkey'), '--in', join(dir, 'batch.json')];
    expect(await scrutinTool(['recovery', 'decrypt', ...decrypt, '--out', join(dir, 'recovered.json')])).toBe(
      0,
    );
    const recovered = readFileSync(join(dir, 'recovered.json'), 'utf8');
    expect((await asOfficer.post(e('/recovery/recovered-credentials'), { recovered })).json).toEqual({
      sent: 1,
      alreadySent: 0,
    });
    const resent = await deliver();
    expect(resent.map((m) => m.to)).toEqual(['mallory@evil.example']);
    expect(credentialIn(resent[0]!.text)).toBe(received.get('other@example.org')!.credential);
    expect(resent[0]!.text).toMatch(/replaces the one sent earlier/);
    // The abstaining voter's old address holds the notice.
    expect(
      transport.accepted.filter((m) => m.to === 'other@example.org').map((m) => m.subject),
    ).toContainEqual(expect.stringMatching(/^Change to your registration/));
  });

  it('refuses a mass password replacement while voting is open; one voter asks through the help desk', async () => {
    const queuedBefore = (await server.store.delivery.listMessages(electionId)).length;
    const refused = await asAdmin.post(e('/delivery/passwords'), { immediately: true });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('SCR_MASS_PASSWORDS_REFUSED');
    expect((await server.store.delivery.listMessages(electionId)).length).toBe(queuedBefore);
    const other = (await server.store.voters.list(electionId)).find((v) => v.login === 'other')!;
    const one = await asAdmin.post(e('/delivery/passwords/help-desk'), { voterId: other.id });
    expect(one.json).toEqual({ queued: 1 });
    const sent = await deliver();
    expect(sent.map((m) => m.to)).toEqual(['mallory@evil.example']);
    const audit = (await asScrutineer.get(e('/audit'))).json.entries.at(-1);
    expect(audit).toMatchObject({
      action: 'delivery.password.voter',
      details: { login: 'other', reason: 'help-desk', count: 1 },
    });
    // Self-service: the same answer whatever matched; only a match sends.
    for (const body of [
      { login: 'other', email: 'wrong@example.org' },
      { login: 'nobody', email: 'mallory@evil.example' },
      { login: 'other', email: 'MALLORY@evil.example' },
    ]) {
      const answer = await http.client().post(e('/voter/password-request'), body);
      expect([answer.status, answer.json]).toEqual([202, { received: true }]);
    }
    expect((await deliver()).map((m) => m.to)).toEqual(['mallory@evil.example']);
  });

  it('after opening without recovery, an address correction is refused plainly and changes nothing', async () => {
    const row = await draftElection(server, organisationId, admin, { voters: 2, name: 'No recovery' });
    await advance(server, row, admin, 'open');
    const voter = row.voters[0]!;
    const before = await server.store.voters.list(row.id);
    const refused = await asAdmin.post(`/api/v1/elections/${row.id}/voters/${voter.id}/address`, {
      email: 'elsewhere@example.org',
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('SCR_ROLL_NO_RECOVERY');
    expect(refused.json.error.message).toMatch(/no credential recovery/);
    expect(await server.store.voters.list(row.id)).toEqual(before);
    expect((await server.store.delivery.listMessages(row.id)).length).toBe(0);
  });
});
