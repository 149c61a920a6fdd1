/**
 * Issue 15, part 6: until an election opens, every public route and page about it answers as for an
 * id that does not exist — 404 with no detail — to anyone but its own staff: anonymous, a signed-in
 * account with no role on it, a voter of another election, the operator, another organisation's
 * admin. Its staff (organisation admin, election admin, credential authority, trustee, scrutineer)
 * still see it. The voter's own routes (sign-in, one-time code, self-service recovery) cannot be
 * refused to a voter who holds a secret, so there a draft answers exactly like an unknown id.
 * Consultations whose boxes are all drafts are private the same way. Once opened, all of it is public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { openSession, type SessionOwner } from '../../src/server/auth/sessions.js';
import { Client } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import {
  addAccount,
  addOrganisation,
  advance,
  draftElection,
  grant,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** An id of the right shape that no election has. */
const UNKNOWN = '1111111111111A';

const OUTSIDERS = ['anonymous', 'memberA', 'voterB', 'operator', 'orgAdminB'] as const;
const STAFF = ['orgAdminA', 'electionAdminA', 'credentialAuthorityA', 'trusteeA', 'scrutineerA'] as const;
type Who = (typeof OUTSIDERS)[number] | (typeof STAFF)[number];

/** Every public GET about an election (pages included), with `{id}` for the election. */
const PUBLIC_GETS = [
  '/api/v1/elections/{id}',
  '/api/v1/elections/{id}/archive.bel',
  '/api/v1/elections/{id}/ballots',
  '/api/v1/elections/{id}/tally',
  '/api/v1/elections/{id}/verification',
  '/api/v1/elections/{id}/exports/result.csv',
  '/api/v1/elections/{id}/exports/result.json',
  '/api/v1/elections/{id}/consultation',
  '/api/v1/elections/{id}/recovery/self-service',
  '/elections/{id}',
  '/vote/{id}',
];

