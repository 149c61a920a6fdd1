/**
 * `scrutin doctor` as an operator runs it before a real election: one verdict line per check and
 * exit code 0 only when the store answers, its migrations are current and the SMTP server answers
 * (checked against a real SMTP server in this process, with authentication). It changes nothing (a
 * missing SQLite file is not created, pending migrations stay pending) and never prints the SMTP
 * password.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateStore } from '../../src/store/open-store.js';
import { migrate, openRaw, pendingMigrations } from '../../src/store/raw-store.js';
import { freshSchema, pgProblem } from '../support/postgres.js';
import { tempDir } from '../support/tools.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';
import { scrutinAsync } from './cli-support.js';

const SMTP_PASSWORD = 'planted-smtp-pw-d0ct0r42';
const problem = hasBuiltServer ? await pgProblem() : 'not built';
if (!hasBuiltServer) console.warn(`\n*** doctor test SKIPPED: ${MISSING_BUILD} ***\n`);

/** The verdict lines, status word and text, without the alignment spaces. */
const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/^(\S+)\s+/, '$1 '));

describe.skipIf(!hasBuiltServer)('scrutin doctor', () => {
  const dir = tempDir('doctor');
  const store = `sqlite:${join(dir, 'store.db')}`;
  const logins: string[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === 'mailer' && auth.password === SMTP_PASSWORD) callback(null, { user: 'mailer' });
      else callback(new Error('535 bad credentials'));
    },
  });
  let smtpUrl = '';
  let port = 0;

  beforeAll(async () => {
    await migrateStore(store);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    smtpUrl = `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('passes when the store is current and the SMTP server accepts the login, redacting its password', async () => {
    const run = await scrutinAsync(['doctor'], {
      DATABASE_URL: store,
      SMTP_URL: smtpUrl,
      BASE_URL: 'https://vote.example.org',
    });
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)).toEqual([
      'ok store reachable (sqlite)',
      'ok migrations current',
      `ok SMTP reachable: smtp://mailer:***@127.0.0.1:${port}`,
      'ok base URL is https: https://vote.example.org',
      'ok belenios-tool not needed: the server verifies every ballot itself (voters and observers may use it)',
      'All required checks passed.',
    ]);
    expect(run.status).toBe(0);
    expect(logins).toContain(`mailer:${SMTP_PASSWORD}`);
  });

  it('fails without SMTP_URL, says credentials cannot be mailed, and warns about a plain-http base URL', async () => {
    const run = await scrutinAsync(['doctor', '--base-url', 'http://10.0.0.5:8080'], { DATABASE_URL: store });
    expect(lines(run.stdout)).toEqual([
      'ok store reachable (sqlite)',
      'ok migrations current',
      'FAIL SMTP_URL not set: credentials cannot be mailed (set SMTP_URL to smtp://user:pass@host:port)',
      'warn base URL is not https: http://10.0.0.5:8080 (voters need https; fine only for a local trial)',
      'ok belenios-tool not needed: the server verifies every ballot itself (voters and observers may use it)',
      '1 required check(s) failed.',
    ]);
    expect(run.status).toBe(1);
  });

  it('fails on a refused SMTP login and on an SMTP server that does not answer, never printing the password', async () => {
    const wrong = await scrutinAsync(['doctor'], {
      DATABASE_URL: store,
      SMTP_URL: `smtp://mailer:not-${SMTP_PASSWORD}@127.0.0.1:${port}`,
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(
      new RegExp(`FAIL\\s+SMTP unreachable: smtp://mailer:\\*\\*\\*@127\\.0\\.0\\.1:${port}: .+`),
    );
    const nobody = await scrutinAsync(['doctor'], {
      DATABASE_URL: store,
      SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:1`,
    });
    expect(nobody.status).toBe(1);
    expect(nobody.stdout).toMatch(
      /FAIL\s+SMTP unreachable: smtp:\/\/mailer:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
    for (const output of [wrong.stdout, wrong.stderr, nobody.stdout, nobody.stderr])
      expect(output).not.toContain(SMTP_PASSWORD);
  });

  it('reports a missing store without creating it, and pending migrations without applying them', async () => {
    const missing = join(dir, 'missing.db');
    const absent = await scrutinAsync(['doctor'], { DATABASE_URL: `sqlite:${missing}` });
    expect(absent.status).toBe(1);
    expect(lines(absent.stdout).slice(0, 2)).toEqual([
      `FAIL store unreachable: no SQLite file at ${missing}`,
      'FAIL migrations not checked: the store is unreachable',
    ]);
    expect(existsSync(missing)).toBe(false);

    const old = `sqlite:${join(dir, 'old.db')}`;
    const raw = await openRaw(old);
    try {
      await migrate(raw, '0001_initial');
    } finally {
      await raw.close();
    }
    const pending = await scrutinAsync(['doctor'], { DATABASE_URL: old });
    expect(pending.status).toBe(1);
    expect(pending.stdout).toMatch(
      /FAIL\s+migrations pending: 0002_delivery, 0003_congress, .+ \(run `scrutin migrate`\)/,
    );
    const after = await openRaw(old, { mustExist: true });
    try {
      expect((await pendingMigrations(after))[0]).toBe('0002_delivery');
    } finally {
      await after.close();
    }
  });

  it('fails on a store migrated by a newer Scrutin', async () => {
    const newer = join(dir, 'newer.db');
    await migrateStore(`sqlite:${newer}`);
    const db = new SqliteDatabase(newer);
    db.prepare(
      "insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01T00:00:00.000Z')",
    ).run();
    db.close();
    const run = await scrutinAsync(['doctor'], { DATABASE_URL: `sqlite:${newer}`, SMTP_URL: smtpUrl });
    expect(run.status).toBe(1);
    expect(lines(run.stdout)[1]).toBe(
      'FAIL the store was migrated by a newer Scrutin (9999_future): run that version, or restore a backup into a new store',
    );
  });

  it.skipIf(problem !== undefined)('checks a PostgreSQL store the same way', async () => {
    const schema = await freshSchema('doctor');
    try {
      await migrateStore(schema.url);
      const run = await scrutinAsync(['doctor'], { DATABASE_URL: schema.url, SMTP_URL: smtpUrl });
      expect(lines(run.stdout).slice(0, 3)).toEqual([
        'ok store reachable (postgres)',
        'ok migrations current',
        `ok SMTP reachable: smtp://mailer:***@127.0.0.1:${port}`,
      ]);
      expect(run.status).toBe(0);
    } finally {
      await schema.drop();
    }
  });
});
