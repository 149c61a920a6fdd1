/**
 * The small JSON routes behind the admin pages and the scrutineer console (issue 5), on both stores:
 * an organisation's people (admins, members, election role holders) and adding one, who is invited
 * to choose their own password; granting an election role only to people the organisation knows;
 * the organisations an account administers; turnout hour by hour, where a revote adds a ballot but
 * not a voter. Bad input gets a clear error and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenIn } from '../support/account-links.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  addOrganisation,
  advance,
  ballotOf,
  draftElection,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const problem = await pgProblem();
const STORES = [
  ['SQLite', false],
  ['PostgreSQL', true],
] as const;

for (const [label, postgres] of STORES) {
  describe.skipIf(postgres && problem !== undefined)(`organisation people and turnout (${label})`, () => {
    let schema: TestSchema | undefined;
    let server: TestServer;
    let admin: TestAccount;
    let outsider: TestAccount;
    let organisationId: string;
    let election: TestElection;
    let client: Client;

    beforeAll(async () => {
      schema = postgres ? await freshSchema('people') : undefined;
      server = await startTestServer(schema ? { databaseUrl: schema.url } : {});
      admin = await addAccount(server, 'people-admin');
      outsider = await addAccount(server, 'people-outsider');
      organisationId = await addOrganisation(server, 'Organisation A', admin);
      await addOrganisation(server, 'Organisation B', outsider);
      election = await draftElection(server, organisationId, admin, { voters: 3 });
      client = await signedIn(server.app, admin);
    });
    afterAll(async () => {
      await server?.close();
      await schema?.drop();
    });

    it('lists only the organisations the account administers', async () => {
      const mine = await client.get('/api/v1/account/organisations');
      expect(mine.json).toEqual({ organisations: [{ id: organisationId, name: 'Organisation A' }] });
      expect((await new Client(server.app).get('/api/v1/account/organisations')).status).toBe(401);
    });

    it('adds a person, who is invited to choose their own password; refuses a password field or a taken email, changing nothing', async () => {
      const members = `/api/v1/organisations/${organisationId}/members`;
      const added = await client.post(members, {
        email: 'tess@example.org',
        displayName: 'Tess',
        orgAdmin: false,
      });
      expect(added.status).toBe(201);
      expect(added.json).toMatchObject({ status: 'invited', invitation: { mail: 'sent' } });
      const account = await server.store.accounts.findAccountByEmail('tess@example.org');
      expect(account?.status).toBe('invited');
      expect(await server.store.accounts.listMemberships(account!.id)).toEqual([
        { organisationId, accountId: account!.id, role: 'member' },
      ]);
      const token = tokenIn(server.mails!.accepted.at(-1)!.text)!;
      expect(added.body.toString()).not.toContain(token);
      expect(
        (
          await new Client(server.app).post('/api/v1/auth/password-link', {
            token,
            password: 'tess own password 1',
          })
        ).status,
      ).toBe(200);
      const tess = new Client(server.app);
      expect(
        (
          await tess.post('/api/v1/auth/login', {
            email: 'tess@example.org',
            password: 'tess own password 1',
          })
        ).status,
      ).toBe(200);
      // A member is not an admin: the organisation is visible (403), its elections are not theirs.
      expect((await tess.get(`/api/v1/organisations/${organisationId}/elections`)).status).toBe(403);
      expect((await tess.get(`/api/v1/elections/${election.id}/admin`)).status).toBe(403);

      const withPassword = await client.post(members, {
        email: 'chosen@example.org',
        displayName: 'W',
        password: 'chosen by the admin',
        orgAdmin: true,
      });
      expect(withPassword.status).toBe(400);
      const taken = await client.post(members, { email: outsider.email, displayName: 'X', orgAdmin: true });
      expect(taken.status).toBe(409);
      expect(taken.json.error.code).toBe('SCR_PERSON_EXISTS');
      expect(await server.store.accounts.findAccountByEmail('chosen@example.org')).toBeUndefined();
      expect(await server.store.accounts.listMemberships(outsider.id)).toEqual([
        expect.objectContaining({ role: 'org-admin' }),
      ]);
      const bad = await client.post(members, { email: 'no-at-sign', displayName: 'X', orgAdmin: false });
      expect(bad.status).toBe(400);

      const list = (await client.get(members)).json.members as { email: string; orgAdmin: boolean }[];
      expect(list.map((m) => [m.email, m.orgAdmin]).sort()).toEqual([
        [admin.email, true],
        ['tess@example.org', false],
      ]);
      expect(JSON.stringify(list)).not.toMatch(/passwordHash|scrypt/);
    });

    it('gives election roles only to people of the organisation', async () => {
      const tess = await server.store.accounts.findAccountByEmail('tess@example.org');
      const roles = `/api/v1/elections/${election.id}/roles`;
      expect((await client.post(roles, { accountId: tess!.id, role: 'scrutineer' })).status).toBe(200);
      const stranger = await client.post(roles, { accountId: outsider.id, role: 'scrutineer' });
      expect(stranger.status).toBe(404);
      // A Single-key trustee is named here, then uploads their own key from the trustee page.
      expect((await client.post(roles, { accountId: tess!.id, role: 'trustee' })).status).toBe(200);
      expect((await client.post(roles, { accountId: tess!.id, role: 'org-admin' })).status).toBe(400);
      const granted = (await client.get(roles)).json.roles as { email: string; role: string }[];
      expect(granted).toContainEqual(
        expect.objectContaining({ email: 'tess@example.org', role: 'scrutineer' }),
      );
      expect(granted.some((r) => r.email === outsider.email)).toBe(false);
      const people = (await client.get(`/api/v1/organisations/${organisationId}/members`)).json.members;
      expect(people).toContainEqual(
        expect.objectContaining({
          email: 'tess@example.org',
          roles: expect.arrayContaining([
            { electionId: election.id, role: 'scrutineer' },
            { electionId: election.id, role: 'trustee' },
          ]),
        }),
      );
    });

    it('counts turnout per voter, hour by hour: a revote adds a ballot, not a voter', async () => {
      const turnout = `/api/v1/elections/${election.id}/turnout`;
      expect((await client.get(turnout)).json).toEqual({
        state: 'draft',
        voters: 3,
        voted: 0,
        ballots: 0,
        series: [],
      });
      await advance(server, election, admin, 'open', [
        [
          [1, 0, 0],
          [0, 1, 0, 0],
        ],
        [
          [0, 1, 0],
          [1, 0, 0, 0],
        ],
      ]);
      const before = (await client.get(turnout)).json;
      expect(before).toMatchObject({ state: 'open', voters: 3, voted: 2 });
      expect(before.series.at(-1).cumulative).toBe(2);
      expect(
        before.series.every((s: { hour: string }) => /^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/.test(s.hour)),
      ).toBe(true);
      const voter = election.voters[0]!;
      await server.elections.castBallot(
        election.id,
        voter.id,
        await ballotOf(server, election.id, voter, [
          [0, 0, 1],
          [1, 0, 0, 0],
        ]),
      );
      const after = (await client.get(turnout)).json;
      expect(after).toMatchObject({ voted: 2, ballots: before.ballots + 1 });
      // An outsider learns nothing, not even that the election exists.
      const other = await signedIn(server.app, outsider);
      expect((await other.get(turnout)).status).toBe(404);
    });
  });
}