describe('drafts are private (issue 15)', () => {
  let server: TestServer;
  let draft: TestElection;
  let openB: TestElection;
  let accounts: Record<Exclude<Who, 'anonymous' | 'voterB'>, TestAccount>;
  let organisationA: string;
  let consultationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const add = (label: string, isOperator = false) => addAccount(server, label, { isOperator });
    accounts = {
      operator: await add('operator', true),
      orgAdminA: await add('org-admin-a'),
      orgAdminB: await add('org-admin-b'),
      memberA: await add('member-a'),
      electionAdminA: await add('election-admin-a'),
      credentialAuthorityA: await add('credential-authority-a'),
      trusteeA: await add('trustee-a'),
      scrutineerA: await add('scrutineer-a'),
    };
    organisationA = await addOrganisation(server, 'Organisation A', accounts.orgAdminA);
    await server.store.accounts.addMembership({
      organisationId: organisationA,
      accountId: accounts.memberA.id,
      role: 'member',
    });
    const organisationB = await addOrganisation(server, 'Organisation B', accounts.orgAdminB);
    draft = await draftElection(server, organisationA, accounts.orgAdminA, { voters: 2 });
    await grant(server, draft.id, accounts.electionAdminA, 'election-admin');
    await grant(server, draft.id, accounts.credentialAuthorityA, 'credential-authority');
    await grant(server, draft.id, accounts.trusteeA, 'trustee');
    await grant(server, draft.id, accounts.scrutineerA, 'scrutineer');
    openB = await draftElection(server, organisationB, accounts.orgAdminB, { voters: 1 });
    await advance(server, openB, accounts.orgAdminB, 'open');
    const admin = new Client(server.app);
    await admin.post('/api/v1/auth/login', {
      email: accounts.orgAdminA.email,
      password: accounts.orgAdminA.password,
    });
    const created = await admin.post(`/api/v1/organisations/${organisationA}/consultations`, {
      name: 'Congress in preparation',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }, { label: 'South' }],
      serverTrustee: true,
    });
    expect(created.status).toBe(201);
    consultationId = created.json.id;
  });
  afterAll(async () => server?.close());

  async function as(who: Who): Promise<Record<string, string>> {
    if (who === 'anonymous') return {};
    const owner: SessionOwner =
      who === 'voterB'
        ? { kind: 'voter', voterId: openB.voters[0]!.id, electionId: openB.id }
        : { kind: 'account', accountId: accounts[who].id };
    const { token, row } = await openSession(server.store, systemClock, owner);
    return { cookie: `scrutin_session=${token.reveal()}`, 'x-csrf-token': row.csrfToken };
  }

  const get = async (path: string, id: string, who: Who) =>
    server.app.inject({ url: path.replace('{id}', id), headers: await as(who) });

  it('answers every public route and page about a draft with the 404 of an unknown id, to everyone but its staff', async () => {
    for (const path of PUBLIC_GETS) {
      const unknown = await get(path, UNKNOWN, 'anonymous');
      expect({ path, status: unknown.statusCode }).toEqual({ path, status: 404 });
      for (const who of OUTSIDERS) {
        const answer = await get(path, draft.id, who);
        expect({ path, who, status: answer.statusCode }).toEqual({ path, who, status: 404 });
        // Not one byte more than for an id that does not exist (the pages are the same shell).
        expect({ path, who, body: answer.body }).toEqual({ path, who, body: unknown.body });
      }
    }
  });

  it('shows the draft to its own staff', async () => {
    for (const who of STAFF) {
      const summary = await get('/api/v1/elections/{id}', draft.id, who);
      expect({ who, status: summary.statusCode }).toEqual({ who, status: 200 });
      expect(summary.json().state).toBe('draft');
      expect((await get('/api/v1/elections/{id}/consultation', draft.id, who)).statusCode).toBe(200);
      expect((await get('/api/v1/elections/{id}/verification', draft.id, who)).statusCode).toBe(200);
    }
  });

  it("answers a voter's sign-in, code and self-service routes for a draft exactly as for an unknown id", async () => {
    const posts: [string, unknown][] = [
      ['/api/v1/elections/{id}/voter/login', { login: 'nobody', password: 'not a password' }],
      ['/api/v1/elections/{id}/voter/login', { login: draft.voters[0]!.login, password: 'wrong password' }],
      ['/api/v1/elections/{id}/voter/code/login', { login: draft.voters[0]!.login, code: '12345678' }],
      ['/api/v1/elections/{id}/recovery/requests', { login: draft.voters[0]!.login, email: 'x@example.org' }],
    ];
    let address = 0;
    for (const [path, body] of posts) {
      for (const who of ['anonymous', 'operator', 'orgAdminB'] as const) {
        // Each from its own address: the per-address budgets are not what this test is about.
        const send = async (id: string) =>
          server.app.inject({
            method: 'POST',
            url: path.replace('{id}', id),
            payload: body as object,
            headers: await as(who),
            remoteAddress: `10.0.0.${++address}`,
          });
        const [onDraft, onUnknown] = [await send(draft.id), await send(UNKNOWN)];
        expect({ path, who, status: onDraft.statusCode, body: onDraft.body }).toEqual({
          path,
          who,
          status: onUnknown.statusCode,
          body: onUnknown.body,
        });
      }
    }
    // The voter who holds their password still signs in before opening (the access test).
    const voter = draft.voters[0]!;
    const signedIn = await server.app.inject({
      method: 'POST',
      url: `/api/v1/elections/${draft.id}/voter/login`,
      payload: { login: voter.login, password: voter.password },
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('keeps a consultation whose boxes are all drafts private, like its elections', async () => {
    const paths = [
      '/api/v1/consultations/{id}',
      '/api/v1/consultations/{id}/exports/result.csv',
      '/api/v1/consultations/{id}/exports/result.json',
      '/api/v1/consultations/{id}/proces-verbal.html',
      '/admin/consultations/{id}/proces-verbal',
    ];
    for (const path of paths) {
      const unknown = await get(path, UNKNOWN, 'anonymous');
      for (const who of OUTSIDERS) {
        const answer = await get(path, consultationId, who);
        expect({ path, who, status: answer.statusCode }).toEqual({ path, who, status: 404 });
        expect({ path, who, body: answer.body }).toEqual({ path, who, body: unknown.body });
      }
    }
  });

  it('makes the election public once it opens', async () => {
    await advance(server, draft, accounts.orgAdminA, 'open');
    for (const who of OUTSIDERS) {
      const summary = await get('/api/v1/elections/{id}', draft.id, who);
      expect({ who, status: summary.statusCode }).toEqual({ who, status: 200 });
      expect(summary.json().state).toBe('open');
      expect((await get('/api/v1/elections/{id}/ballots', draft.id, who)).statusCode).toBe(200);
    }
  });
});
