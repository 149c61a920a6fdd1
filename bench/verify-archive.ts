/**
 * Verification of the belenios-tool 2.0 vector archives (test/fixtures/belenios-2.0): whole
 * `verifyArchive` runs, then the throughput of ballot checks alone (each archive's ballots repeated
 * into a larger batch) in-process with BigInt, in-process with the OpenSSL engine, and through the
 * worker pool with 1 and 2 workers (warm). The vectors are small (6 ballots, 2 questions each), so the
 * whole-archive figures mostly show fixed costs; a 1,000-ballot election bench belongs in its own file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Bench, formatNumber, load, medianOf, now, printTable } from './harness.js';

type Modules = {
  archive: typeof import('../src/protocol/archive/archive.js');
  verifier: typeof import('../src/protocol/verifier.js');
  election: typeof import('../src/protocol/election.js');
  arithmetic: typeof import('../src/core/arithmetic.js');
  engine: typeof import('../src/node/modexp-engine.js');
  pool: typeof import('../src/node/ballot-worker-pool.js');
};
type BallotBatchChecker = import('../src/protocol/verifier.js').BallotBatchChecker;
type ParsedArchive = import('../src/protocol/archive/archive.js').ParsedArchive;

const VECTORS = new URL('../test/fixtures/belenios-2.0/', import.meta.url);
const ELECTIONS = [
  'BELENIOS-2048-single',
  'BELENIOS-2048-threshold',
  'RFC-3526-2048-single',
  'RFC-3526-2048-threshold',
];
/** Ballots per timed batch: a second or two of work for one thread with OpenSSL. */
const BATCH = { 'BELENIOS-2048': 48, 'RFC-3526-2048': 12 } as const;

async function loadModules(): Promise<Modules> {
  return {
    archive: await load('protocol/archive/archive'),
    verifier: await load('protocol/verifier'),
    election: await load('protocol/election'),
    arithmetic: await load('core/arithmetic'),
    engine: await load('node/modexp-engine'),
    pool: await load('node/ballot-worker-pool'),
  };
}

function readArchive(m: Modules, folder: string): ParsedArchive {
  const dir = new URL(`${folder}/`, VECTORS);
  const name = readdirSync(fileURLToPath(dir)).find((f) => f.endsWith('.bel'));
  if (!name) throw new Error(`no archive in ${folder}`);
  return m.archive.parseArchive(new Uint8Array(readFileSync(fileURLToPath(new URL(name, dir)))));
}

function ballotsOf(archive: ParsedArchive) {
  const payload = (hash: string | undefined) => archive.data.get(hash!)!;
  const setup = JSON.parse(payload(archive.events[0]!.event.payload)) as { election: string };
  const raw = payload(setup.election);
  const ballots = archive.events
    .filter((r) => r.event.type === 'Ballot')
    .map((r) => payload(r.event.payload));
  return { raw, ballots, group: (JSON.parse(raw) as { group: keyof typeof BATCH }).group };
}

export const verifyArchiveBench: Bench = {
  name: 'verify-archive',
  description: 'belenios-tool 2.0 vector archives: in-process (BigInt, OpenSSL) vs worker pool',
  async run({ runs }) {
    const m = await loadModules();
    const useBigInt = () => m.arithmetic.setModExpEngine(m.arithmetic.portableEngine);
    const useOpenSsl = () => m.engine.installNodeEngine();

    // Cold start: new pool, first batch of one ballot (worker start, module load, group tables).
    const first = ballotsOf(readArchive(m, ELECTIONS[0]!));
    const firstCtx = m.election.loadElection(first.raw);
    const coldStart = await medianOf(runs, async () => {
      const pool = new m.pool.BallotWorkerPool({ workers: 2 });
      const started = now();
      await pool.check(firstCtx, first.ballots.slice(0, 2));
      const ms = now() - started;
      await pool.close();
      return ms;
    });

    const pools = {
      1: new m.pool.BallotWorkerPool({ workers: 1 }),
      2: new m.pool.BallotWorkerPool({ workers: 2 }),
    };
    // BigInt is ~4× slower: whole archives only, one run.
    const checkers: { label: string; install: () => void; checker: BallotBatchChecker; slow?: true }[] = [
      { label: 'in-process, BigInt', install: useBigInt, checker: m.verifier.inProcessChecker, slow: true },
      { label: 'in-process, OpenSSL', install: useOpenSsl, checker: m.verifier.inProcessChecker },
      { label: 'pool, 1 worker', install: useOpenSsl, checker: pools[1].check },
      { label: 'pool, 2 workers', install: useOpenSsl, checker: pools[2].check },
    ];
    const whole: Record<string, string>[] = [];
    const throughput: Record<string, string>[] = [];
    try {
      for (const folder of ELECTIONS) {
        const archive = readArchive(m, folder);
        const { raw, ballots, group } = ballotsOf(archive);
        const ctx = m.election.loadElection(raw);
        const batch = Array.from({ length: BATCH[group] }, (_, i) => ballots[i % ballots.length]!);
        const wholeRow: Record<string, string> = { archive: folder, ballots: String(ballots.length) };
        const throughputRow: Record<string, string> = {
          election: folder,
          'batch size': String(batch.length),
        };
        for (const { label, install, checker, slow } of checkers) {
          install();
          await checker(ctx, ballots); // warm: workers started, election loaded
          const ms = await medianOf(slow ? 1 : runs, async () => {
            const report = await m.verifier.verifyArchive(archive, checker);
            if (!report.ok) throw new Error(`${folder} does not verify: ${report.failure?.message}`);
            return report.ms;
          });
          wholeRow[`${label} (ms)`] = formatNumber(ms);
          process.stderr.write('.');
          if (slow) continue;
          const perSecond = await medianOf(runs, async () => {
            const started = now();
            const checks = await checker(ctx, batch);
            if (!checks.every((c) => c.ok)) throw new Error(`${folder}: a vector ballot was rejected`);
            return (batch.length * 1000) / (now() - started);
          });
          throughputRow[`${label} (ballots/s)`] = formatNumber(perSecond, 1);
          process.stderr.write('.');
        }
        whole.push(wholeRow);
        throughput.push(throughputRow);
      }
    } finally {
      useBigInt();
      await Promise.all([pools[1].close(), pools[2].close()]);
    }
    process.stderr.write('\n');
    printTable('verifyArchive on the vector archives (warm; whole verification, ms; BigInt: 1 run)', whole);
    printTable('Ballot checks alone (vector ballots repeated; ballots/s)', throughput);
    console.log(
      `\nPool cold start (2 workers, first batch of 2 ballots, BELENIOS-2048): ${formatNumber(coldStart)} ms`,
    );
  },
};
