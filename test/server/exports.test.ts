/**
 * The exports through the HTTP API, on a weighted election whose roll holds names a spreadsheet
 * would run as formulas: what each file contains, in both formats, who may fetch it and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { auditHash } from '../../src/store/audit-chain.js';
import { parseCsv, readCsvObjects } from '../support/csv-reader.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import {
  addAccount,
  addOrganisation,
  advance,
  ballotOf,
  draftElection,
  grant,
  type TestAccount,
  type TestElection,
  type TestVoter,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const ROLL = [
  'email,login,weight,name',
  'chloe@example.org,chloe,3,Chloé Nguyen',
  'jean@example.org,jean,1,"Dupont, Jean ""JD"""',
  'evil@example.org,-evil,2,"=HYPERLINK(""http://attacker.test"",""click"")"',
  'at@example.org,at,1,@SUM(1+1)',
].join('\n');

describe('exports', () => {
  let server: TestServer;
  let http: Recorder;
  let election: TestElection;
  let admin: TestAccount;
  let clients: Record<
    'admin' | 'credentialAuthority' | 'scrutineer' | 'trustee' | 'anonymous',
    RecordingClient
  >;
  const url = (name: string) => `/api/v1/elections/${election.id}/exports/${name}`;

  beforeAll(async () => {
    server = await startTestServer();
    http = new Recorder(server.app);
    admin = await addAccount(server, 'admin');
    const organisationId = await addOrganisation(server, 'Federation', admin);
    election = await draftElection(server, organisationId, admin, { voters: 4, csv: ROLL, singles: 1 });
    const roles = {
      credentialAuthority: 'credential-authority',
      scrutineer: 'scrutineer',
      trustee: 'trustee',
    } as const;
    clients = {
      admin: await http.client().signIn(admin.email, admin.password),
      anonymous: http.client(),
    } as typeof clients;
    for (const [name, role] of Object.entries(roles)) {
      const account = await addAccount(server, name);
      await grant(server, election.id, account, role);
      clients[name as keyof typeof roles] = await http.client().signIn(account.email, account.password);
    }
  });
  afterAll(async () => server?.close());

  it('voter roll: login, email, name, weight, language and whether a credential is set; formulas neutralised', async () => {
    for (const who of ['admin', 'credentialAuthority'] as const) {
      const csv = await clients[who].get(url('voters.csv'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="${election.id}-voters.csv"`);
      expect(csv.headers['cache-control']).toBe('no-store');
      expect(parseCsv(csv.body)).toEqual([
        ['login', 'email', 'name', 'weight', 'language', 'has_credential'],
        ['chloe', 'chloe@example.org', 'Chloé Nguyen', '3', 'en', 'true'],
        ['jean', 'jean@example.org', 'Dupont, Jean "JD"', '1', 'en', 'true'],
        ["'-evil", 'evil@example.org', `'=HYPERLINK("http://attacker.test","click")`, '2', 'en', 'true'],
        ['at', 'at@example.org', "'@SUM(1+1)", '1', 'en', 'true'],
      ]);
      const json = await clients[who].get(url('voters.json'));
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.json.election).toEqual({ id: election.id, name: 'Federation vote' });
      expect(json.json.voters[2]).toEqual({
        login: '-evil',
        email: 'evil@example.org',
        displayName: '=HYPERLINK("http://attacker.test","click")',
        weight: '2',
        language: 'en',
        hasCredential: true,
      });
      expect(Object.keys(json.json).sort()).toEqual(['election', 'exportedAt', 'voters']);
    }
    // Scrutineers read the roll with addresses masked (issue 15); trustees do not read it.
    const masked = await clients.scrutineer.get(url('voters.csv'));
    expect(masked.status).toBe(200);
    expect(parseCsv(masked.body).map((row) => row[1])).toEqual([
      'email',
      'c***@example.org',
      'j***@example.org',
      'e***@example.org',
      'a***@example.org',
    ]);
    expect((await clients.trustee.get(url('voters.csv'))).status).toBe(403);
    expect((await clients.anonymous.get(url('voters.json'))).status).toBe(401);
  });

  it('sign-in list: refused while voting is open; after closing, who voted — never how', async () => {
    await advance(server, election, admin, 'open');
    const early = await clients.scrutineer.get(url('sign-in-list.json'));
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('SCR_WRONG_STATE');
    // chloe (weight 3) and -evil (weight 2) vote, chloe twice.
    const cast = async (voter: TestVoter, plaintext: number[][]) =>
      server.elections.castBallot(
        election.id,
        voter.id,
        await ballotOf(server, election.id, voter, plaintext),
      );
    const [chloe, , evil] = election.voters;
    await cast(chloe!, [
      [0, 1, 0],
      [0, 1, 0, 0],
    ]);
    await cast(chloe!, [
      [1, 0, 0],
      [0, 1, 1, 0],
    ]);
    await cast(evil!, [
      [0, 0, 1],
      [1, 0, 0, 0],
    ]);
    await advance(server, election, admin, 'closed');
    for (const who of ['scrutineer', 'admin'] as const) {
      const csv = await clients[who].get(url('sign-in-list.csv'));
      expect(csv.status).toBe(200);
      expect(readCsvObjects(csv.body)).toEqual([
        { login: 'chloe', name: 'Chloé Nguyen', voted: 'true', by_proxy: '' },
        { login: 'jean', name: 'Dupont, Jean "JD"', voted: 'false', by_proxy: '' },
        { login: '-evil', name: '=HYPERLINK("http://attacker.test","click")', voted: 'true', by_proxy: '' },
        { login: 'at', name: '@SUM(1+1)', voted: 'false', by_proxy: '' },
      ]);
      const json = await clients[who].get(url('sign-in-list.json'));
      expect(json.json.summary).toEqual({ voters: 4, voted: 2 });
      expect(json.json.state).toBe('closed');
      expect(Object.keys(json.json.voters[0]).sort()).toEqual(['byProxy', 'displayName', 'login', 'voted']);
    }
    expect((await clients.credentialAuthority.get(url('sign-in-list.csv'))).status).toBe(403);
    expect((await clients.trustee.get(url('sign-in-list.json'))).status).toBe(403);
    expect((await clients.anonymous.get(url('sign-in-list.json'))).status).toBe(401);
  });

  it('audit log: every entry of the election, details allowlisted, each hash recomputable from the file', async () => {
    const json = await clients.scrutineer.get(url('audit.json'));
    expect(json.status).toBe(200);
    const { entries, organisationId } = json.json as {
      entries: Record<string, unknown>[];
      organisationId: string;
    };
    expect(entries.map((e) => e.action)).toEqual([
      'election.create',
      'election.questions',
      'voters.import',
      'trustee.server-key',
      'trustee.add',
      'credentials.generate',
      'election.open',
      'election.close',
    ]);
    expect(entries[0]).toMatchObject({
      actor: admin.id,
      actorName: admin.displayName,
      details: { name: 'Federation vote' },
      withheldDetails: [],
    });
    for (const entry of entries) {
      const { seq, at, actor, action, details, prevHash, hash } = entry as never;
      expect(
        auditHash(prevHash, { seq, at, actor, action, details, organisationId, electionId: election.id }),
      ).toBe(hash);
    }
    const csv = readCsvObjects((await clients.admin.get(url('audit.csv'))).body);
    expect(csv.map((row) => row.hash)).toEqual(entries.map((e) => e.hash));
    expect(JSON.parse(csv[0]!.details!)).toEqual({ name: 'Federation vote' });
    expect((await clients.credentialAuthority.get(url('audit.csv'))).status).toBe(403);
    expect((await clients.trustee.get(url('audit.json'))).status).toBe(403);
  });

  it('result report: refused before publication; then weighted counts, percentages, sealed hashes and the final hash', async () => {
    for (const name of ['result.csv', 'result.json']) {
      const early = await clients.anonymous.get(url(name));
      expect(early.status).toBe(409);
      expect(early.json.error.code).toBe('SCR_WRONG_STATE');
    }
    await advance(server, election, admin, 'published');
    const report = (await clients.anonymous.get(url('result.json'))).json;
    const summary = (await clients.anonymous.get(`/api/v1/elections/${election.id}`)).json;
    const archive = parseArchive(
      new Uint8Array(
        Buffer.from(
          (await http.app.inject({ url: `/api/v1/elections/${election.id}/archive.bel` })).rawPayload,
        ),
      ),
    );
    const last = archive.events.at(-1)!;
    expect(last.event.type).toBe('Result');
    expect(report.sealed).toEqual(summary.sealed);
    expect(report.archive).toEqual({ finalHash: last.hash, height: last.event.height, verified: true });
    // Last ballots (the blank slot comes first): chloe (3) Alice / budgets A and B; -evil (2) Chloé / blank.
    expect(report.turnout).toEqual({ ballotsCounted: 2, weightCast: '5', voters: 4, votersWeight: '7' });
    expect(report.questions[0].answers).toEqual([
      { number: 1, answer: 'Alice Martin', blank: false, count: '3', percentOfVotesCast: '60.00' },
      { number: 2, answer: 'Bruno Diallo', blank: false, count: '0', percentOfVotesCast: '0.00' },
      { number: 3, answer: 'Chloé Nguyen', blank: false, count: '2', percentOfVotesCast: '40.00' },
    ]);
    expect(
      report.questions[1].answers.map((a: { answer: string; count: string }) => [a.answer, a.count]),
    ).toEqual([
      ['(blank)', '2'],
      ['Budget A', '3'],
      ['Budget B', '3'],
      ['Budget C', '0'],
    ]);
    expect(summary.result).toEqual([
      [3, 0, 2],
      [2, 3, 3, 0],
    ]);
    const csv = await clients.anonymous.get(url('result.csv'));
    expect(csv.headers['cache-control']).toBe('no-cache');
    const rows = readCsvObjects(csv.body);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      question_number: '1',
      question: 'Who should chair the federation?',
      answer_number: '1',
      answer: 'Alice Martin',
      count: '3',
      percent_of_votes_cast: '60.00',
      ballots_counted: '2',
      weight_cast: '5',
      election_fingerprint: summary.sealed.election,
      trustees_hash: summary.sealed.trustees,
      credentials_hash: summary.sealed.credentials,
      archive_final_hash: last.hash,
    });
    expect(rows[3]).toMatchObject({
      question_number: '2',
      answer_number: '0',
      answer: '(blank)',
      count: '2',
      percent_of_votes_cast: '40.00',
    });
  });

  it('answers 404 for an election that does not exist, whoever asks', async () => {
    for (const name of ['voters.csv', 'sign-in-list.json', 'audit.csv', 'result.json']) {
      const answer = await clients.admin.get(`/api/v1/elections/NoSuchE1ection99/exports/${name}`);
      expect(answer.status).toBe(404);
    }
  });
});
