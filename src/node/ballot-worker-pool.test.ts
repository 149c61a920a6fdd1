import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchiveBytes, VALID_ELECTIONS } from '../../test/support/vectors.js';
import { getModExpEngine, setModExpEngine } from '../core/arithmetic.js';
import { parseArchive } from '../protocol/archive/archive.js';
import { loadElection } from '../protocol/election.js';
import { inProcessChecker, type VerificationReport, verifyArchive } from '../protocol/verifier.js';
import { BallotWorkerError, BallotWorkerPool } from './ballot-worker-pool.js';
import { installNodeEngine } from './modexp-engine.js';

const INVALID_ARCHIVES = [
  'invalid-ballot-bad-signature.bel',
  'invalid-ballot-copied-to-other-credential.bel',
  'invalid-ballot-replayed.bel',
  'invalid-ballot-tampered-proof.bel',
  'invalid-ballot-unknown-credential.bel',
  'invalid-ballot-wrong-election-hash.bel',
  'invalid-chain-missing-event.bel',
  'invalid-partial-decryption-factor.bel',
  'invalid-result-mismatch.bel',
];

/** Reports without their timings, which differ from run to run. */
const untimed = (report: VerificationReport) => ({
  ...report,
  ms: 0,
  checks: report.checks.map((check) => ({ ...check, ms: 0 })),
});

/** The raw ballots of an archive and its election context. */
function ballotsOf(file: string) {
  const archive = parseArchive(readArchiveBytes(file));
  const payload = (hash: string | undefined) => archive.data.get(hash!)!;
  const setup = JSON.parse(payload(archive.events[0]!.event.payload)) as { election: string };
  const ctx = loadElection(payload(setup.election));
  const ballots = archive.events
    .filter((r) => r.event.type === 'Ballot')
    .map((r) => payload(r.event.payload));
  return { ctx, ballots };
}

