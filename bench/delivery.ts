/**
 * Delivery at election scale (issue #4): 40,000 voters' credential and password messages (80,000)
 * through the outbox to a local SMTP sink in another process. The credentials are queued as the
 * server-as-authority path queues them (public credentials bound and messages rendered in one
 * transaction); the sender then sends everything over pooled SMTP connections, generating and
 * hashing each password at send time. Printed: the time to queue, messages per second, and the time
 * from the start of queueing until the last voter's last message was accepted (target: 5 minutes).
 *
 * Credential *generation* (PBKDF2 and a modular exponentiation per voter) is not part of this bench:
 * the voters get well-formed private credentials and placeholder public credentials; `election`
 * and `cast` measure the cryptography. BENCH_DELIVERY_VOTERS=N changes the voter count (default
 * 40,000; 2,000 with --quick); BENCH_DELIVERY_STORE=postgres uses PostgreSQL (a fresh schema).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Credential from '../src/core/credential.js';
import type { ElectionId, OrganisationId } from '../src/core/ids.js';
import type * as Outbox from '../src/delivery/outbox.js';
import type * as Sender from '../src/delivery/sender.js';
import type * as Transport from '../src/delivery/transport.js';
import type * as OpenStore from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { freshSchema } from '../test/support/postgres.js';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

const SINK = fileURLToPath(new URL('./delivery-sink.ts', import.meta.url));

function startSink(): Promise<{ child: ChildProcess; port: number; stop: () => Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited with ${code}`)));
    const check = setInterval(() => {
      const port = /port (\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      clearInterval(check);
      resolve({
        child,
        port: Number(port),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done(Number(/accepted (\d+)/.exec(output)?.[1] ?? Number.NaN)));
            child.kill('SIGTERM');
          }),
      });
    }, 20);
  });
}

async function openBenchStore(openStore: typeof OpenStore.openStore) {
  if (process.env.BENCH_DELIVERY_STORE === 'postgres') {
    const schema = await freshSchema('bench_delivery');
    return { store: await openStore(schema.url), label: 'PostgreSQL', cleanup: () => schema.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scrutin-delivery-'));
  return {
    store: await openStore(`sqlite:${join(dir, 'scrutin.db')}`),
    label: 'SQLite',
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function seed(store: Store, voters: number): Promise<string> {
  const at = new Date().toISOString();
  const organisationId = randomBytes(6).toString('hex') as OrganisationId;
  const electionId = `Bench${randomBytes(8).toString('hex').slice(0, 9)}` as ElectionId;
  await store.accounts.createOrganisation({ id: organisationId, name: 'Bench', createdAt: at });
  await store.elections.create({
    id: electionId,
    organisationId,
    state: 'draft',
    name: 'Assemblée générale 2027',
    description: '',
    groupName: 'BELENIOS-2048',
    questionsJson: '[]',
    timeZone: 'Europe/Paris',
    opensAt: '2027-03-01T08:00:00.000Z',
    closesAt: '2027-03-08T18:00:00.000Z',
    credentialMode: 'server',
    electionJson: null,
    fingerprint: null,
    trusteesHash: null,
    credentialsHash: null,
    archiveTimestamp: null,
    annulReason: null,
    resultJson: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  });
  await store.voters.replace(
    electionId,
    Array.from({ length: voters }, (_, i) => ({
      id: `voter-${i}`,
      electionId,
      email: `voter${i}@members.example.org`,
      login: `member${i}`,
      displayName: `Member ${i}`,
      weight: '1',
      language: i % 3 === 0 ? 'en' : 'fr',
      publicCredential: null,
      passwordHash: null,
    })),
  );
  await store.delivery.saveSettings({
    electionId,
    loginMode: 'password',
    passwordDelaySeconds: 0,
    helpContact: 'bureau-vote@example.org',
    defaultLanguage: 'fr',
  });
  return electionId;
}

export const deliveryBench: Bench = {
  name: 'delivery',
  description: 'credential and password messages for 40,000 voters through the outbox to an SMTP sink',
  async run(options) {
    const quick = options.runs === 1 && options.seconds < 1;
    const voters = Number(process.env.BENCH_DELIVERY_VOTERS ?? (quick ? 2000 : 40_000));
    const { openStore } = await load<typeof OpenStore>('store/open-store');
    const { queueGeneratedCredentials } = await load<typeof Outbox>('delivery/outbox');
    const { DeliverySender } = await load<typeof Sender>('delivery/sender');
    const { smtpTransport } = await load<typeof Transport>('delivery/transport');
    const { generatePrivateCredential } = await load<typeof Credential>('core/credential');
    const sink = await startSink();
    const { store, label, cleanup } = await openBenchStore(openStore);
    try {
      const electionId = await seed(store, voters);
      const clock = { now: () => new Date() };
      const generated = Array.from({ length: voters }, (_, i) => ({
        voterId: `voter-${i}`,
        publicCredential: String(10n ** 40n + BigInt(i)),
        credential: generatePrivateCredential(),
      }));
      const connections = Number(process.env.BENCH_DELIVERY_CONNECTIONS ?? 16);
      const sender = new DeliverySender(store, {
        transports: {
          email: smtpTransport({
            url: `smtp://127.0.0.1:${sink.port}`,
            from: 'Scrutin <no-reply@example.org>',
            maxConnections: connections,
          }),
        },
        ratePerSecond: 5000,
        concurrency: connections,
        pollMs: 50,
      });
      const started = now();
      await queueGeneratedCredentials(
        { store, clock, config: { baseUrl: 'https://vote.example.org' } },
        electionId,
        generated,
      );
      const queued = now();
      sender.start();
      const total = 2 * voters;
      let sent = 0;
      let lastReport = queued;
      while (sent < total) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const counts = await store.delivery.countMessages(electionId);
        sent = counts.sent;
        if (counts.failed > 0) throw new Error(`${counts.failed} messages failed`);
        if (now() - lastReport > 30_000) {
          console.error(
            `delivery: ${sent}/${total} messages sent after ${((now() - started) / 1000).toFixed(0)} s`,
          );
          lastReport = now();
        }
      }
      const done = now();
      await sender.stop();
      const accepted = await sink.stop();
      const sending = (done - queued) / 1000;
      printTable(
        `Delivery: ${formatNumber(voters)} voters, ${formatNumber(total)} messages (${label}, ${connections} SMTP connections)`,
        [
          {
            step: 'queue (render + insert, one transaction)',
            seconds: formatNumber((queued - started) / 1000, 1),
            'messages/s': formatNumber(total / ((queued - started) / 1000)),
          },
          {
            step: 'send (passwords generated and hashed at send time)',
            seconds: formatNumber(sending, 1),
            'messages/s': formatNumber(total / sending),
          },
          {
            step: 'until the last voter is served',
            seconds: formatNumber((done - started) / 1000, 1),
            'messages/s': formatNumber(total / ((done - started) / 1000)),
          },
        ],
      );
      console.log(
        `\nAccepted by the sink: ${formatNumber(accepted)} of ${formatNumber(total)} (target: all within 300 s).`,
      );
    } finally {
      await store.close();
      await cleanup();
      if (sink.child.exitCode === null) sink.child.kill('SIGKILL');
    }
  },
};
