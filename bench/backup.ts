/**
 * `scrutin backup` and `scrutin restore` on a store the size of a large election: one election with
 * N voters and N ballots on its board (N = 10,000; 1,000 with --quick), each ballot ~2.6 KB of
 * text like a one-question BELENIOS-2048 ballot. The rows are written straight through the Store
 * (nothing here checks proofs: the backup copies bytes, it never parses a ballot). Printed, per
 * dialect: rows, file size, backup and restore times, and their throughput. PostgreSQL runs in a
 * schema of its own (skipped when no server answers); its backup is restored into SQLite, its
 * SQLite twin's into PostgreSQL, so both directions are timed.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectionId, OrganisationId } from '../src/core/ids.js';
import { freshSchema, pgProblem, type TestSchema } from '../test/support/postgres.js';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

type Backup = typeof import('../src/store/backup.js');
type OpenStore = typeof import('../src/store/open-store.js');
type Store = import('../src/store/store.js').Store;

const BALLOT_BYTES = 2600;

async function fill(store: Store, n: number): Promise<void> {
  const at = new Date().toISOString();
  await store.accounts.createOrganisation({
    id: 'bench-org' as OrganisationId,
    name: 'Bench',
    createdAt: at,
  });
  await store.elections.create({
    id: 'BenchElection01' as ElectionId,
    organisationId: 'bench-org' as OrganisationId,
    state: 'open',
    name: 'Bench',
    description: '',
    groupName: 'BELENIOS-2048',
    questionsJson: '[]',
    timeZone: 'UTC',
    opensAt: null,
    closesAt: null,
    credentialMode: 'server',
    electionJson: '{}',
    fingerprint: null,
    trusteesHash: null,
    credentialsHash: null,
    archiveTimestamp: 0,
    annulReason: null,
    resultJson: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  });
  const voters = Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    electionId: 'BenchElection01',
    email: `voter${i}@example.org`,
    login: `voter${i}`,
    displayName: `Voter ${i}`,
    weight: '1',
    language: 'fr',
    publicCredential: BigInt(`0x${randomBytes(32).toString('hex')}`).toString(),
    passwordHash: null,
  }));
  await store.voters.replace('BenchElection01', voters);
  const batch = 200;
  for (let start = 0; start < n; start += batch) {
    const entries = voters.slice(start, start + batch).map((voter, k) => {
      const height = start + k;
      const hash = randomBytes(32).toString('base64').replace(/=+$/, '');
      return {
        data: [
          { hash, raw: JSON.stringify({ ballot: randomBytes((BALLOT_BYTES * 3) / 4).toString('base64') }) },
        ],
        event: { height, hash: `e${hash}`, type: 'Ballot', raw: JSON.stringify({ height, payload: hash }) },
        ballot: { tracker: hash, voterId: voter.id, credential: voter.publicCredential },
      };
    });
    const outcome = await store.board.appendBatch('BenchElection01', entries);
    if (!outcome.ok) throw new Error(`bench store: append refused (${outcome.conflict})`);
  }
}

export const backupBench: Bench = {
  name: 'backup',
  description: 'scrutin backup / restore of a 10,000-ballot store, SQLite and PostgreSQL',
  async run(options) {
    const backup = await load<Backup>('store/backup');
    const { openStore } = await load<OpenStore>('store/open-store');
    const n = options.runs === 1 ? 1000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'scrutin-bench-backup-'));
    const schemas: TestSchema[] = [];
    const rows: Record<string, string>[] = [];
    try {
      const sources: { name: string; url: string }[] = [
        { name: 'SQLite', url: `sqlite:${join(dir, 'source.db')}` },
      ];
      const problem = await pgProblem();
      if (problem === undefined) {
        const schema = await freshSchema('bench_backup');
        schemas.push(schema);
        sources.push({ name: 'PostgreSQL', url: schema.url });
      } else console.error(`  PostgreSQL unreachable (${problem}): skipped`);
      for (const source of sources) {
        const store = await openStore(source.url);
        try {
          await fill(store, n);
        } finally {
          await store.close();
        }
      }
      for (const [i, source] of sources.entries()) {
        const file = join(dir, `${i}.backup`);
        let started = now();
        const written = await backup.writeBackup(source.url, file);
        const backupMs = now() - started;
        if (!written.ok) throw new Error(`backup refused: ${written.kind}`);
        // Restore into the other dialect when there is one, else into a fresh file of the same.
        let target = `sqlite:${join(dir, `restored-${i}.db`)}`;
        let targetName = 'SQLite';
        if (source.name === 'SQLite' && sources.length > 1) {
          const schema = await freshSchema('bench_restore');
          schemas.push(schema);
          target = schema.url;
          targetName = 'PostgreSQL';
        }
        started = now();
        const restored = await backup.restoreBackup(target, file);
        const restoreMs = now() - started;
        if (!restored.ok) throw new Error(`restore refused: ${restored.kind}`);
        const total = Object.values(written.summary.tables).reduce((a, b) => a + b, 0);
        const megabytes = statSync(file).size / 1e6;
        rows.push({
          'from → to': `${source.name} → ${targetName}`,
          rows: formatNumber(total),
          MB: formatNumber(megabytes, 1),
          'backup s': formatNumber(backupMs / 1000, 2),
          'backup MB/s': formatNumber(megabytes / (backupMs / 1000), 1),
          'restore s': formatNumber(restoreMs / 1000, 2),
          'restore rows/s': formatNumber(total / (restoreMs / 1000)),
        });
      }
    } finally {
      for (const schema of schemas) await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    }
    printTable(`Backup and restore (${formatNumber(n)} voters and ballots)`, rows);
  },
};