/** A worker module given as a data: URL, for the failure tests. */
const workerSource = (code: string) =>
  new URL(
    `data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';\n${code}`)}`,
  );

describe('BallotWorkerPool verifies the belenios-tool 2.0 vectors like the in-process checker', () => {
  const pool = new BallotWorkerPool({ workers: 2, chunkSize: 2 });
  // The workers use the OpenSSL engine; so does this thread, to keep the test fast (the engine has its
  // own cross-checks against BigInt in modexp-engine.test.ts).
  const previousEngine = getModExpEngine();
  beforeAll(() => installNodeEngine());
  afterAll(async () => {
    setModExpEngine(previousEngine);
    await pool.close();
  });

  for (const file of [...VALID_ELECTIONS, ...INVALID_ARCHIVES]) {
    it(`gives the same report for ${file}`, async () => {
      const archive = parseArchive(readArchiveBytes(file));
      const viaPool = await verifyArchive(archive, pool.check);
      const inProcess = await verifyArchive(archive);
      expect(untimed(viaPool)).toEqual(untimed(inProcess));
      expect(viaPool.ok).toBe(VALID_ELECTIONS.some((folder) => folder === file));
    });
  }

  it('still rejects the ballot with a tampered proof', async () => {
    const report = await verifyArchive(
      parseArchive(readArchiveBytes('invalid-ballot-tampered-proof.bel')),
      pool.check,
    );
    expect(report.ok).toBe(false);
    expect(report.failure?.check).toBe('ballots');
    expect(report.failure?.reason).toBe('invalid-proof');
  });

  it('returns the verdicts in the order of the batch, whatever the chunking', async () => {
    const valid = ballotsOf('BELENIOS-2048-single');
    const tampered = ballotsOf('invalid-ballot-tampered-proof.bel').ballots[0]!;
    const foreign = ballotsOf('BELENIOS-2048-threshold').ballots[0]!;
    const batch = [tampered, ...valid.ballots, 'not a ballot', foreign, valid.ballots[0]!, tampered];
    const expected = await inProcessChecker(valid.ctx, batch);
    expect(expected.filter((check) => !check.ok).length).toBe(4);
    for (const chunkSize of [1, 100]) {
      const chunked = new BallotWorkerPool({ workers: 2, chunkSize });
      try {
        expect(await chunked.check(valid.ctx, batch)).toEqual(expected);
      } finally {
        await chunked.close();
      }
    }
  });

  it('checks batches of several elections at the same time', async () => {
    const batches = ['BELENIOS-2048-single', 'RFC-3526-2048-single', 'BELENIOS-2048-threshold'].map(
      ballotsOf,
    );
    const results = await Promise.all(batches.map(({ ctx, ballots }) => pool.check(ctx, ballots)));
    for (const checks of results) expect(checks.every((check) => check.ok)).toBe(true);
  });

  it('answers an empty batch without starting work', async () => {
    const { ctx } = ballotsOf('BELENIOS-2048-single');
    expect(await pool.check(ctx, [])).toEqual([]);
  });
});

describe('BallotWorkerPool failures', () => {
  it('fails the batch, not the pool, when a worker cannot load the election', async () => {
    const pool = new BallotWorkerPool({ workers: 1 });
    try {
      const { ctx, ballots } = ballotsOf('BELENIOS-2048-single');
      await expect(pool.check({ ...ctx, raw: '{"version":1}' }, ballots)).rejects.toThrow(
        /ballot worker failed: cannot load the election/,
      );
      expect((await pool.check(ctx, ballots)).every((check) => check.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('propagates a worker crash as an error and replaces the worker', async () => {
    const entry = workerSource(
      `parentPort.on('message', (m) => { if (m.type === 'check') throw new Error('boom'); });`,
    );
    const pool = new BallotWorkerPool({ workers: 2, entry });
    try {
      const { ctx, ballots } = ballotsOf('BELENIOS-2048-single');
      const failure = pool.check(ctx, ballots);
      await expect(failure).rejects.toBeInstanceOf(BallotWorkerError);
      await expect(failure).rejects.toThrow(/ballot worker exited with code 1: boom/);
      await expect(pool.check(ctx, ballots)).rejects.toThrow(/boom/);
    } finally {
      await pool.close();
    }
  });

  it('reports a worker that exits on its own', async () => {
    const entry = workerSource(
      `parentPort.on('message', (m) => { if (m.type === 'check') process.exit(7); });`,
    );
    const pool = new BallotWorkerPool({ workers: 1, entry });
    try {
      const { ctx, ballots } = ballotsOf('BELENIOS-2048-single');
      await expect(pool.check(ctx, ballots)).rejects.toThrow('ballot worker exited with code 7');
    } finally {
      await pool.close();
    }
  });

  it('reports a worker module that cannot be loaded', async () => {
    const pool = new BallotWorkerPool({ workers: 2, entry: new URL('./no-such-worker.js', import.meta.url) });
    try {
      const { ctx, ballots } = ballotsOf('BELENIOS-2048-single');
      await expect(pool.check(ctx, ballots)).rejects.toThrow(
        /ballot worker exited with code 1: Cannot find module/,
      );
    } finally {
      await pool.close();
    }
  });

  it('fails pending batches on close() and refuses new ones', async () => {
    const pool = new BallotWorkerPool({ workers: 1 });
    const { ctx, ballots } = ballotsOf('BELENIOS-2048-single');
    const pending = expect(pool.check(ctx, ballots)).rejects.toThrow('closed');
    await pool.close();
    await pending;
    await expect(pool.check(ctx, ballots)).rejects.toThrow('closed');
  });

  it('rejects a pool size that is not a positive integer', () => {
    expect(() => new BallotWorkerPool({ workers: 0 })).toThrow(RangeError);
    expect(() => new BallotWorkerPool({ chunkSize: 1.5 })).toThrow(RangeError);
  });
});

describe('BallotWorkerPool in a script that never calls close()', () => {
  const root = join(import.meta.dirname, '..', '..');
  const archive = join(root, 'test', 'fixtures', 'belenios-2.0', 'invalid-ballot-tampered-proof.bel');
  /** Verifies an archive through the pool and prints the verdict; the process must then exit on its own. */
  const script = (poolModule: string, parseModule: string, verifierModule: string) => `
    const { readFileSync } = await import('node:fs');
    const { BallotWorkerPool } = await import(${JSON.stringify(poolModule)});
    const { parseArchive } = await import(${JSON.stringify(parseModule)});
    const { verifyArchive } = await import(${JSON.stringify(verifierModule)});
    const pool = new BallotWorkerPool({ workers: 2 });
    const report = await verifyArchive(parseArchive(new Uint8Array(readFileSync(${JSON.stringify(archive)}))), pool.check);
    console.log(JSON.stringify({ ok: report.ok, check: report.failure?.check, ballots: report.counts.ballots }));
  `;
  const run = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, timeout: 60_000 });
    return JSON.parse(stdout) as unknown;
  };
  const expected = { ok: false, check: 'ballots', ballots: 0 };

  it('runs from the TypeScript sources (tsx) and exits', async () => {
    const src = (path: string) => join(root, 'src', path);
    const code = script(
      src('node/ballot-worker-pool.ts'),
      src('protocol/archive/archive.ts'),
      src('protocol/verifier.ts'),
    );
    expect(await run(['--import', 'tsx', '--input-type=module', '-e', code])).toEqual(expected);
  });

  const dist = (path: string) => join(root, 'dist', path);
  it.skipIf(!existsSync(dist('node/ballot-worker.js')))(
    'runs from the compiled dist/ (npm run build) and exits',
    async () => {
      const code = script(
        dist('node/ballot-worker-pool.js'),
        dist('protocol/archive/archive.js'),
        dist('protocol/verifier.js'),
      );
      expect(await run(['--input-type=module', '-e', code])).toEqual(expected);
    },
  );
});
