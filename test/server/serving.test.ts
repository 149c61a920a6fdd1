/**
 * Serving for real (issue 10): the liveness and readiness probes, HSTS and `Secure` cookies when the
 * public address is https (and neither over http), the client address behind a reverse proxy
 * (TRUST_PROXY) as the rate limits see it, and a server without mail refusing to queue messages to
 * voters, with a coded FR/EN error and nothing changed; and every page of the one page list at the
 * paths it declares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { baseUrlFromEnvironment, parseBaseUrl, parseTrustProxy } from '../../src/cli/scrutin/serve.js';
import type { ServerConfig } from '../../src/server/context.js';
import { webRoot } from '../../src/server/routes/static.js';
import { buildWeb } from '../../src/web/build.js';
import { PAGES } from '../../src/web/pages.js';
import { freshSchema, pgProblem, pgQuery } from '../support/postgres.js';
import { tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import { addAccount, draftElection, organisationWithAdmin, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const open: TestServer[] = [];
/** Failed sign-ins one address may make per minute in these tests (the server default is 60). */
const PER_ADDRESS = 8;

/** The test server, with the configuration under test (at `databasePath`, a file or a PostgreSQL URL). */
async function serverWith(config: Partial<ServerConfig> = {}, databasePath?: string): Promise<TestServer> {
  const server = await startTestServer({
    label: 'serving',
    ...(databasePath === undefined
      ? {}
      : { databaseUrl: /^postgres/.test(databasePath) ? databasePath : `sqlite:${databasePath}` }),
    // A lowered per-address budget of failures: the proxy tests spend it a few times over.
    config: { signIn: { failuresPerAddress: PER_ADDRESS }, ...config },
  });
  open.push(server);
  return server;
}

afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

describe('the pages of the one page list (src/web/pages.ts)', () => {
  it('serves each page at every path it declares: its built file, under the strict CSP', async () => {
    const root = webRoot();
    if (!PAGES.every((page) => existsSync(join(root, `${page.name}.html`)))) await buildWeb(root);
    const server = await serverWith();
    const served: string[] = [];
    for (const page of PAGES) {
      const html = readFileSync(join(root, `${page.name}.html`), 'utf8');
      for (const { path, access } of page.routes) {
        // A well-formed id no election has: an election's public pages then answer 404, with the page.
        const answer = await server.app.inject({ method: 'GET', url: path.replace(/:\w+/g, 'A'.repeat(14)) });
        expect(answer.statusCode, path).toBe(access === 'election' ? 404 : 200);
        expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
        expect(answer.headers['content-security-policy'], path).toMatch(/script-src 'self';/);
        expect(answer.body, path).toBe(html);
        served.push(page.name);
      }
    }
    // Every page of the list is reachable at some path.
    expect(new Set(served)).toEqual(new Set(PAGES.map((page) => page.name)));
  });
});

describe('/healthz and /readyz', () => {
  it('answers liveness without the store, and readiness only while the store answers', async () => {
    const server = await serverWith();
    const live = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([
      200,
      { status: 'ready', checks: { store: 'ok', migrations: 'current' }, pendingMigrations: [] },
    ]);
    expect(ready.headers['cache-control']).toBe('no-store');

    await server.store.close();
    // Even with a session cookie of the right shape, liveness looks nothing up.
    const stillLive = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { cookie: `scrutin_session=${'A'.repeat(43)}` },
    });
    expect([stillLive.statusCode, stillLive.json()]).toEqual([200, { status: 'ok' }]);
    const notReady = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect([notReady.statusCode, notReady.json()]).toEqual([
      503,
      { status: 'not-ready', checks: { store: 'unreachable', migrations: 'unknown' }, pendingMigrations: [] },
    ]);
  });

  it('names the migrations a store lacks, and nothing else', async () => {
    const path = join(tempDir('serving-migrations'), 'scrutin.db');
    const server = await serverWith({}, path);
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    // As if this code were newer than the store: its last migration is not recorded there.
    const raw = new Database(path);
    const names = raw.prepare('select name from kysely_migration order by name').all() as { name: string }[];
    const last = names.at(-1)!.name;
    raw.prepare('delete from kysely_migration where name = ?').run(last);
    raw.close();
    const answer = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect([answer.statusCode, answer.json()]).toEqual([
      503,
      { status: 'not-ready', checks: { store: 'ok', migrations: 'pending' }, pendingMigrations: [last] },
    ]);
  });
});

