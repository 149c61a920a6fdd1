/**
 * `scrutin operator create` on a real terminal (a pseudo-terminal from util-linux `script`): the
 * password is asked twice with echo off, so it never shows on the screen, and two different entries
 * create nothing. Each answer is typed only once its prompt is shown, as a person would.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/accounts/password.js';
import { secret } from '../../src/core/secret.js';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/tools.js';
import { hasBuiltServer, MISSING_BUILD, SCRUTIN_CLI } from '../world/server-process.js';

const SCRIPT = '/usr/bin/script';
const usable = hasBuiltServer && existsSync(SCRIPT);
if (!usable)
  console.warn(
    `\n*** password-prompt test SKIPPED: ${hasBuiltServer ? `no ${SCRIPT}` : MISSING_BUILD} ***\n`,
  );

/** Runs the command on a pseudo-terminal, typing `answers[i]` once the i-th prompt appears. */
function onTerminal(
  databaseUrl: string,
  email: string,
  answers: string[],
): Promise<{ status: number; screen: string }> {
  const command = `${process.execPath} ${SCRUTIN_CLI} operator create --email ${email}`;
  const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
    env: { ...process.env, LANG: 'C', LC_ALL: '', DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let answered = 0;
  const prompts = [/Password for the operator account: $/, /Same password again: $/];
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    if (answered < answers.length && prompts[answered]!.test(screen)) {
      child.stdin.write(`${answers[answered]}\r`);
      answered += 1;
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ status: code ?? -1, screen })));
}

describe.skipIf(!usable)('operator password typed on a terminal', () => {
  const dir = tempDir('prompt');
  const databaseUrl = `sqlite:${join(dir, 'store.db')}`;

  it('is not echoed and is the account’s password', async () => {
    const password = 'typed-on-a-tty-9d2f61';
    const run = await onTerminal(databaseUrl, 'tty@example.org', [password, password]);
    expect(run.screen).toContain('Operator account tty@example.org created.');
    expect(run.status).toBe(0);
    expect(run.screen).not.toContain(password);
    const store = await openStore(databaseUrl);
    try {
      const account = await store.accounts.findAccountByEmail('tty@example.org');
      expect(account?.isOperator).toBe(true);
      expect(await verifyPassword(secret(password, 'password'), account?.passwordHash)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('creates nothing when the two entries differ', async () => {
    const run = await onTerminal(databaseUrl, 'other@example.org', [
      'first-entry-abcdef',
      'second-entry-abcdef',
    ]);
    expect(run.screen).toContain('The two passwords differ. Nothing was created.');
    expect(run.status).toBe(1);
    expect(run.screen).not.toContain('entry-abcdef');
    const store = await openStore(databaseUrl);
    try {
      expect(await store.accounts.findAccountByEmail('other@example.org')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
