/**
 * Issue 15, part 2: nobody chooses or sees another person's password. An admin adds a scrutineer
 * and a trustee: each is mailed an invitation and chooses their own password; the admin receives
 * nothing that opens their accounts. No route sets another account's password. Invitation and
 * reset links are single use and expire (the clock moves); a password change or reset ends the
 * person's other sessions; "forgotten password" answers the same for known and unknown addresses;
 * a suspended person cannot sign in and their sessions end; common passwords are refused in FR/EN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_HOURS, RESET_MINUTES } from '../../src/accounts/people.js';
import type { Clock } from '../../src/core/clock.js';
import { NO_PASSWORD } from '../../src/store/store.js';
import { tokenIn } from '../support/account-links.js';
import { Client, signedIn } from '../world/client.js';
import { addAccount, draftElection, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe('invitations, resets and one’s own password', () => {
  const clock = new MovableClock();
  let server: TestServer;
  let admin: TestAccount;
  let adminClient: Client;
  let organisationId: string;
  let electionId: string;

  const mailsTo = (email: string) => server.mails!.accepted.filter((m) => m.to === email);
  const lastToken = (email: string) => tokenIn(mailsTo(email).at(-1)?.text ?? '');
  const signIn = (email: string, password: string) =>
    new Client(server.app).post('/api/v1/auth/login', { email, password });

  beforeAll(async () => {
    server = await startTestServer({ clock });
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Fédération', 'federation-secretary'));
    electionId = (await draftElection(server, organisationId, admin, { voters: 2 })).id;
    await signInAdmin();
  });
  async function signInAdmin() {
    adminClient = await signedIn(server.app, admin);
  }
  afterAll(async () => server?.close());

  it('an admin adding a scrutineer and a trustee never learns a password they can use', async () => {
    const people = [
      {
        email: 'rival-scrutineer@example.org',
        displayName: 'Rival Scrutineer',
        role: 'scrutineer',
        password: 'my own scrutineer secret 1',
      },
      {
        email: 'trustee@example.org',
        displayName: 'Trustee',
        role: 'trustee',
        password: 'my own trustee secret 22',
      },
    ] as const;
    for (const person of people) {
      const added = await adminClient.post(`/api/v1/organisations/${organisationId}/members`, {
        email: person.email,
        displayName: person.displayName,
        orgAdmin: false,
      });
      expect(added.status).toBe(201);
      expect(added.json).toMatchObject({ status: 'invited', invitation: { mail: 'sent' } });
      const expiresAt = Date.parse(added.json.invitation.expiresAt);
      expect(expiresAt - clock.now().getTime()).toBeGreaterThan((INVITATION_HOURS - 1) * 3_600_000);
      const granted = await adminClient.post(`/api/v1/elections/${electionId}/roles`, {
        accountId: added.json.id,
        role: person.role,
      });
      expect(granted.status).toBe(200);
      // Before the person acts, the account has no password at all: nothing anyone types opens it.
      expect((await server.store.accounts.findAccountByEmail(person.email))?.passwordHash).toBe(NO_PASSWORD);
      expect((await signIn(person.email, 'anything at all 123')).status).toBe(401);
    }
    // What the admin could read about them: the people list, the roles, the audit log and its export.
    await adminClient.get(`/api/v1/organisations/${organisationId}/members`);
    await adminClient.get(`/api/v1/elections/${electionId}/roles`);
    await adminClient.get(`/api/v1/elections/${electionId}/audit`);
    await adminClient.get(`/api/v1/elections/${electionId}/exports/audit.json`);
    const tokens = people.map((p) => lastToken(p.email)!);
    expect(tokens.every((t) => t !== undefined && t.length >= 40)).toBe(true);
    // Each token is in exactly one mail, to its person.
    for (const [i, token] of tokens.entries()) {
      const carriers = server.mails!.accepted.filter(
        (m) => m.text.includes(token) || (m.html ?? '').includes(token),
      );
      expect(carriers.map((m) => m.to)).toEqual([people[i]!.email]);
    }
    // The persons choose their passwords on the links.
    for (const [i, person] of people.entries()) {
      const set = await new Client(server.app).post('/api/v1/auth/password-link', {
        token: tokens[i],
        password: person.password,
      });
      expect(set.status).toBe(200);
      expect(set.json).toEqual({ email: person.email });
      expect((await signIn(person.email, person.password)).status).toBe(200);
    }
    // Everything the admin received, and every log line: no token, no password of theirs.
    const received = adminClient.responses
      .map((r) => `${JSON.stringify(r.headers)}\n${r.payload}`)
      .join('\n');
    const logs = server.logs.join('\n');
    for (const value of [...tokens, ...people.map((p) => p.password)]) {
      expect(received).not.toContain(value);
      expect(logs).not.toContain(value);
    }
    // The store keeps only hashes of the links, and they are spent.
    const audit = JSON.stringify(await server.store.audit.list({ organisationId }));
    for (const token of tokens) expect(audit).not.toContain(token);
  });

  it('no route sets another account’s password: the add-person route refuses a password field', async () => {
    const refused = await adminClient.post(`/api/v1/organisations/${organisationId}/members`, {
      email: 'with-password@example.org',
      displayName: 'P',
      password: 'chosen by the admin 123',
      orgAdmin: false,
    });
    expect(refused.status).toBe(400);
    expect(await server.store.accounts.findAccountByEmail('with-password@example.org')).toBeUndefined();
    // Every route of the API whose body names a password: only one's own sign-in, one's own change,
    // and a link one received.
    const openapi = (await new Client(server.app).get('/api/openapi.json')).json as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const withPassword: string[] = [];
    for (const [path, methods] of Object.entries(openapi.paths))
      for (const [method, operation] of Object.entries(methods))
        if (/"(password|[A-Za-z]*Password)":/.test(JSON.stringify(operation.requestBody ?? {})))
          withPassword.push(`${method} ${path}`);
    expect(withPassword.sort()).toEqual(
      [
        'post /api/v1/account/password',
        'post /api/v1/auth/login',
        'post /api/v1/auth/password-link',
        'post /api/v1/elections/{electionId}/voter/login',
      ].sort(),
    );
  });

  it('an invitation is single use and expires after 72 hours', async () => {
    const invite = async (email: string) => {
      const added = await adminClient.post(`/api/v1/organisations/${organisationId}/members`, {
        email,
        displayName: email,
        orgAdmin: false,
      });
      expect(added.status).toBe(201);
      return lastToken(email)!;
    };
    const once = await invite('once@example.org');
    const use = (token: string, password: string) =>
      new Client(server.app).post('/api/v1/auth/password-link', { token, password });
    expect((await use(once, 'first chosen password')).status).toBe(200);
    const again = await use(once, 'second chosen password');
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('SCR_LINK_INVALID');
    expect((await signIn('once@example.org', 'first chosen password')).status).toBe(200);
    expect((await signIn('once@example.org', 'second chosen password')).status).toBe(401);

    const late = await invite('late@example.org');
    clock.offsetMs += INVITATION_HOURS * 3_600_000 + 1000;
    // The admin's own session has expired meanwhile (12 hours): they sign in again.
    await signInAdmin();
    {
      expect((await use(late, 'too late password 1')).status).toBe(410);
      expect((await server.store.accounts.findAccountByEmail('late@example.org'))?.status).toBe('invited');
      // The admin sends it again: a new link works, the old one still does not.
      const member = (await server.store.accounts.findAccountByEmail('late@example.org'))!;
      const resent = await adminClient.post(
        `/api/v1/organisations/${organisationId}/members/${member.id}/invitation`,
      );
      expect(resent.status).toBe(200);
      expect(JSON.stringify(resent.json)).not.toContain(lastToken('late@example.org')!);
      expect((await use(late, 'too late password 1')).status).toBe(410);
      expect((await use(lastToken('late@example.org')!, 'in time password 1')).status).toBe(200);
    }
  });

  it('a weak or common password is refused, in French and English, and leaves the link usable', async () => {
    await adminClient.post(`/api/v1/organisations/${organisationId}/members`, {
      email: 'common@example.org',
      displayName: 'C',
      orgAdmin: false,
    });
    const token = lastToken('common@example.org')!;
    for (const [language, text] of [
      ['en', /most common passwords/],
      ['fr', /plus courants/],
    ] as const) {
      const common = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-link',
        payload: { token, password: 'Password123' },
        headers: { 'accept-language': language },
      });
      expect(common.statusCode).toBe(422);
      expect(common.json().error.code).toBe('SCR_COMMON_PASSWORD');
      expect(common.json().error.message).toMatch(text);
    }
    const short = await new Client(server.app).post('/api/v1/auth/password-link', {
      token,
      password: 'short',
    });
    expect(short.json.error.code).toBe('SCR_WEAK_PASSWORD');
    expect(
      (
        await new Client(server.app).post('/api/v1/auth/password-link', {
          token,
          password: 'a less common one 9',
        })
      ).status,
    ).toBe(200);
  });

  it('forgotten password: the same answer for a known and an unknown address; the link is single use, lasts an hour, and ends other sessions', async () => {
    const person = await addAccount(server, 'forgetful');
    await server.store.accounts.addMembership({ organisationId, accountId: person.id, role: 'member' });
    const other = await signedIn(server.app, person);
    // The reset must end this session, not its expiry: it is still live an hour later.
    const ask = (email: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email },
        remoteAddress: '192.0.2.80',
      });
    const known = await ask(person.email);
    const unknown = await ask('nobody-here@example.org');
    expect(known.statusCode).toBe(202);
    const shape = (r: typeof known) => ({
      status: r.statusCode,
      body: r.payload,
      headers: Object.keys(r.headers)
        .filter((h) => !['date', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(h))
        .sort(),
    });
    expect(shape(unknown)).toEqual(shape(known));
    await expect.poll(() => mailsTo(person.email).length).toBe(1);
    expect(mailsTo('nobody-here@example.org')).toEqual([]);
    const token = lastToken(person.email)!;
    // Asking again within the minute mails nothing new (no mailbox flooding).
    await ask(person.email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsTo(person.email).length).toBe(1);

    clock.offsetMs += (RESET_MINUTES + 1) * 60_000;
    expect(
      (
        await new Client(server.app).post('/api/v1/auth/password-link', {
          token,
          password: 'expired link pass 1',
        })
      ).status,
    ).toBe(410);
    await ask(person.email);
    await expect.poll(() => mailsTo(person.email).length).toBe(2);
    const fresh = lastToken(person.email)!;
    expect(
      (
        await new Client(server.app).post('/api/v1/auth/password-link', {
          token: fresh,
          password: 'new after reset 11',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await new Client(server.app).post('/api/v1/auth/password-link', {
          token: fresh,
          password: 'new after reset 22',
        })
      ).status,
    ).toBe(410);
    // The session opened before the reset is over; the old password no longer opens.
    expect((await other.get('/api/v1/auth/me')).json).toEqual({ kind: 'anonymous' });
    expect((await signIn(person.email, person.password)).status).toBe(401);
    expect((await signIn(person.email, 'new after reset 11')).status).toBe(200);
  });

  it('changing one’s password needs the current one and ends one’s other sessions, not this one', async () => {
    const person = await addAccount(server, 'changer');
    await server.store.accounts.addMembership({ organisationId, accountId: person.id, role: 'member' });
    const laptop = new Client(server.app);
    const phone = new Client(server.app);
    for (const c of [laptop, phone])
      expect(
        (await c.post('/api/v1/auth/login', { email: person.email, password: person.password })).status,
      ).toBe(200);
    const wrong = await laptop.post('/api/v1/account/password', {
      currentPassword: 'not my password at all',
      newPassword: 'a brand new password 7',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('SCR_BAD_CURRENT_PASSWORD');
    expect((await phone.get('/api/v1/auth/me')).json.kind).toBe('account');
    const changed = await laptop.post('/api/v1/account/password', {
      currentPassword: person.password,
      newPassword: 'a brand new password 7',
    });
    expect(changed.status).toBe(204);
    expect((await laptop.get('/api/v1/auth/me')).json.kind).toBe('account');
    expect((await phone.get('/api/v1/auth/me')).json).toEqual({ kind: 'anonymous' });
    expect((await signIn(person.email, 'a brand new password 7')).status).toBe(200);
    expect(
      (
        await new Client(server.app).post('/api/v1/account/password', {
          currentPassword: 'a brand new password 7',
          newPassword: 'another one again 77',
        })
      ).status,
    ).toBe(401);
  });

  it('an admin suspends a person (who cannot sign in, and whose sessions end), reinstates and removes them; all audited', async () => {
    const person = await addAccount(server, 'suspended');
    await server.store.accounts.addMembership({ organisationId, accountId: person.id, role: 'member' });
    const theirs = await signedIn(server.app, person);
    const base = `/api/v1/organisations/${organisationId}/members/${person.id}`;
    expect((await adminClient.post(`${base}/suspend`)).json).toEqual({ status: 'suspended' });
    expect((await theirs.get('/api/v1/auth/me')).json).toEqual({ kind: 'anonymous' });
    const refused = await signIn(person.email, person.password);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('SCR_ACCOUNT_SUSPENDED');
    // A reset link cannot bring a suspended account back.
    expect((await server.store.accounts.findAccountByEmail(person.email))?.status).toBe('suspended');
    expect((await adminClient.post(`${base}/reinstate`)).json).toEqual({ status: 'active' });
    expect((await signIn(person.email, person.password)).status).toBe(200);
    // One cannot suspend oneself (an organisation would lose its last admin that way).
    const self = await adminClient.post(
      `/api/v1/organisations/${organisationId}/members/${admin.id}/suspend`,
    );
    expect(self.json.error.code).toBe('SCR_PERSON_SELF');
    expect((await adminClient.request('DELETE', base)).status).toBe(204);
    expect((await signIn(person.email, person.password)).status).toBe(401);
    const actions = (await server.store.audit.list({ organisationId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.suspend', 'member.reinstate', 'member.remove']));
    // Another organisation's admin sees nobody here.
    const { organisationId: otherOrganisation, admin: outsider } = await organisationWithAdmin(
      server,
      'Autre',
      'outsider',
    );
    const stranger = await signedIn(server.app, outsider);
    const probe = await stranger.post(
      `/api/v1/organisations/${otherOrganisation}/members/${admin.id}/suspend`,
    );
    expect(probe.status).toBe(404);
  });
});