describe('https base URL', () => {
  const HSTS = 'max-age=31536000; includeSubDomains';

  async function signInAnswer(server: TestServer) {
    const admin = await addAccount(server, 'admin');
    return server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: admin.email, password: admin.password },
    });
  }

  it('sends Strict-Transport-Security on every answer and marks cookies Secure', async () => {
    const server = await serverWith({ baseUrl: 'https://vote.example.org', secureCookies: true });
    const answers = [
      await server.app.inject({ method: 'GET', url: '/healthz' }),
      await server.app.inject({ method: 'GET', url: '/no/such/page' }),
      await server.app.inject({ method: 'GET', url: '/api/v1/organisations' }),
      await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 1 } }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 401, 400]);
    for (const answer of answers) expect(answer.headers['strict-transport-security']).toBe(HSTS);
    const login = await signInAnswer(server);
    expect(login.statusCode).toBe(200);
    expect(login.headers['strict-transport-security']).toBe(HSTS);
    expect(String(login.headers['set-cookie'])).toMatch(/^scrutin_session=[^;]+;.*\bSecure\b/);
    // The cookie that clears the session on sign-out carries the same attributes.
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const logout = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    expect(logout.headers['strict-transport-security']).toBe(HSTS);
    expect(String(logout.headers['set-cookie'])).toMatch(/^scrutin_session=;.*\bSecure\b/);
  });

  it('makes the session cookie Secure even if secureCookies was left false', async () => {
    const server = await serverWith({ baseUrl: 'https://vote.example.org', secureCookies: false });
    expect(String((await signInAnswer(server)).headers['set-cookie'])).toMatch(/\bSecure\b/);
  });

  it('sends neither over http', async () => {
    const server = await serverWith({ baseUrl: 'http://127.0.0.1:8080' });
    const login = await signInAnswer(server);
    expect(login.statusCode).toBe(200);
    expect(login.headers['strict-transport-security']).toBeUndefined();
    expect(String(login.headers['set-cookie'])).not.toMatch(/\bSecure\b/);
    expect(
      (await server.app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security'],
    ).toBeUndefined();
  });
});

