/**
 * Gaps found while fuzzing the HTTP edge (bad-input.test.ts): requests the server accepts although
 * they carry input no route asked for, and an election the server lets an admin open although no
 * voter can cast a ballot in it. Each test states what a voter or admin should observe.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { electionId } from '../../src/core/ids.js';
import { secret } from '../../src/core/secret.js';
import { hashPassword } from '../../src/server/auth/index.js';
import { ballotMaker } from '../support/served-election.js';
import { Client, signedIn } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('input the server should refuse', () => {
  let server: TestServer;
  let demo: Demo;
  let admin: Client;
  let organisationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 1);
    organisationId = (await server.store.elections.get(demo.electionId))!.organisationId;
    admin = await signedIn(server.app, demo.admin);
  });
  afterAll(async () => server?.close());

  const draft = async () => {
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Gap',
      description: '',
      timeZone: 'UTC',
    });
    expect(created.status).toBe(201);
    return electionId(created.json.id);
  };

  it('refuses a body on the state transitions (here: closing with a text/plain body) and leaves the election open', async () => {
    const base = `/api/v1/elections/${demo.electionId}`;
    const answer = await admin.request('POST', `${base}/close`, 'close it anyway', {
      'content-type': 'text/plain',
    });
    expect(answer.status, JSON.stringify(answer.json).slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await new Client(server.app).get(base)).json.state).toBe('open');
  });

  it('refuses unknown fields and wrong types in the voter roll body', async () => {
    const id = await draft();
    const extra = await admin.put(`/api/v1/elections/${id}/voters`, {
      csv: 'a@example.org,a,1,A',
      notify: true,
    });
    expect([extra.status, extra.json.error?.code]).toEqual([400, 'SCR_BAD_REQUEST']);
    const wrongType = await admin.put(`/api/v1/elections/${id}/voters`, { csv: 42 });
    expect([wrongType.status, wrongType.json.error?.code]).toEqual([400, 'SCR_BAD_REQUEST']);
    expect((await admin.get(`/api/v1/elections/${id}/voters`)).json.voters).toEqual([]);
  });

  it('opens only elections whose ballots fit the cast route (one question with 200 answers)', async () => {
    const id = await draft();
    const questions = [
      {
        answers: Array.from({ length: 200 }, (_, i) => `Candidate ${i + 1}`),
        min: 1,
        max: 1,
        question: 'Pick one',
      },
    ];
    const set = await admin.put(`/api/v1/elections/${id}/questions`, { questions });
    if (set.status === 422) return; // refusing such questions up front is one acceptable fix
    expect(set.status).toBe(200);
    expect((await admin.put(`/api/v1/elections/${id}/voters`, 'v@example.org,v,1,V')).status).toBe(200);
    expect((await admin.post(`/api/v1/elections/${id}/trustees/server`)).status).toBe(200);
    const account = (await server.store.accounts.findAccountByEmail(demo.admin.email))!;
    const [issued] = await server.elections.generateServerCredentials(id, account);
    const password = 'a long enough voter password';
    await server.store.voters.setSecrets(id, [
      { voterId: issued!.voterId, passwordHash: await hashPassword(secret(password, 'password')) },
    ]);
    expect((await admin.post(`/api/v1/elections/${id}/open`)).status).toBe(200);

    const voter = new Client(server.app);
    expect((await voter.post(`/api/v1/elections/${id}/voter/login`, { login: 'v', password })).status).toBe(
      200,
    );
    const election = (await voter.get(`/api/v1/elections/${id}`)).json.election as string;
    const ballot = ballotMaker(election)(issued!.credential, [
      Array.from({ length: 200 }, (_, i) => (i === 7 ? 1 : 0)),
    ]);
    const cast = await voter.post(`/api/v1/elections/${id}/voter/ballots`, { ballot });
    expect(cast.status, `a valid ballot of ${ballot.length} characters: ${JSON.stringify(cast.json)}`).toBe(
      201,
    );
  });
});
