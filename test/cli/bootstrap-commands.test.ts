/**
 * Day one from an empty store with the compiled `scrutin` command only: `operator create` reads the
 * password from standard input (never argv) and refuses weak passwords and taken emails, changing
 * nothing; `org create` without mail prints the first administrator's invitation link once (issue
 * 15: nobody but the administrator chooses their password), on which they choose their password on
 * a real server process and sign in; the operator's HTTP route (sharing the same function) refuses,
 * without mail, to create an invitation nobody could receive. No password or link token appears in
 * any command output but the single intended print, nor in the server's log or the store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlanted, planted, textForms } from '../server/secret-search.js';
import { HttpVoter } from '../support/http-voter.js';
import { type RunResult, tempDir } from '../support/tools.js';
import { type ServerProcess, startTestServer } from '../world/server.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';
import { scrutin } from './cli-support.js';

function count(path: string, table: string): number {
  const db = new SqliteDatabase(path, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

if (!hasBuiltServer) console.warn(`\n*** bootstrap-commands test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)('scrutin operator create / org create', () => {
  const dir = tempDir('bootstrap');
  const path = join(dir, 'store.db');
  const env = { DATABASE_URL: `sqlite:${path}` };
  const operatorPassword = 'planted-operator-pw-7f3a9c1e';
  const outputs: { where: string; text: string }[] = [];
  const keep = (where: string, result: RunResult) => {
    outputs.push(
      { where: `${where} stdout`, text: result.stdout },
      { where: `${where} stderr`, text: result.stderr },
    );
    return result;
  };
  let adminLink = '';
  const adminPassword = 'the chair chose this one';

  it('refuses a weak operator password with a clear message and creates nothing, not even the store', () => {
    const weak = keep(
      'weak',
      scrutin(['operator', 'create', '--email', 'op@example.org'], { env, input: 'short-pw\n' }),
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain(
      'The password is too short: it needs at least 10 characters. Nothing was created.',
    );
    expect(existsSync(path)).toBe(false);
    const empty = keep(
      'empty',
      scrutin(['operator', 'create', '--email', 'op@example.org'], { env, input: '' }),
    );
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('never read from the command line');
    const inArgv = keep(
      'argv',
      scrutin(['operator', 'create', '--email', 'op@example.org', '--password', operatorPassword], { env }),
    );
    expect(inArgv.status).toBe(1);
    expect(inArgv.stderr).toContain("unknown option '--password'");
    const badEmail = keep(
      'bad email',
      scrutin(['operator', 'create', '--email', 'nobody'], { env, input: `${operatorPassword}\n` }),
    );
    expect(badEmail.status).toBe(1);
    expect(badEmail.stderr).toContain('“nobody” is not an email address');
    expect(existsSync(path)).toBe(false);
  });

  it('creates the operator from the first line of standard input, then refuses the same email (in French too)', () => {
    const created = keep(
      'operator',
      scrutin(['operator', 'create', '--email', 'op@example.org', '--name', 'Ops'], {
        env,
        input: `${operatorPassword}\nignored second line\n`,
      }),
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toBe(
      'Operator account op@example.org created. Sign in at /operator with this email and password.\n',
    );
    expect(count(path, 'accounts')).toBe(1);
    const again = keep(
      'operator again',
      scrutin(['operator', 'create', '--email', 'op@example.org'], {
        env: { ...env, LANG: 'fr_FR.UTF-8' },
        input: 'another strong password\n',
      }),
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Un compte avec l’adresse op@example.org existe déjà. Rien n’a été créé.');
    expect(count(path, 'accounts')).toBe(1);
  });

  it('creates an organisation and, without mail, prints its first admin’s invitation link once; a taken email creates nothing', () => {
    const created = keep(
      'org',
      scrutin(
        [
          'org',
          'create',
          '--name',
          'Fédération du Nord',
          '--admin-email',
          'chair@example.org',
          '--admin-name',
          'Chair',
        ],
        {
          env,
        },
      ),
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^Organisation “Fédération du Nord” created \(id [A-Za-z0-9_-]+\)\./);
    expect(created.stdout).toContain('Mail is not configured (SMTP_URL), so here is the invitation link');
    const printed = [...created.stdout.matchAll(/^ {4}(\S+)$/gm)].map((m) => m[1]!);
    expect(printed).toHaveLength(1);
    adminLink = printed[0]!;
    expect(adminLink).toMatch(/^http:\/\/localhost:8080\/account\/password#token=[A-Za-z0-9_-]{43}$/);
    // The intended print is the only one: remove it from the corpus the leak search reads.
    outputs.at(-2)!.text = created.stdout.replace(adminLink, '(printed once)');
    expect(count(path, 'organisations')).toBe(1);

    const taken = keep(
      'org taken',
      scrutin(['org', 'create', '--name', 'Other', '--admin-email', 'op@example.org'], { env }),
    );
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain(
      'An account with the email address op@example.org already exists. Nothing was created.',
    );
    expect(count(path, 'organisations')).toBe(1);
    expect(count(path, 'accounts')).toBe(2);
  });

  describe('signing in on a server process', () => {
    let server: ServerProcess;
    const clients: HttpVoter[] = [];
    beforeAll(async () => {
      server = await startTestServer({
        mode: 'process',
        databaseUrl: `sqlite:${path}`,
        // vitest sets BASE_URL=/ in its environment (Vite's base), which `scrutin serve` would take as its address.
        env: { LOG_LEVEL: 'info', BASE_URL: '' },
      });
    });
    afterAll(async () => {
      for (const client of clients) client.close();
      await server?.stop();
    });

    it('the administrator chooses a password on the printed link, signs in, and sees when the account was set up', async () => {
      const admin = new HttpVoter(server.url);
      clients.push(admin);
      const token = adminLink.split('#token=')[1]!;
      expect(
        (await admin.post('/api/v1/auth/login', { email: 'chair@example.org', password: adminPassword }))
          .status,
      ).toBe(401);
      const set = await admin.post('/api/v1/auth/password-link', { token, password: adminPassword });
      expect(set.status).toBe(200);
      expect(
        (await admin.post('/api/v1/auth/password-link', { token, password: adminPassword })).status,
      ).toBe(410);
      const wrong = await admin.post('/api/v1/auth/login', {
        email: 'chair@example.org',
        password: 'wrong password!',
      });
      expect(wrong.status).toBe(401);
      const login = await admin.post('/api/v1/auth/login', {
        email: 'chair@example.org',
        password: adminPassword,
      });
      expect(login.status).toBe(200);
      expect(login.json.account).toMatchObject({
        email: 'chair@example.org',
        displayName: 'Chair',
        isOperator: false,
        createdAt: expect.any(String),
        passwordSetAt: expect.any(String),
      });
    });

    it('the operator signs in with the stdin password; its HTTP route shares the creation logic', async () => {
      const operator = new HttpVoter(server.url);
      clients.push(operator);
      const login = await operator.post('/api/v1/auth/login', {
        email: 'op@example.org',
        password: operatorPassword,
      });
      expect(login.status).toBe(200);
      expect(login.json.account).toMatchObject({ isOperator: true, displayName: 'Ops' });
      const listed = await operator.get('/api/v1/organisations');
      expect(listed.json.organisations.map((o: { name: string }) => o.name)).toEqual(['Fédération du Nord']);
      // Without mail the invitation could reach nobody: refused, nothing created (the CLI prints it).
      const viaHttp = await operator.post('/api/v1/organisations', {
        name: 'Union Sud',
        admin: { email: 'sud@example.org', displayName: 'Sud' },
      });
      expect(viaHttp.status).toBe(503);
      expect(viaHttp.json.error.code).toBe('SCR_INVITATION_NEEDS_MAIL');
      expect(viaHttp.json.error.message).toContain('scrutin org create');
      // Nobody sets another's password: a password field is refused outright.
      const withPassword = await operator.post('/api/v1/organisations', {
        name: 'Doublon',
        admin: { email: 'x@example.org', displayName: 'X', password: 'a long enough password' },
      });
      expect(withPassword.status).toBe(400);
      expect((await operator.get('/api/v1/organisations')).json.organisations).toHaveLength(1);
    });

    it('no password reaches a command output (but the one print), the server log or the store in clear', () => {
      const secrets = [
        planted('operator password', textForms(operatorPassword)),
        planted('admin password', textForms(adminPassword)),
        planted('invitation token', textForms(adminLink.split('#token=')[1]!)),
      ];
      const storeBytes = readdirSync(dir)
        .filter((f) => f.startsWith('store.db'))
        .map((f) => readFileSync(join(dir, f)).toString('latin1'));
      const logs = [...outputs.map((o) => `${o.where}: ${o.text}`), server.output(), ...storeBytes];
      expect(server.output()).toContain('account signed in');
      expect(findPlanted({ responses: [], logs }, secrets)).toEqual([]);
    });
  });
});
