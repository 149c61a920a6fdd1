/**
 * `scrutin demo` without a mail server (a process from dist/): an admin may still issue credentials
 * in a new election, nothing is sent, each message is noted on the demo's terminal by voter id only
 * (never its address or content), and its status reads "failed (not sent…)", never "sent".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpVoter } from '../support/http-voter.js';
import { ROOT, tempDir } from '../support/tools.js';
import { hasBuiltServer, MISSING_BUILD, SCRUTIN_CLI } from '../world/server-process.js';

if (!hasBuiltServer) console.warn(`\n*** demo mail test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)('scrutin demo and voter messages', () => {
  const dir = tempDir('demo-mail');
  let child: ChildProcess | undefined;
  let output = '';
  const clients: HttpVoter[] = [];

  afterAll(async () => {
    for (const client of clients) client.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('notes each message on the terminal by voter id and never calls it sent', async () => {
    child = spawn(process.execPath, [SCRUTIN_CLI, 'demo', '--port', '0', '--voters', '2'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`, SMTP_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    await expect
      .poll(() => /Election admin: (\S+) \/ (\S+)/.test(output), { timeout: 30_000, interval: 100 })
      .toBe(true);
    const url = /Scrutin demo is running at (http:\/\/\S+)/.exec(output)![1]!;
    const [, email, password] = /Election admin: (\S+) \/ (\S+)/.exec(output)!;
    const admin = new HttpVoter(url);
    clients.push(admin);
    expect((await admin.post('/api/v1/auth/login', { email, password })).status).toBe(200);
    const organisationId = (await admin.get('/api/v1/account/organisations')).json.organisations[0]
      .id as string;
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Second demo vote',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const electionId = created.json.id as string;
    const voters = await admin.request('PUT', `/api/v1/elections/${electionId}/voters`, undefined, {
      raw: 'zoe@demo.invalid,zoe,1,Zoé\nyan@demo.invalid,yan,1,Yan',
      headers: { 'content-type': 'text/csv' },
    });
    expect(voters.status).toBe(200);
    const delivery = `/api/v1/elections/${electionId}/delivery`;
    expect((await admin.get(`${delivery}/settings`)).json.mail).toBe('terminal-demo');
    const issued = await admin.post(`${delivery}/credentials`);
    expect([issued.status, issued.json.credentialMessages]).toEqual([200, 2]);

    const statuses = async () =>
      (
        (await admin.get(`${delivery}/voters`)).json.voters as {
          voterId: string;
          credential: { status: string; lastReason: string };
        }[]
      ).map((v) => ({ voterId: v.voterId, status: v.credential.status, reason: v.credential.lastReason }));
    await expect
      .poll(async () => (await statuses()).map((s) => s.status), { timeout: 20_000, interval: 200 })
      .toEqual(['failed', 'failed']);
    for (const s of await statuses()) {
      expect(s.reason).toBe('not sent: no mail server configured (demo)');
      expect(output).toContain(`message to ${s.voterId} not sent (email: no transport configured)`);
    }
    // By voter id only: neither the address nor anything of the message reaches the terminal.
    const afterStart = output.slice(output.indexOf('Press Ctrl+C to stop.'));
    for (const absent of ['zoe@demo.invalid', 'yan@demo.invalid', 'Second demo vote', 'credential=']) {
      expect(afterStart).not.toContain(absent);
    }
  });
});
