/**
 * The parts of the lifecycle a clock drives and the voter-roll import: scheduled opening and closing
 * (with explicit offsets), extension of the closing time before it passes, and an all-or-nothing
 * CSV import whose errors are reported line by line.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/cli/scrutin/demo.js';
import type { Clock } from '../../src/core/clock.js';
import { type ElectionId, electionId } from '../../src/core/ids.js';
import { Client } from '../world/client.js';
import { addAccount, addOrganisation, ballotOf, draftElection, type TestVoter } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
}

describe('election lifecycle driven by the clock', () => {
  const clock = new ManualClock(new Date('2027-03-01T08:00:00Z'));
  let server: TestServer;
  let admin: Client;
  let organisationId: string;
  let credentials: { email: string; password: string };

  /** Sessions last 12 hours of the clock: sign in again after moving it. */
  const signIn = async () => {
    admin = new Client(server.app);
    expect((await admin.post('/api/v1/auth/login', credentials)).status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    const demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 1);
    organisationId = (await server.store.elections.get(demo.electionId))!.organisationId;
    credentials = demo.admin;
    await signIn();
  });
  afterAll(async () => server?.close());

  async function readyDraft(): Promise<ElectionId> {
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Scheduled',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const id = electionId(created.json.id);
    expect(
      (
        await admin.put(`/api/v1/elections/${id}/questions`, {
          questions: [{ answers: ['A', 'B'], min: 1, max: 1, question: 'Q' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await admin.put(`/api/v1/elections/${id}/voters`, 'v1@example.org,v1,1,V1\nv2@example.org,v2,1,V2'))
        .status,
    ).toBe(200);
    expect((await admin.post(`/api/v1/elections/${id}/trustees/server`)).status).toBe(200);
    const account = (await server.store.elections.listRoles(id)).find((r) => r.role === 'election-admin')!;
    await server.elections.generateServerCredentials(id, { id: account.accountId });
    return id;
  }

  it('opens and closes at the scheduled instants, whatever the offset they were given in', async () => {
    const id = await readyDraft();
    const naive = await admin.put(`/api/v1/elections/${id}/schedule`, {
      opensAt: '2027-03-01T10:00',
      closesAt: null,
    });
    expect(naive.status).toBe(400);
    expect(naive.json.error.detail.problem).toMatch(/explicit time zone offset/);
    const set = await admin.put(`/api/v1/elections/${id}/schedule`, {
      opensAt: '2027-03-01T10:00:00+01:00',
      closesAt: '2027-03-02T18:00:00+01:00',
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({
      opensAt: '2027-03-01T09:00:00.000Z',
      closesAt: '2027-03-02T17:00:00.000Z',
      timeZone: 'Europe/Paris',
    });

    await server.elections.tick();
    expect((await server.store.elections.get(id))!.state).toBe('draft');
    clock.current = new Date('2027-03-01T09:00:01Z');
    await server.elections.tick();
    expect((await server.store.elections.get(id))!.state).toBe('open');

    // Extension: later than the current closing time and before it passes.
    const earlier = await admin.post(`/api/v1/elections/${id}/extend`, { closesAt: '2027-03-02T12:00:00Z' });
    expect(earlier.status).toBe(400);
    const later = await admin.post(`/api/v1/elections/${id}/extend`, { closesAt: '2027-03-03T17:00:00Z' });
    expect(later.status).toBe(200);
    clock.current = new Date('2027-03-02T17:30:00Z');
    await server.elections.tick();
    expect((await server.store.elections.get(id))!.state).toBe('open');
    clock.current = new Date('2027-03-03T17:00:01Z');
    await signIn();
    const tooLate = await admin.post(`/api/v1/elections/${id}/extend`, { closesAt: '2027-03-04T17:00:00Z' });
    expect(tooLate.status).toBe(409);
    await server.elections.tick();
    expect((await server.store.elections.get(id))!.state).toBe('closed');
    const audit = await admin.get(`/api/v1/elections/${id}/audit`);
    expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['election.schedule', 'election.open', 'election.extend', 'election.close']),
    );
  });

  it('refuses a ballot cast after the closing time, before the scheduler has closed the election', async () => {
    // Issue 20, survivor 3: the election is still 'open' in the store until the next tick; the closing
    // time itself must refuse the ballot (SCR_VOTING_CLOSED), and record nothing.
    clock.current = new Date('2027-04-01T08:00:00Z');
    const owner = await addAccount(server, 'closing-admin');
    const election = await draftElection(server, await addOrganisation(server, 'Closing', owner), owner, {
      voters: 2,
    });
    await server.elections.setSchedule(election.id, owner, {
      opensAt: null,
      closesAt: '2027-04-01T18:00:00Z',
    });
    await server.elections.open(election.id, owner);
    const [early, late] = election.voters;
    const castAs = async (voter: TestVoter) => {
      const client = new Client(server.app);
      const login = await client.post(`/api/v1/elections/${election.id}/voter/login`, {
        login: voter.login,
        password: voter.password,
      });
      expect(login.status).toBe(200);
      const ballot = await ballotOf(server, election.id, voter, [
        [1, 0, 0],
        [0, 1, 0, 0],
      ]);
      return client.post(`/api/v1/elections/${election.id}/voter/ballots`, { ballot });
    };
    expect((await castAs(early!)).status).toBe(201);

    clock.current = new Date('2027-04-01T18:00:00Z');
    expect((await server.store.elections.get(election.id))!.state).toBe('open'); // no tick yet
    const refused = await castAs(late!);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('SCR_VOTING_CLOSED');
    expect(await server.store.board.hasCast(election.id, late!.id)).toBe(false);
    expect(await server.store.board.hasCast(election.id, early!.id)).toBe(true);
  });

  it('imports a voter roll all or nothing, with every bad line reported', async () => {
    await signIn();
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Roll',
      description: '',
      timeZone: 'UTC',
    });
    const id = created.json.id as string;
    const csv = [
      'email,login,weight,name',
      'ana@example.org,ana,2,Ana',
      'not-an-email,bob,1,Bob',
      'carla@example.org,ana,1,Carla',
      'dan@example.org,dan,0,Dan',
      'eve@example.org,eve,1,"Eve, the second"',
    ].join('\n');
    const refused = await admin.put(`/api/v1/elections/${id}/voters`, csv);
    expect(refused.status, JSON.stringify(refused.json)).toBe(422);
    expect(refused.json.error.code).toBe('SCR_INVALID_VOTERS');
    expect(refused.json.error.detail.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5]);
    expect(refused.json.error.detail.problems[1].problem).toMatch(
      /duplicate login "ana" \(first on line 2\)/,
    );
    expect((await admin.get(`/api/v1/elections/${id}/voters`)).json.voters).toEqual([]);

    const fixed = csv
      .split('\n')
      .filter((_, i) => ![2, 3, 4].includes(i))
      .join('\n');
    const imported = await admin.put(`/api/v1/elections/${id}/voters`, fixed);
    expect(imported.json).toEqual({ imported: 2 });
    const voters = (await admin.get(`/api/v1/elections/${id}/voters`)).json.voters;
    expect(
      voters.map((v: { login: string; weight: string; displayName: string }) => [
        v.login,
        v.weight,
        v.displayName,
      ]),
    ).toEqual([
      ['ana', '2', 'Ana'],
      ['eve', '1', 'Eve, the second'],
    ]);
  });
});