describe('client address behind a proxy (TRUST_PROXY)', () => {
  /** One failed sign-in over the per-address budget of failures, each with another login name. */
  const STORM = PER_ADDRESS + 1;
  async function storm(server: TestServer, peer: string, forwarded: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < STORM; i++) {
      const answer = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: peer,
        headers: { 'x-forwarded-for': forwarded(i) },
        payload: { email: `nobody-${i}@example.org`, password: 'not the password' },
      });
      statuses.push(answer.statusCode);
    }
    return statuses;
  }
  const failuresThenLimited = [...Array(PER_ADDRESS).fill(401), 429];

  it('ignores X-Forwarded-For from the peer when unset: the peer’s budget is spent', async () => {
    const server = await serverWith();
    expect(await storm(server, '203.0.113.7', (i) => `198.51.100.${i + 1}`)).toEqual(failuresThenLimited);
  });

  it('ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    const server = await serverWith({ trustProxy: ['10.0.0.2'] });
    expect(await storm(server, '203.0.113.7', (i) => `198.51.100.${i + 1}`)).toEqual(failuresThenLimited);
  });

  it('counts each forwarded client apart when the peer is the trusted proxy', async () => {
    const server = await serverWith({ trustProxy: parseTrustProxy('10.0.0.2') });
    expect(await storm(server, '10.0.0.2', (i) => `198.51.100.${i + 1}`)).toEqual(Array(STORM).fill(401));
    // …and one client behind the proxy still has only its own budget.
    expect(await storm(server, '10.0.0.2', () => '198.51.100.200')).toEqual(failuresThenLimited);
  });

  it('trusts a CIDR range and a hop count as Fastify does', async () => {
    const ranged = await serverWith({ trustProxy: parseTrustProxy('127.0.0.1, 10.0.0.0/8') });
    expect(await storm(ranged, '10.1.2.3', (i) => `198.51.100.${i + 1}`)).toEqual(Array(STORM).fill(401));
    const hops = await serverWith({ trustProxy: parseTrustProxy('1') });
    // One hop trusted: the address the proxy saw (the last one it appended) is the client.
    expect(await storm(hops, '10.1.2.3', (i) => `192.0.2.9, 198.51.100.${i + 1}`)).toEqual(
      Array(STORM).fill(401),
    );
  });

  it('reads BASE_URL strictly: an https address decides HSTS and Secure cookies', () => {
    expect(parseBaseUrl(undefined)).toBeUndefined();
    expect(parseBaseUrl('https://vote.example.org/')).toBe('https://vote.example.org');
    expect(parseBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    for (const bad of ['vote.example.org', 'localhost:8080', 'ftp://vote.example.org', '/'])
      expect(() => parseBaseUrl(bad), bad).toThrow(/must be an absolute http:\/\/ or https:\/\/ address/);
    // What Vite and Vitest put in the environment of every process they start means "unset".
    expect(baseUrlFromEnvironment('/')).toBeUndefined();
    expect(baseUrlFromEnvironment('https://vote.example.org')).toBe('https://vote.example.org');
  });

  it('reads TRUST_PROXY strictly', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('caddy')).toThrow(/TRUST_PROXY: "caddy" is not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
  });
});

