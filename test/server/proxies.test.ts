/**
 * Proxies through the HTTP API (issue 17): a voter gives their proxy, the holder accepts and receives
 * the giver's new credential by mail (the giver's old one is never sealed), casts one ballot for
 * themselves and one for the giver with other choices, and the result counts the giver's weight.
 * Every refusal (self, unknown holder, a second proxy, chains, the cap, after opening, an admin on a
 * voter route) changes nothing. A revoked proxy sends a new credential back to the giver. The
 * archive passes our verifier and belenios-tool; the sign-in list, the staff list and the public
 * counts show the proxy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionId as asElectionId } from '../../src/core/ids.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { credentialIn } from '../delivery/smtp-sink.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS, castVotes, issueCredentials, rollCsv } from '../world/consultation.js';
import {
  addAccount,
  advance,
  ballotOf,
  draftElection,
  grant,
  organisationWithAdmin,
  type TestAccount,
  type TestElection,
  type TestVoter,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('proxies through the API', () => {
  let server: TestServer;
  let admin: TestAccount;
  let scrutineer: TestAccount;
  let election: TestElection;
  let transport: TestTransport;
  let sender: DeliverySender;
  const e = (path = '') => `/api/v1/elections/${election.id}${path}`;
  const voter = (i: number) => election.voters[i - 1]!;
  const asVoter = async (v: TestVoter) => {
    const client = new Client(server.app);
    const answer = await client.post(e('/voter/login'), { login: v.login, password: v.password });
    expect(answer.status).toBe(200);
    return client;
  };
  /** What a refusal must leave alone: every proxy, every public credential, the audit log's length. */
  const snapshot = async () => ({
    proxies: await server.store.proxies.list(election.id),
    credentials: (await server.store.voters.list(election.id)).map((v) => v.publicCredential),
    audit: (
      await server.store.audit.list({ organisationId: election.organisationId, electionId: election.id })
    ).length,
  });
  const deliver = async () => {
    const before = transport.accepted.length;
    await sender.drain();
    return transport.accepted.slice(before);
  };

  beforeAll(async () => {
    server = await startTestServer();
    const org = await organisationWithAdmin(server);
    admin = org.admin;
    scrutineer = await addAccount(server, 'scrutineer');
    election = await draftElection(server, org.organisationId, admin, {
      voters: 5,
      csv: [1, 2, 3, 4, 5]
        .map((i) => `voter${i}@example.org,voter${i},${[1, 2, 5, 1, 1][i - 1]},Voter ${i}`)
        .join('\n'),
    });
    await grant(server, election.id, scrutineer, 'scrutineer');
    transport = testTransport();
    sender = new DeliverySender(server.store, { transports: { email: transport }, backoffBaseMs: 1 });
  });
  afterAll(async () => server?.close());

  let proxyId = '';
  let heldCredential = '';
  /** What voter5 received for voter4 before voter4 revoked the proxy. */
  let revokedCredential = '';

  it('refuses, changing nothing: to oneself, to an unknown login, and from anyone but a signed-in voter', async () => {
    const before = await snapshot();
    const v1 = await asVoter(voter(1));
    const self = await v1.post(e('/voter/proxies'), { holder: 'voter1' });
    expect(self.status).toBe(422);
    expect(self.json.error.code).toBe('SCR_PROXY_SELF');
    const unknown = await v1.post(e('/voter/proxies'), { holder: 'nobody' });
    expect(unknown.json.error.code).toBe('SCR_PROXY_HOLDER_UNKNOWN');
    // An administrator has no route that gives a proxy in a voter's name: the voter route refuses them.
    const asAdmin = await signedIn(server.app, admin);
    expect((await asAdmin.post(e('/voter/proxies'), { holder: 'voter2' })).status).toBe(401);
    expect((await new Client(server.app).post(e('/voter/proxies'), { holder: 'voter2' })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a voter give a proxy and the holder accept it: the giver’s credential goes to the holder only', async () => {
    const v1 = await asVoter(voter(1));
    const given = await v1.post(e('/voter/proxies'), { holder: 'voter2' });
    expect(given.status).toBe(201);
    expect(given.json).toMatchObject({
      giver: { login: 'voter1' },
      holder: { login: 'voter2' },
      state: 'requested',
    });
    proxyId = given.json.id;
    const again = await v1.post(e('/voter/proxies'), { holder: 'voter3' });
    expect(again.json.error.code).toBe('SCR_PROXY_ALREADY_GIVEN');

    const v2 = await asVoter(voter(2));
    const offered = await v2.get(e('/voter/proxies'));
    expect(offered.json.offered.map((p: { id: string }) => p.id)).toEqual([proxyId]);
    // Nobody but the holder accepts it.
    const v3 = await asVoter(voter(3));
    expect((await v3.post(e(`/voter/proxies/${proxyId}/accept`))).json.error.code).toBe(
      'SCR_PROXY_NOT_YOURS',
    );

    const credentialBefore = (await server.store.voters.get(voter(1).id))!.publicCredential;
    await deliver();
    const accepted = await v2.post(e(`/voter/proxies/${proxyId}/accept`));
    expect(accepted.status).toBe(200);
    expect(accepted.json.state).toBe('accepted');
    const credentialAfter = (await server.store.voters.get(voter(1).id))!.publicCredential;
    expect(credentialAfter).not.toBe(credentialBefore);
    const sent = await deliver();
    expect(sent.map((m) => m.to)).toEqual([voter(2).email]);
    expect(sent[0]!.subject).toContain('voter1');
    heldCredential = credentialIn(sent[0]!.text)!;
    expect(heldCredential).toMatch(/^[1-9A-HJ-NP-Za-km-z-]{19}$/);
    expect(heldCredential).not.toBe(voter(1).credential);
    expect((await v2.get(e('/voter/proxies'))).json.held).toHaveLength(1);
  });

  it('refuses chains and a holder over the cap, changing nothing', async () => {
    const before = await snapshot();
    const v2 = await asVoter(voter(2));
    expect((await v2.post(e('/voter/proxies'), { holder: 'voter3' })).json.error.code).toBe(
      'SCR_PROXY_CHAIN',
    );
    const v3 = await asVoter(voter(3));
    expect((await v3.post(e('/voter/proxies'), { holder: 'voter1' })).json.error.code).toBe(
      'SCR_PROXY_CHAIN',
    );
    const v4 = await asVoter(voter(4));
    const capped = await v4.post(e('/voter/proxies'), { holder: 'voter2' });
    expect(capped.status).toBe(409);
    expect(capped.json.error.code).toBe('SCR_PROXY_CAP');
    // Nor can an admin replace the giver's credential while the holder has it.
    await expect(
      server.services.recovery.replaceCredential(election.id, admin, voter(1).id),
    ).rejects.toMatchObject({ code: 'SCR_PROXY_ACTIVE' });
    expect(await snapshot()).toEqual(before);
  });

  it('sends a new credential back to the giver when a proxy is revoked; the holder’s copy stops working', async () => {
    const v4 = await asVoter(voter(4));
    const given = await v4.post(e('/voter/proxies'), { holder: 'voter5' });
    const v5 = await asVoter(voter(5));
    await v5.post(e(`/voter/proxies/${given.json.id}/accept`));
    const toHolder = await deliver();
    expect(toHolder.map((m) => m.to)).toEqual([voter(5).email]);
    const revoked = await v4.post(e(`/voter/proxies/${given.json.id}/revoke`));
    expect(revoked.json).toMatchObject({ state: 'revoked', revokedBy: 'giver' });
    const back = await deliver();
    expect(back.map((m) => m.to)).toEqual([voter(4).email]);
    const newCredential = credentialIn(back[0]!.text)!;
    revokedCredential = credentialIn(toHolder[0]!.text)!;
    expect(newCredential).not.toBe(revokedCredential);
    (election.voters[3] as { credential: string }).credential = newCredential;
  });

  it('lets the admin set the cap before opening only; the staff list and the audit log show every proxy', async () => {
    const asAdmin = await signedIn(server.app, admin);
    expect((await asAdmin.put(e('/proxies/settings'), { maxPerHolder: 2 })).json).toEqual({
      maxPerHolder: 2,
    });
    const asScrutineer = await signedIn(server.app, scrutineer);
    const list = await asScrutineer.get(e('/proxies'));
    expect(list.json.holders).toEqual([{ login: 'voter2', displayName: 'Voter 2', inForce: 1 }]);
    expect(list.json.proxies.map((p: { state: string }) => p.state)).toEqual(['accepted', 'revoked']);
    const actions = (
      await server.store.audit.list({ organisationId: election.organisationId, electionId: election.id })
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('proxy.'))).toEqual([
      'proxy.request',
      'proxy.accept',
      'proxy.request',
      'proxy.accept',
      'proxy.revoke',
      'proxy.settings',
    ]);
    expect(JSON.stringify(list.json)).not.toContain('@example.org');
  });

  it('lets the holder cast one ballot per mandate with different choices; the giver cannot vote in person', async () => {
    await advance(server, election, admin, 'open');
    const asAdmin = await signedIn(server.app, admin);
    expect((await asAdmin.put(e('/proxies/settings'), { maxPerHolder: 3 })).status).toBe(409);
    const v3 = await asVoter(voter(3));
    const late = await v3.post(e('/voter/proxies'), { holder: 'voter4' });
    expect(late.json.error.code).toBe('SCR_PROXY_NOT_AVAILABLE');

    const v2 = await asVoter(voter(2));
    const own = await ballotOf(server, election.id, voter(2), [
      [1, 0, 0],
      [0, 1, 0, 0],
    ]);
    expect((await v2.post(e('/voter/ballots'), { ballot: own })).status).toBe(201);
    const forGiver = await ballotOf(server, election.id, { ...voter(1), credential: heldCredential }, [
      [0, 1, 0],
      [1, 0, 0, 0],
    ]);
    expect((await v2.post(e('/voter/ballots'), { ballot: forGiver })).status).toBe(201);
    // The giver's old credential is not sealed, and the giver does not vote while the proxy is in force.
    const v1 = await asVoter(voter(1));
    const inPerson = await v1.post(e('/voter/ballots'), {
      ballot: await ballotOf(server, election.id, voter(1), [
        [0, 0, 1],
        [1, 0, 0, 0],
      ]),
    });
    expect(inPerson.json.error.code).toBe('SCR_PROXY_ACTIVE');
    // Someone else cannot use the credential the holder received.
    const stolen = await v3.post(e('/voter/ballots'), { ballot: forGiver });
    expect(stolen.json.error.code).toBe('SCR_BALLOT_WRONG_CREDENTIAL');
    expect(
      (
        await v3.post(e('/voter/ballots'), {
          ballot: await ballotOf(server, election.id, voter(3), [
            [0, 0, 1],
            [0, 0, 1, 0],
          ]),
        })
      ).status,
    ).toBe(201);
    // The credential voter5 received before the revocation was never sealed.
    const v5 = await asVoter(voter(5));
    const revokedBallot = await ballotOf(
      server,
      election.id,
      { ...voter(4), credential: revokedCredential },
      [
        [0, 0, 1],
        [0, 0, 1, 0],
      ],
    );
    expect((await v5.post(e('/voter/ballots'), { ballot: revokedBallot })).json.error.code).toBe(
      'SCR_BALLOT_WRONG_CREDENTIAL',
    );
    const v4 = await asVoter(voter(4));
    expect(
      (
        await v4.post(e('/voter/ballots'), {
          ballot: await ballotOf(server, election.id, voter(4), [
            [0, 0, 1],
            [0, 0, 0, 1],
          ]),
        })
      ).status,
    ).toBe(201);
  });

  it('counts the giver’s weight, verifies with both verifiers, and shows the proxy on the sign-in list and the public page', async () => {
    await advance(server, election, admin, 'published');
    const published = await new Client(server.app).get(e());
    // voter2 (2) chair A; voter1 by proxy (1) B; voter3 (5) C; voter4 (1) C.
    expect(published.json.result[0]).toEqual([2, 1, 6]);
    const archive = (await new Client(server.app).get(e('/archive.bel'))).body;
    const report = await verifyArchive(parseArchive(new Uint8Array(archive)));
    expect(report.failure).toBeUndefined();
    if (hasBeleniosTool) {
      const dir = tempDir('proxies');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${election.id}.bel`), archive);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
    const asScrutineer = await signedIn(server.app, scrutineer);
    const list = await asScrutineer.get(e('/sign-in-list'));
    expect(list.json.voters.find((v: { login: string }) => v.login === 'voter1')).toEqual({
      login: 'voter1',
      displayName: 'Voter 1',
      voted: true,
      byProxy: 'voter2',
    });
    expect(list.json.voters.find((v: { login: string }) => v.login === 'voter5').voted).toBe(false);
    const csv = (await asScrutineer.get(e('/exports/sign-in-list.csv'))).body.toString();
    expect(csv).toContain('voter1,Voter 1,true,voter2');
    const counts = await new Client(server.app).get(e('/proxies/counts'));
    expect(counts.json).toEqual({ maxPerHolder: 2, inForce: 1, holders: 1 });
  });
});

describe('proxies in a congress box: the procès-verbal counts them', () => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it('prints the proxies in force in the box, in French and English, and the consolidated counts add the giver’s weight', async () => {
    server = await startTestServer();
    const { organisationId, admin } = await organisationWithAdmin(server);
    const client = await signedIn(server.app, admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congress',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }],
      serverTrustee: true,
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const electionId = asElectionId(created.json.boxes[0].electionId as string);
    const votes = [
      { box: 'North', login: 'n1', weight: 3, choice: 0 },
      { box: 'North', login: 'n2', weight: 1, choice: 1 },
    ];
    await client.put(`/api/v1/consultations/${id}/voters`, rollCsv(votes));
    const credentials = await issueCredentials(server, electionId, admin);
    // n1 gives their proxy to n2, who accepts; the credential n2 receives is read from the outbox.
    const roll = await server.store.voters.list(electionId);
    const idOf = (login: string) => roll.find((v) => v.login === login)!.id;
    const transport = testTransport();
    const sender = new DeliverySender(server.store, { transports: { email: transport }, backoffBaseMs: 1 });
    const given = await server.services.proxies.give(electionId, idOf('n1'), 'n2');
    await server.services.proxies.accept(electionId, idOf('n2'), given.id);
    await sender.drain();
    const held = credentialIn(transport.accepted.at(-1)!.text)!;
    await client.post(`/api/v1/consultations/${id}/advance`, { step: 'open' });
    await castVotes(server, electionId, credentials, [votes[1]!]);
    // n2 votes for n1 (weight 3) for the third candidate.
    await castVotes(server, electionId, new Map([['n1', { voterId: idOf('n2'), credential: held }]]), [
      { box: 'North', login: 'n1', weight: 3, choice: 2 },
    ]);
    for (const step of ['close', 'tally', 'publish'])
      expect((await client.post(`/api/v1/consultations/${id}/advance`, { step })).status).toBe(200);
    const consultation = await new Client(server.app).get(`/api/v1/consultations/${id}`);
    expect(JSON.stringify(consultation.json)).toContain(
      '"proxies":{"inForce":1,"holders":1,"maxPerHolder":1}',
    );
    const fr = (await client.get(`/api/v1/consultations/${id}/proces-verbal.html?lang=fr`)).body.toString();
    expect(fr).toMatch(
      /1 procuration en vigueur à l&#39;ouverture, détenue par 1 votant \(au plus 1 par mandataire\)/,
    );
    const en = (await client.get(`/api/v1/consultations/${id}/proces-verbal.html?lang=en`)).body.toString();
    expect(en).toContain('1 proxy in force at opening, held by 1 voter (at most 1 per holder)');
    expect(JSON.stringify(consultation.json)).toContain('"counts":[["0","0","1","3"]]');
  });
});
