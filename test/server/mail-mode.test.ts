/**
 * Mail must not fail silently, through `scrutin serve` as deployed (a process from dist/): with
 * SMTP_URL unset the server says so (the delivery settings read `mail: none`), refuses to issue
 * credentials or send sign-in codes with SCR_MAIL_NOT_CONFIGURED in English and French, and changes
 * nothing (no public credential bound, no message queued); the same store served with SMTP_URL set
 * issues them, and the messages reach the mail server and read "sent". The logged-only transport
 * of the demo never reads "sent" (test/delivery/sender.test.ts).
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/scrutin/demo.js';
import { systemClock } from '../../src/core/clock.js';
import type { ElectionId } from '../../src/core/ids.js';
import { startSenderFromEnvironment } from '../../src/delivery/run-sender.js';
import { BoardService } from '../../src/election/board.js';
import { ElectionService } from '../../src/election/service.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { inProcessChecker } from '../../src/protocol/verifier.js';
import { openStore } from '../../src/store/open-store.js';
import { type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import { HttpVoter } from '../support/http-voter.js';
import { openDemoElection } from '../support/served-election.js';
import { tempDir } from '../support/tools.js';
import { QUESTIONS } from '../world/scenario.js';
import { type ServerProcess, startTestServer } from '../world/server.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';

if (!hasBuiltServer) console.warn(`\n*** mail mode test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)('scrutin serve and SMTP_URL', () => {
  const dir = tempDir('mail-mode');
  const databaseUrl = `sqlite:${join(dir, 'scrutin.db')}`;
  let demo: Demo;
  let draftId: ElectionId;
  let sink: SmtpSink;
  const servers: ServerProcess[] = [];
  const clients: HttpVoter[] = [];

  /** What delivery has changed in the draft election: bound public credentials and queued messages. */
  async function deliveryState() {
    const store = await openStore(databaseUrl);
    try {
      const voters = await store.voters.list(draftId);
      const messages = (
        await Promise.all(voters.map((v) => store.delivery.listMessages(draftId, v.id)))
      ).flat();
      return {
        bound: voters.filter((v) => v.publicCredential !== null).length,
        messages: messages.map((m) => m.status),
      };
    } finally {
      await store.close();
    }
  }

  async function signedInAdmin(server: ServerProcess): Promise<HttpVoter> {
    const admin = new HttpVoter(server.url);
    clients.push(admin);
    const login = await admin.post('/api/v1/auth/login', {
      email: demo.admin.email,
      password: demo.admin.password,
    });
    expect(login.status).toBe(200);
    return admin;
  }

  beforeAll(async () => {
    ({ demo } = await openDemoElection(databaseUrl, 2));
    installNodePlatform();
    const store = await openStore(databaseUrl);
    try {
      const elections = new ElectionService(store, new BoardService(store), systemClock, inProcessChecker);
      const open = await store.elections.get(demo.electionId);
      const admin = await store.accounts.findAccountByEmail(demo.admin.email);
      const draft = await elections.create(open!.organisationId, admin!, {
        name: 'Bureau 2027',
        description: '',
        timeZone: 'Europe/Paris',
      });
      draftId = draft.id;
      await store.elections.addRole({ electionId: draftId, accountId: admin!.id, role: 'election-admin' });
      await elections.setQuestions(draftId, admin!, QUESTIONS);
      await elections.importVoters(
        draftId,
        admin!,
        'ann@example.org,ann,1,Ann\nbob@example.org,bob,1,Bob',
        'en',
      );
      await elections.useServerTrustee(draftId, admin!);
    } finally {
      await store.close();
    }
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.stop()));
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without SMTP_URL: says mail is not configured, refuses to mail voters in EN and FR, changes nothing', async () => {
    const server = await startTestServer({
      mode: 'process',
      databaseUrl,
      env: { SMTP_URL: '', LOG_LEVEL: 'info' },
    });
    servers.push(server);
    const admin = await signedInAdmin(server);
    const delivery = `/api/v1/elections/${draftId}/delivery`;
    expect((await admin.get(`${delivery}/settings`)).json.mail).toBe('none');
    const before = await deliveryState();
    expect(before).toEqual({ bound: 0, messages: [] });

    const refused = await admin.post(`${delivery}/credentials`);
    expect([refused.status, refused.json.error]).toEqual([
      503,
      {
        code: 'SCR_MAIL_NOT_CONFIGURED',
        message:
          'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
      },
    ]);
    const enFrancais = await admin.request(
      'POST',
      `${delivery}/credentials`,
      {},
      { headers: { 'accept-language': 'fr' } },
    );
    expect(enFrancais.json.error.message).toBe(
      "Le courrier n'est pas configuré sur ce serveur : définissez SMTP_URL (voir docs/deploy.md). Rien n'a été mis en file d'attente.",
    );
    const code = await new HttpVoter(server.url).post(`/api/v1/elections/${demo.electionId}/voter/code`, {
      login: demo.voters[0]!.login,
    });
    expect([code.status, code.json.error.code]).toEqual([503, 'SCR_MAIL_NOT_CONFIGURED']);
    expect(await deliveryState()).toEqual(before);
    expect(server.output()).toContain('SMTP_URL is not set: no mail is sent');
    expect(await server.stop()).toBe(0);
  });

  it('with SMTP_URL: the same store issues the credentials, and the mail server receives them', async () => {
    const server = await startTestServer({
      mode: 'process',
      databaseUrl,
      env: { SMTP_URL: sink.url, DELIVERY_POLL_MS: '100' },
    });
    servers.push(server);
    const admin = await signedInAdmin(server);
    const delivery = `/api/v1/elections/${draftId}/delivery`;
    expect((await admin.get(`${delivery}/settings`)).json.mail).toBe('smtp');
    const issued = await admin.post(`${delivery}/credentials`);
    expect([issued.status, issued.json.count, issued.json.credentialMessages]).toEqual([200, 2, 2]);
    await expect
      .poll(() => sink.mailTo('ann@example.org').length + sink.mailTo('bob@example.org').length, {
        timeout: 20_000,
        interval: 100,
      })
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () =>
          (
            (await admin.get(`${delivery}/voters`)).json.voters as { credential: { status: string } | null }[]
          ).map((v) => v.credential?.status),
        { timeout: 20_000, interval: 200 },
      )
      .toEqual(['sent', 'sent']);
    expect((await deliveryState()).bound).toBe(2);
  });

  it('without SMTP_URL no sender runs, so nothing already queued turns "failed" or "sent"', async () => {
    const store = await openStore(databaseUrl);
    try {
      const lines: string[] = [];
      expect(startSenderFromEnvironment(store, {}, (l) => lines.push(l), { mail: 'none' })).toBeUndefined();
      expect(lines).toEqual([
        'SMTP_URL is not set: no mail is sent, and actions that would queue messages to voters are refused',
      ]);
    } finally {
      await store.close();
    }
  });
});
