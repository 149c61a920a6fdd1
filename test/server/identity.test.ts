/**
 * Issue 15, parts 4, 7 and 10 through the HTTP API: one person is one identity whatever the case or
 * Unicode form of their email or login (accounts across tenants, roll lines, sign-in, recovery
 * self-service); the credential authority is never an admin of its election (refused at grant time
 * both ways, and only the authority uploads public credentials); control characters and files that
 * are not UTF-8 are refused by name; every answer carries `X-Content-Type-Options: nosniff`. Each
 * refusal is a coded error in French and English and leaves the store as it was.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { requireGroup } from '../../src/core/group.js';
import type { OrganisationId } from '../../src/core/ids.js';
import { ERROR_MESSAGES } from '../../src/errors/catalogue.js';
import { generateCredentials } from '../../src/protocol/setup.js';
import { openSession } from '../../src/server/auth/sessions.js';
import { tokenIn } from '../support/account-links.js';
import { Client } from '../world/client.js';
import {
  addAccount,
  advance,
  draftElection,
  grant,
  organisationWithAdmin,
  QUESTIONS,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('identities, role separation and input hygiene (issue 15)', () => {
  let server: TestServer;
  let operator: TestAccount;
  let adminA: TestAccount;
  let adminB: TestAccount;
  let organisationA: OrganisationId;
  let election: TestElection;

  const signIn = async (account: TestAccount, email = account.email) => {
    const client = new Client(server.app);
    const answer = await client.post('/api/v1/auth/login', { email, password: account.password });
    expect(answer.status).toBe(200);
    return client;
  };
  /** A session opened directly (sign-in budgets are per login name; these tests sign in a lot). */
  const sessionOf = async (account: TestAccount) => {
    const { token, row } = await openSession(server.store, systemClock, {
      kind: 'account',
      accountId: account.id,
    });
    return { cookie: `scrutin_session=${token.reveal()}`, 'x-csrf-token': row.csrfToken };
  };
  /** A snapshot of what a refusal must not change. */
  const snapshot = async () => ({
    organisations: await server.store.accounts.listOrganisations(),
    members: await server.store.accounts.listOrganisationMembers(organisationA),
    roles: await server.store.elections.listRoles(election.id),
    voters: await server.store.voters.list(election.id),
    audit: (await server.store.audit.list({ organisationId: organisationA })).length,
  });

  beforeAll(async () => {
    server = await startTestServer();
    operator = await addAccount(server, 'operator', { isOperator: true });
    ({ organisationId: organisationA, admin: adminA } = await organisationWithAdmin(
      server,
      'Organisation A',
      'admin-a',
    ));
    election = await draftElection(server, organisationA, adminA, { voters: 2 });
    // Organisation B's admin, with a mixed-case address, created by the operator.
    const asOperator = await signIn(operator);
    const created = await asOperator.post('/api/v1/organisations', {
      name: 'Organisation B',
      admin: { email: 'adminB@example.org', displayName: 'Admin B' },
    });
    expect(created.status).toBe(201);
    // Admin B chooses their password on the invitation mailed to them (issue 15).
    const token = tokenIn(server.mails!.accepted.at(-1)!.text)!;
    expect(
      (
        await new Client(server.app).post('/api/v1/auth/password-link', {
          token,
          password: 'a long password for B',
        })
      ).status,
    ).toBe(200);
    adminB = {
      id: created.json.admin.id,
      email: 'adminB@example.org',
      displayName: 'Admin B',
      password: 'a long password for B',
    };
  });
  afterAll(async () => server?.close());

  describe('identities compare trimmed, NFC, case-folded', () => {
    it('refuses an organisation whose admin differs from an existing account only by case, in another tenant', async () => {
      const asOperator = await signIn(operator);
      const before = await snapshot();
      for (const email of ['ADMINB@EXAMPLE.ORG', ' adminb@example.org ']) {
        const refused = await asOperator.post('/api/v1/organisations', {
          name: 'Organisation C',
          admin: { email, displayName: 'Admin C' },
        });
        expect(refused.status).toBe(409);
        expect(refused.json.error.code).toBe('SCR_PERSON_EXISTS');
      }
      expect(await snapshot()).toEqual(before);
    });

    it("refuses to add a person whose email is another's in another case", async () => {
      const asAdmin = await signIn(adminA);
      const before = await snapshot();
      const refused = await asAdmin.post(`/api/v1/organisations/${organisationA}/members`, {
        email: 'AdminB@Example.Org',
        displayName: 'Not admin B',
        orgAdmin: false,
      });
      expect(refused.status).toBe(409);
      expect(await snapshot()).toEqual(before);
      expect((await server.store.accounts.findAccountByEmail('adminb@example.org'))?.displayName).toBe(
        'Admin B',
      );
    });

    it('signs the same person in whatever the case of their email or login', async () => {
      const staff = new Client(server.app);
      const signedIn = await staff.post('/api/v1/auth/login', {
        email: 'ADMINB@example.ORG',
        password: adminB.password,
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.json.account.id).toBe(adminB.id);
      // The display form is kept as given.
      expect(signedIn.json.account.email).toBe('adminB@example.org');

      const voter = election.voters[0]!;
      const booth = new Client(server.app);
      const voterIn = await booth.post(`/api/v1/elections/${election.id}/voter/login`, {
        login: voter.login.toUpperCase(),
        password: voter.password,
      });
      expect(voterIn.status).toBe(200);
      expect(voterIn.json.voter.login).toBe(voter.login);
    });

    it('refuses a roll with alice and ALICE, naming both lines, and keeps the roll', async () => {
      const asAdmin = await signIn(adminA);
      const before = await snapshot();
      const refused = await asAdmin.put(
        `/api/v1/elections/${election.id}/voters`,
        'alice@example.org,alice,1,Alice\nbob@example.org,bob,1,Bob\nalice2@example.org,ALICE,1,Other Alice',
      );
      expect(refused.status).toBe(422);
      expect(refused.json.error.code).toBe('SCR_INVALID_VOTERS');
      expect(refused.json.error.detail.problems).toEqual([
        {
          line: 3,
          problem:
            'duplicate login "ALICE": the same as "alice" on line 1 (logins are compared without regard to case)',
        },
      ]);
      // A login defaulting to the email folds too.
      const byEmail = await asAdmin.put(
        `/api/v1/elections/${election.id}/voters`,
        'Carol@Example.org\ncarol@example.org',
      );
      expect(byEmail.json.error.detail.problems[0].line).toBe(2);
      expect(await snapshot()).toEqual(before);
    });

    it('matches a self-service recovery request whatever the case of login and address', async () => {
      const voter = election.voters[1]!;
      const before = (await server.store.recovery.listRequests(election.id)).length;
      const answer = await new Client(server.app).post(`/api/v1/elections/${election.id}/recovery/requests`, {
        login: ` ${voter.login.toUpperCase()} `,
        email: voter.email.toUpperCase(),
      });
      expect(answer.status).toBe(202);
      const requests = await server.store.recovery.listRequests(election.id);
      expect(requests).toHaveLength(before + 1);
      expect(requests.at(-1)?.voterId).toBe(voter.id);
    });
  });

  describe('the credential authority is never an admin of its election', () => {
    it('refuses the credential-authority role to an admin and the admin role to the authority, in French and English', async () => {
      const electionAdmin = await addAccount(server, 'election-admin');
      const authority = await addAccount(server, 'authority');
      await server.store.accounts.addMembership({
        organisationId: organisationA,
        accountId: electionAdmin.id,
        role: 'member',
      });
      await server.store.accounts.addMembership({
        organisationId: organisationA,
        accountId: authority.id,
        role: 'member',
      });
      const asAdmin = await signIn(adminA);
      const roles = `/api/v1/elections/${election.id}/roles`;
      expect(
        (await asAdmin.post(roles, { accountId: electionAdmin.id, role: 'election-admin' })).status,
      ).toBe(200);
      expect(
        (await asAdmin.post(roles, { accountId: authority.id, role: 'credential-authority' })).status,
      ).toBe(200);

      const before = await snapshot();
      for (const [accountId, role] of [
        [adminA.id, 'credential-authority'], // an organisation admin
        [electionAdmin.id, 'credential-authority'], // an election admin
        [authority.id, 'election-admin'], // the authority made admin
      ] as const) {
        const refused = await asAdmin.request(
          'POST',
          roles,
          { accountId, role },
          { 'accept-language': 'fr' },
        );
        expect(refused.status).toBe(409);
        expect(refused.json.error.code).toBe('SCR_CREDENTIAL_AUTHORITY_SEPARATION');
        expect(refused.json.error.message).toBe(ERROR_MESSAGES.SCR_CREDENTIAL_AUTHORITY_SEPARATION.fr);
      }
      const english = await asAdmin.post(roles, { accountId: authority.id, role: 'election-admin' });
      expect(english.json.error.message).toBe(ERROR_MESSAGES.SCR_CREDENTIAL_AUTHORITY_SEPARATION.en);
      expect(await snapshot()).toEqual(before);
    });

    it('lets only the credential authority upload public credentials, never an admin', async () => {
      // An election with a roll and no credentials yet, as an external authority finds it.
      const row = await server.elections.create(organisationA, adminA, {
        name: 'External',
        description: '',
        timeZone: 'UTC',
      });
      await server.elections.setQuestions(row.id, adminA, QUESTIONS);
      await server.elections.importVoters(row.id, adminA, 'a@example.org,a,1,A\nb@example.org,b,1,B', 'en');
      const voters = await server.store.voters.list(row.id);
      const made = generateCredentials(
        row.id,
        requireGroup(row.groupName),
        voters.map((v) => ({ id: v.id, login: v.login, weight: 1n })),
      );
      const upload = (client: Client) =>
        client.post(`/api/v1/elections/${row.id}/credentials/public`, {
          publicCredentials: made.publicWithLogins,
        });
      const electionAdmin = await addAccount(server, 'external-admin');
      await grant(server, row.id, electionAdmin, 'election-admin');
      const unchanged = async () =>
        (await server.store.voters.list(row.id)).every((v) => v.publicCredential === null);

      expect((await upload(await signIn(adminA))).status).toBe(403);
      expect((await upload(await signIn(electionAdmin))).status).toBe(403);
      expect(await unchanged()).toBe(true);
      // A grant made before this rule (both roles on one account) is refused at upload too.
      const both = await addAccount(server, 'both');
      await grant(server, row.id, both, 'election-admin');
      await grant(server, row.id, both, 'credential-authority');
      const refused = await upload(await signIn(both));
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('SCR_CREDENTIAL_AUTHORITY_SEPARATION');
      expect(await unchanged()).toBe(true);

      const authority = await addAccount(server, 'external-authority');
      await grant(server, row.id, authority, 'credential-authority');
      const accepted = await upload(await signIn(authority));
      expect(accepted.status).toBe(200);
      expect(await unchanged()).toBe(false);
    });
  });

  describe('input hygiene', () => {
    const rollPut = async (payload: Buffer | string, contentType = 'text/csv', language = 'en') =>
      server.app.inject({
        method: 'PUT',
        url: `/api/v1/elections/${election.id}/voters`,
        payload,
        headers: { ...(await sessionOf(adminA)), 'content-type': contentType, 'accept-language': language },
      });
    const roll = 'email,login,weight,name\nzoé@example.org,zoe,1,Zoé Ârnaud\n';

    it('refuses a roll in UTF-16 or Latin-1, by name, in French and English, whether sent as bytes or as text', async () => {
      const before = await snapshot();
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(roll, 'utf16le')]);
      const utf16be = Buffer.from(utf16le);
      utf16be.swap16();
      const cases: [string, Buffer | string, string, string][] = [
        ['UTF-16 LE with BOM', utf16le, 'text/csv', 'SCR_CSV_UTF16'],
        ['UTF-16 BE with BOM', utf16be, 'text/csv', 'SCR_CSV_UTF16'],
        ['UTF-16 LE without BOM', Buffer.from(roll, 'utf16le'), 'text/csv', 'SCR_CSV_UTF16'],
        ['Latin-1', Buffer.from(roll, 'latin1'), 'text/csv', 'SCR_CSV_LATIN1'],
        ['Latin-1 as text/plain', Buffer.from(roll, 'latin1'), 'text/plain', 'SCR_CSV_LATIN1'],
        // What a browser's File.text() makes of those files, sent as JSON.
        [
          'UTF-16 read as UTF-8',
          JSON.stringify({ csv: utf16le.toString('utf8') }),
          'application/json',
          'SCR_CSV_UTF16',
        ],
        [
          'Latin-1 read as UTF-8',
          JSON.stringify({ csv: Buffer.from(roll, 'latin1').toString('utf8') }),
          'application/json',
          'SCR_CSV_LATIN1',
        ],
      ];
      for (const [name, payload, type, code] of cases) {
        for (const language of ['en', 'fr'] as const) {
          const answer = await rollPut(payload, type, language);
          expect({ name, status: answer.statusCode, code: answer.json().error.code }).toEqual({
            name,
            status: 422,
            code,
          });
          expect(answer.json().error.message).toBe(ERROR_MESSAGES[code as 'SCR_CSV_UTF16'][language]);
        }
      }
      expect(ERROR_MESSAGES.SCR_CSV_UTF16.en).toContain('The file must be UTF-8 (it looks like UTF-16)');
      expect(ERROR_MESSAGES.SCR_CSV_LATIN1.fr).toContain(
        'Le fichier doit être en UTF-8 (il semble être en Latin-1',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('accepts UTF-8 with or without a byte-order mark', async () => {
      const fresh = await server.elections.create(organisationA, adminA, {
        name: 'BOM',
        description: '',
        timeZone: 'UTC',
      });
      for (const payload of [
        Buffer.from(roll),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(roll)]),
      ]) {
        const answer = await server.app.inject({
          method: 'PUT',
          url: `/api/v1/elections/${fresh.id}/voters`,
          payload,
          headers: { ...(await sessionOf(adminA)), 'content-type': 'text/csv' },
        });
        expect(answer.statusCode).toBe(200);
        expect((await server.store.voters.list(fresh.id)).map((v) => [v.email, v.displayName])).toEqual([
          ['zoé@example.org', 'Zoé Ârnaud'],
        ]);
      }
    });

    it('refuses control characters in roll addresses, logins and names, naming the line and the field', async () => {
      const before = await snapshot();
      const answer = await rollPut(
        [
          'ok@example.org,ok,1,Fine',
          'nul@example.org,ali\u0000ce,1,Alice',
          'del@example.org,del,1,Bad\u007fname',
          'c1@exa\u0085mple.org,c1,1,C1',
          'tab@example.org,tab,1,Tab\tName',
        ].join('\n'),
      );
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error.detail.problems).toEqual([
        { line: 2, problem: 'the login contains a control character (NUL, tab, DEL…)' },
        { line: 3, problem: 'the name contains a control character (NUL, tab, DEL…)' },
        { line: 4, problem: 'the email address contains a control character (NUL, tab, DEL…)' },
        { line: 5, problem: 'the name contains a control character (NUL, tab, DEL…)' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses control characters in account addresses and names, and in organisation names', async () => {
      const asAdmin = await signIn(adminA);
      const asOperator = await signIn(operator);
      const before = await snapshot();
      const person = (over: Record<string, string>) => ({
        email: 'new.person@example.org',
        displayName: 'New Person',
        orgAdmin: false,
        ...over,
      });
      for (const [body, field] of [
        [person({ email: 'new\u0000person@example.org' }), 'email'],
        [person({ displayName: 'New\u0000Person' }), 'displayName'],
        [person({ displayName: 'New\u009bPerson' }), 'displayName'],
      ] as const) {
        const refused = await asAdmin.post(`/api/v1/organisations/${organisationA}/members`, body);
        expect(refused.status).toBe(422);
        expect(refused.json.error).toMatchObject({ code: 'SCR_CONTROL_CHARACTER', detail: { field } });
      }
      for (const [body, field] of [
        [
          {
            name: 'Org\u0000C',
            admin: { email: 'c@example.org', displayName: 'C' },
          },
          'name',
        ],
        [
          {
            name: 'Org C',
            admin: { email: 'c@example.org', displayName: 'C\u0007' },
          },
          'displayName',
        ],
      ] as const) {
        const refused = await asOperator.post('/api/v1/organisations', body);
        expect(refused.status).toBe(422);
        expect(refused.json.error).toMatchObject({ code: 'SCR_CONTROL_CHARACTER', detail: { field } });
      }
      expect(await snapshot()).toEqual(before);
      expect(await server.store.accounts.findAccountByEmail('c@example.org')).toBeUndefined();
      expect(await server.store.accounts.findAccountByEmail('new.person@example.org')).toBeUndefined();
    });

    it('says nosniff on pages, JSON, assets, exports, errors and 404s', async () => {
      const published = await draftElection(server, organisationA, adminA, { voters: 1 });
      await advance(server, published, adminA, 'published', [
        [
          [1, 0, 0],
          [0, 1, 0, 0],
        ],
      ]);
      const session = await sessionOf(adminA);
      const page = await server.app.inject({ url: '/' });
      const assetPath = /(?:src|href)="(\/assets\/[^"]+)"/.exec(page.body)?.[1];
      // With the web build present (npm test builds first), a hashed asset is checked too.
      if (page.statusCode === 200) expect(assetPath).toBeDefined();
      const urls: [string, Record<string, string>][] = [
        ['/', {}],
        [`/elections/${published.id}`, {}],
        [`/vote/${published.id}`, {}],
        ['/admin', {}],
        [`/api/v1/elections/${published.id}`, {}],
        [`/api/v1/elections/${published.id}/archive.bel`, {}],
        [`/api/v1/elections/${published.id}/exports/result.csv`, {}],
        [`/api/v1/elections/${published.id}/exports/result.json`, {}],
        [`/api/v1/elections/${published.id}/exports/voters.csv`, session],
        [`/api/v1/elections/${published.id}/exports/audit.json`, session],
        ['/api/openapi.json', {}],
        ['/api/v1/auth/me', {}],
        ['/healthz', {}],
        ['/no/such/page', {}],
        ['/api/v1/elections/11111111111111', {}],
        [`/api/v1/elections/${published.id}/admin`, {}],
        ...(assetPath ? ([[assetPath, {}]] as [string, Record<string, string>][]) : []),
      ];
      for (const [url, headers] of urls) {
        const answer = await server.app.inject({ url, headers });
        expect({ url, nosniff: answer.headers['x-content-type-options'] }).toEqual({
          url,
          nosniff: 'nosniff',
        });
      }
      const error = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: 'not json',
        headers: { 'content-type': 'application/json' },
      });
      expect(error.statusCode).toBe(400);
      expect(error.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
