/**
 * Verification in the browser against the command line, on the same archive: the cached
 * 1,000-ballot BELENIOS-2048 election of bench/election.ts (200 ballots with --quick), verified by
 * the public election page's "Verify this election in my browser" in headless Chromium with 1 and
 * 2 Web Workers, by `scrutin-tool election verify` and by the single-file `dist/scrutin-verify.mjs`
 * (both on worker threads, one per core). The page is the built election page served with its
 * real CSP by the server's static routes; its API answers (summary, archive) come from the archive.
 * Figures: ballots/s of the ballot checks (each verifier's own timing of its ballots check) and the
 * wall time of the whole verification (the CLIs include process start; the browser, the download).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchElection } from './election.js';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SCRUTIN_TOOL = join(ROOT, 'bin', 'scrutin-tool.js');
const SINGLE_FILE = join(ROOT, 'dist', 'scrutin-verify.mjs');

interface Measure {
  ballots: number;
  ballotMs: number;
  wallMs: number;
}

interface Report {
  ok: boolean;
  counts: { ballots: number };
  checks: { name: string; ms: number }[];
}

function cli(args: string[]): Measure {
  const started = now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', input: '', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as Report;
  const ballotMs = report.checks.find((c) => c.name === 'ballots')!.ms;
  return { ballots: report.counts.ballots, ballotMs, wallMs };
}

/** The public page's API, answered from the archive: what the election page reads before verifying. */
async function serve(archivePath: string) {
  const Fastify = (await import('fastify')).default;
  const { staticRoutes } =
    await load<typeof import('../src/server/routes/static.js')>('server/routes/static');
  const { parseArchive } =
    await load<typeof import('../src/protocol/archive/archive.js')>('protocol/archive/archive');
  const bytes = readFileSync(archivePath);
  const archive = parseArchive(new Uint8Array(bytes));
  const payload = (hash: string | undefined) => archive.data.get(hash!)!;
  const electionRaw = payload(JSON.parse(payload(archive.events[0]!.event.payload)).election);
  const election = JSON.parse(electionRaw) as { uuid: string; name: string; questions: unknown[] };
  const resultEvent = archive.events.find((r) => r.event.type === 'Result');
  const ballots = archive.events.filter((r) => r.event.type === 'Ballot').length;
  const summary = {
    id: election.uuid,
    name: election.name,
    description: '',
    state: 'published',
    questions: election.questions,
    timeZone: 'UTC',
    opensAt: null,
    closesAt: null,
    sealed: null,
    turnout: { ballots, voters: ballots },
    result: resultEvent ? JSON.parse(payload(resultEvent.event.payload)).result : null,
    annulReason: null,
    election: electionRaw,
  };
  const app = Fastify();
  await app.register(staticRoutes(undefined as never));
  const base = `/api/v1/elections/${election.uuid}`;
  app.get(base, async () => summary);
  app.get(`${base}/ballots`, async () => ({ ballots: [] }));
  app.get(`${base}/verification`, async () => ({ ok: true, verifiedHeight: null }));
  app.get(`${base}/archive.bel`, async (_request, reply) =>
    reply.header('content-type', 'application/octet-stream').send(bytes),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url: `${origin}/elections/${election.uuid}`, ballots };
}

export const browserVerifyBench: Bench = {
  name: 'browser-verify',
  description:
    'whole-archive verification in Chromium (1 and 2 Web Workers) vs scrutin-tool and scrutin-verify.mjs',
  async run({ runs, seconds }) {
    const quick = seconds < 1;
    const count = quick ? 200 : 1000;
    const built = await benchElection('BELENIOS-2048', count);
    const archiveName = readdirSync(built.tallied).find((name) => name.endsWith('.bel'))!;
    const rows: Record<string, string>[] = [];
    const rates: number[] = [];
    const row = (verifier: string, workers: string, m: Measure) => {
      const rate = (m.ballots * 1000) / m.ballotMs;
      rates.push(rate);
      rows.push({
        verifier,
        workers,
        ballots: String(m.ballots),
        'ballots/s (ballot checks)': formatNumber(rate, 1),
        'whole verification (s)': formatNumber(m.wallMs / 1000, 1),
      });
    };
    const best = (measures: Measure[]) => measures.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const repeat = <T>(n: number, f: () => T) => Array.from({ length: n }, f);

    const cores = String(availableParallelism());
    console.error('  scrutin-tool election verify…');
    row(
      'scrutin-tool election verify',
      cores,
      best(repeat(runs, () => cli([SCRUTIN_TOOL, 'election', 'verify', '--dir', built.tallied, '--json']))),
    );
    if (existsSync(SINGLE_FILE)) {
      console.error('  node dist/scrutin-verify.mjs…');
      row(
        'node dist/scrutin-verify.mjs',
        cores,
        best(repeat(runs, () => cli([SINGLE_FILE, built.tallied, '--json']))),
      );
    }

    if (!existsSync(CHROMIUM)) {
      printTable(`Verification of ${archiveName} (${count} ballots); Chromium not installed`, rows);
      return;
    }
    const { chromium } = await import('playwright-core');
    const served = await serve(join(built.tallied, archiveName));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      // One browser run per worker count even in full mode: a run is minutes of BigInt arithmetic.
      for (const workers of [1, 2]) {
        console.error(`  Chromium, ${workers} worker(s)…`);
        const page = await browser.newPage();
        await page.goto(`${served.url}?verify-workers=${workers}`);
        await page.locator('#browser-verify-start').waitFor();
        const started = now();
        await page.locator('#browser-verify-start').click();
        await page.locator('#browser-verify-outcome').waitFor({ timeout: 30 * 60_000 });
        const wallMs = now() - started;
        if ((await page.locator('#browser-verify-outcome').getAttribute('data-outcome')) !== 'pass')
          throw new Error(
            `the browser verification failed: ${await page.locator('#browser-verify-outcome').textContent()}`,
          );
        const ballotMs = Number(
          await page.locator('#browser-verify-checks tr[data-check="ballots"]').getAttribute('data-ms'),
        );
        row(`Chromium ${browser.version()} (election page)`, String(workers), {
          ballots: served.ballots,
          ballotMs,
          wallMs,
        });
        await page.close();
      }
    } finally {
      await browser.close();
      await served.app.close();
    }
    printTable(`Verification of one BELENIOS-2048 archive (${count} ballots, 1 question of 3 answers)`, rows);
    const cliRate = rates[0]!;
    const browserRate = rates.at(-1)!;
    console.log(
      `\nBrowser (2 workers) vs scrutin-tool, ballot checks: ${formatNumber(cliRate / browserRate, 1)}× slower (goal: within 2×).`,
    );
  },
};