describe('a server without mail (SMTP_URL unset)', () => {
  it('refuses to issue credentials, send passwords or one-time codes, in FR and EN, and changes nothing', async () => {
    const server = await serverWith({ mail: 'none' });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédération');
    const client = await signedIn(server.app, admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Bureau',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const electionId = created.json.id as string;
    await client.put(
      `/api/v1/elections/${electionId}/voters`,
      'ann@example.org,ann,1,Ann\nbob@example.org,bob,1,Bob',
    );
    const settings = await client.get(`/api/v1/elections/${electionId}/delivery/settings`);
    expect(settings.json.mail).toBe('none');
    const before = {
      voters: await server.store.voters.list(electionId),
      election: await server.store.elections.get(electionId),
      outbox: await server.store.delivery.listMessages(
        electionId,
        (await server.store.voters.list(electionId))[0]!.id,
      ),
    };

    const issued = await client.post(`/api/v1/elections/${electionId}/delivery/credentials`);
    expect([issued.status, issued.json.error.code, issued.json.error.message]).toEqual([
      503,
      'SCR_MAIL_NOT_CONFIGURED',
      'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
    ]);
    const inFrench = await client.request(
      'POST',
      `/api/v1/elections/${electionId}/delivery/credentials`,
      {},
      {
        'accept-language': 'fr',
      },
    );
    expect(inFrench.json.error.message).toBe(
      "Le courrier n'est pas configuré sur ce serveur : définissez SMTP_URL (voir docs/deploy.md). Rien n'a été mis en file d'attente.",
    );
    const passwords = await client.post(`/api/v1/elections/${electionId}/delivery/passwords`, {
      immediately: true,
    });
    expect([passwords.status, passwords.json.error.code]).toEqual([503, 'SCR_MAIL_NOT_CONFIGURED']);
    const code = await new Client(server.app).post(`/api/v1/elections/${electionId}/voter/code`, {
      login: 'ann',
    });
    expect([code.status, code.json.error.code]).toEqual([503, 'SCR_MAIL_NOT_CONFIGURED']);

    const after = {
      voters: await server.store.voters.list(electionId),
      election: await server.store.elections.get(electionId),
      outbox: await server.store.delivery.listMessages(electionId, before.voters[0]!.id),
    };
    expect(after).toEqual(before);
    expect(after.voters.every((v) => v.publicCredential === null)).toBe(true);
  });

  it('refuses to replace a voter’s credential, which would leave the voter with none', async () => {
    const server = await serverWith({ mail: 'none' });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédération');
    const election = await draftElection(server, organisationId, admin, { voters: 2 });
    await server.store.elections.addRole({
      electionId: election.id,
      accountId: admin.id,
      role: 'election-admin',
    });
    const client = await signedIn(server.app, admin);
    const voterId = election.voters[0]!.id;
    const before = (await server.store.voters.get(voterId))!.publicCredential;
    const replaced = await client.post(`/api/v1/elections/${election.id}/recovery/replacements`, { voterId });
    expect([replaced.status, replaced.json.error.code]).toEqual([503, 'SCR_MAIL_NOT_CONFIGURED']);
    expect((await server.store.voters.get(voterId))!.publicCredential).toBe(before);
  });

  it('lets the same action through when mail is configured (the refusal is the mail mode, not the action)', async () => {
    const server = await serverWith({ mail: 'smtp' });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédération');
    const row = await server.elections.create(organisationId, admin, {
      name: 'Bureau',
      description: '',
      timeZone: 'Europe/Paris',
    });
    await server.elections.setQuestions(row.id, admin, QUESTIONS);
    await server.elections.importVoters(
      row.id,
      admin,
      'ann@example.org,ann,1,Ann\nbob@example.org,bob,1,Bob',
      'en',
    );
    await server.elections.useServerTrustee(row.id, admin);
    const client = await signedIn(server.app, admin);
    expect((await client.get(`/api/v1/elections/${row.id}/delivery/settings`)).json.mail).toBe('smtp');
    const issued = await client.post(`/api/v1/elections/${row.id}/delivery/credentials`);
    expect([issued.status, issued.json.count, issued.json.credentialMessages]).toEqual([200, 2, 2]);
  });
});

describe('the operator’s list of organisations', () => {
  it('gives names, dates and sizes only: no election, no member, no hash', async () => {
    const server = await serverWith();
    const operator = await addAccount(server, 'operator', { isOperator: true });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédération');
    const election = await server.elections.create(organisationId, admin, {
      name: 'Élection 9XK2 du bureau',
      description: 'Secret agenda 9XK2',
      timeZone: 'Europe/Paris',
    });
    const client = await signedIn(server.app, operator);
    const listed = await client.get('/api/v1/organisations');
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({
      organisations: [
        { id: organisationId, name: 'Fédération', createdAt: expect.any(String), admins: 1, elections: 1 },
      ],
    });
    const body = listed.body.toString();
    for (const absent of ['9XK2', election.id, admin.email, 'passwordHash', 'scrypt'])
      expect(body).not.toContain(absent);
    // Everyone else is refused, as the role matrix says.
    const other = await signedIn(server.app, admin);
    expect((await other.get('/api/v1/organisations')).status).toBe(403);
  });
});

const pg = await pgProblem();

describe.skipIf(pg !== undefined)('/readyz on PostgreSQL (own schema)', () => {
  it('reads the bookkeeping of the connection’s schema, and names what is missing', async () => {
    const schema = await freshSchema('readyz');
    try {
      const server = await serverWith({}, schema.url);
      expect((await server.app.inject({ method: 'GET', url: '/readyz' })).json().status).toBe('ready');
      const [last] = await pgQuery(
        `select name from ${schema.schema}.kysely_migration order by name desc limit 1`,
      );
      await pgQuery(`delete from ${schema.schema}.kysely_migration where name = '${String(last!.name)}'`);
      const answer = await server.app.inject({ method: 'GET', url: '/readyz' });
      expect([answer.statusCode, answer.json().pendingMigrations]).toEqual([503, [last!.name]]);
      // Nothing of the connection string (user, password, host) in the answer.
      expect(answer.body).not.toMatch(/postgres|127\.0\.0\.1|password/i);
      await server.close();
    } finally {
      await schema.drop();
    }
  });
});
