/**
 * A sender process killed with SIGKILL in the middle of a batch, then restarted on the same store
 * (SQLite): every voter ends up with exactly one credential message and exactly one password
 * message, and the password in the message is the one whose hash the store keeps.
 *
 * Where the kill lands is made deterministic: the SMTP server accepts the first messages, then stops
 * answering, so the killed process has messages in flight that were not accepted (as a real server
 * would not deliver them); the kill comes once every accepted message is recorded as sent. The other
 * crash window — after the server's "250", before the commit — is covered in resend-window.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/accounts/password.js';
import { secret } from '../../src/core/secret.js';
import type { Store } from '../../src/store/store.js';
import { ROOT, tempDir } from '../support/tools.js';
import type { TestServer } from '../world/server.js';
import { credentialIn, mailedElectionWithSink, passwordIn, type SmtpSink } from './smtp-sink.js';

const VOTERS = 30;
const ACCEPT_FIRST = 20;
const SCRIPT = join(ROOT, 'test', 'delivery', 'sender-process.ts');

function startSender(
  databaseUrl: string,
  smtpUrl: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      SMTP_MAX_CONNECTIONS: '4',
      DELIVERY_RATE: '500',
      DELIVERY_LEASE_MS: '1500',
      DELIVERY_POLL_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sender did not start: ${output}`)), 30_000);
    child.stdout?.on('data', () => {
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`sender exited (${code}): ${output}`)));
  });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('a sender killed with SIGKILL mid-batch, then restarted', () => {
  const dir = tempDir('delivery-crash');
  const databaseUrl = `sqlite:${join(dir, 'scrutin.db')}`;
  let server: TestServer;
  let sink: SmtpSink;
  let reader: Store;
  let electionId: string;
  const children: ChildProcess[] = [];

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, sink, electionId, close } = await mailedElectionWithSink({
      roll: Array.from({ length: VOTERS }, (_, i) => `v${i}`),
      loginMode: 'password',
      databaseUrl,
    }));
    reader = server.store;
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await close?.();
  });

  it('serves every voter exactly one credential and one password message', async () => {
    let seen = 0;
    sink.decide = () => (++seen <= ACCEPT_FIRST ? { kind: 'accept' } : { kind: 'hold' });
    const first = await startSender(databaseUrl, sink.url);
    children.push(first.child);
    // Messages in flight that the server has not answered, and every accepted one recorded as sent.
    await until(async () => sink.attempts.length > ACCEPT_FIRST + 2, 'messages in flight');
    await until(
      async () => (await reader.delivery.countMessages(electionId)).sent === ACCEPT_FIRST,
      'accepted messages recorded',
    );
    const before = await reader.delivery.countMessages(electionId);
    expect(before.sending).toBeGreaterThan(0);
    expect(before.queued + before.sending).toBe(2 * VOTERS - ACCEPT_FIRST);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    sink.decide = () => ({ kind: 'accept' });
    const second = await startSender(databaseUrl, sink.url);
    children.push(second.child);
    await until(
      async () => (await reader.delivery.countMessages(electionId)).sent === 2 * VOTERS,
      'all messages sent',
    );
    second.child.kill('SIGTERM');

    const voters = await reader.voters.list(electionId);
    for (const voter of voters) {
      const mails = sink.mailTo(voter.email);
      const credentials = mails.filter((m) => credentialIn(m.text) !== undefined);
      const passwords = mails.filter((m) => passwordIn(m.text) !== undefined);
      expect(
        credentials.map((m) => m.messageId),
        voter.login,
      ).toHaveLength(1);
      expect(
        passwords.map((m) => m.messageId),
        voter.login,
      ).toHaveLength(1);
      expect(
        await verifyPassword(secret(passwordIn(passwords[0]!.text)!, 'password'), voter.passwordHash),
      ).toBe(true);
    }
    expect(sink.received).toHaveLength(2 * VOTERS);
    const messages = await reader.delivery.listMessages(electionId);
    expect(messages.every((m) => m.status === 'sent' && !m.holdsSecret)).toBe(true);
    // Some messages were attempted twice: those in flight at the kill.
    expect(messages.some((m) => m.attempts === 2)).toBe(true);
  });
});
