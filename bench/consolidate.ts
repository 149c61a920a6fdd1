/**
 * Consolidating a congress: BOXES ballot boxes of BALLOTS ballots each (default 100 × 1,000; set
 * CONSOLIDATE_BOXES / CONSOLIDATE_BALLOTS for smaller runs), BELENIOS-2048, one question with
 * three candidates and blank. The archives are generated once, in parallel by one generator thread
 * per core, and cached under .cache/bench/consolidate/ (git-ignored). The figure is what
 * `scrutin-tool consolidate` does: verify every box in full (ballots on the worker pool, a few
 * boxes at a time) and add their results; the sum is checked against the clear votes cast.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoxId, ConsultationId, ElectionId } from '../src/core/ids.js';
import type { FromConsolidateWorker, ToConsolidateWorker } from './consolidate-worker.js';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sizeFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

/** Generates the missing archives on one thread per core; returns each box's clear counts. */
async function generate(dir: string, boxes: number, ballots: number): Promise<string[][]> {
  const expectedPath = join(dir, 'expected.json');
  const expected: (string[] | null)[] = existsSync(expectedPath)
    ? JSON.parse(readFileSync(expectedPath, 'utf8'))
    : Array.from({ length: boxes }, () => null);
  const missing = expected.flatMap((counts, index) => (counts === null ? [index] : []));
  if (missing.length === 0) return expected as string[][];
  const { startModuleWorker } =
    await load<typeof import('../src/node/module-worker.js')>('node/module-worker');
  const threads = Math.min(availableParallelism(), missing.length);
  console.error(`  generating ${missing.length} boxes of ${ballots} ballots on ${threads} threads…`);
  const started = now();
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = startModuleWorker(new URL('./consolidate-worker.ts', import.meta.url));
      try {
        for (let index = missing.shift(); index !== undefined; index = missing.shift()) {
          const answer = await new Promise<FromConsolidateWorker>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage({
              index,
              ballots,
              path: join(dir, `box-${index + 1}.bel`),
            } satisfies ToConsolidateWorker);
          });
          if ('error' in answer) throw new Error(`box ${index + 1}: ${answer.error}`);
          expected[index] = answer.counts;
          // Saved after every box, so an interrupted generation resumes.
          writeFileSync(expectedPath, JSON.stringify(expected));
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  console.error(`  generated in ${formatNumber((now() - started) / 1000, 1)} s`);
  return expected as string[][];
}

export const consolidateBench: Bench = {
  name: 'consolidate',
  description: 'congress consolidation: verify every box archive and add their results',
  async run() {
    const boxes = sizeFromEnv('CONSOLIDATE_BOXES', 100);
    const ballots = sizeFromEnv('CONSOLIDATE_BALLOTS', 1000);
    const dir = join(ROOT, '.cache', 'bench', 'consolidate', `${boxes}x${ballots}`);
    mkdirSync(dir, { recursive: true });
    const expected = await generate(dir, boxes, ballots);
    const platform = await load<typeof import('../src/node/platform.js')>('node/platform');
    const poolModule =
      await load<typeof import('../src/node/ballot-worker-pool.js')>('node/ballot-worker-pool');
    const cli = await load<typeof import('../src/cli/scrutin-tool/consolidate-commands.js')>(
      'cli/scrutin-tool/consolidate-commands',
    );
    const congress = await load<typeof import('../src/congress/consolidation.js')>('congress/consolidation');
    platform.installNodePlatform();
    const pool = new poolModule.BallotWorkerPool();
    const paths = Array.from({ length: boxes }, (_, i) => join(dir, `box-${i + 1}.bel`));
    let verifiedMs = 0;
    let totalMs = 0;
    let counts: readonly string[] = [];
    try {
      // Start the worker threads first (as a server's pool is), so thread start-up is not timed.
      const archive =
        await load<typeof import('../src/protocol/archive/archive.js')>('protocol/archive/archive');
      const election = await load<typeof import('../src/protocol/election.js')>('protocol/election');
      const first = archive.parseArchive(new Uint8Array(readFileSync(paths[0]!)));
      const setup = JSON.parse(first.data.get(first.events[0]!.event.payload!)!) as { election: string };
      const ballot = first.events.find((e) => e.event.type === 'Ballot')!;
      await pool.check(election.loadElection(first.data.get(setup.election)!), [
        first.data.get(ballot.event.payload!)!,
      ]);
      const started = now();
      const verified = await cli.verifyBoxes(paths, pool.check);
      verifiedMs = now() - started;
      const report = congress.consolidate({
        consultation: { id: 'bench' as ConsultationId, name: 'bench', round: 1 },
        questions: verified[0]!.questions,
        rule: null,
        boxes: verified.map((box) => ({
          id: box.uuid as BoxId,
          label: box.uuid,
          channel: 'online' as const,
          electionId: box.uuid as ElectionId,
          replaces: null,
          annulment: null,
          verified: box,
        })),
      });
      totalMs = now() - started;
      counts = report.figures.counts[0]!;
    } finally {
      await pool.close();
    }
    const sums = [0, 1, 2, 3].map((slot) =>
      expected.reduce((sum, box) => sum + BigInt(box[slot]!), 0n).toString(),
    );
    if (JSON.stringify(counts) !== JSON.stringify(sums))
      throw new Error(
        `consolidated counts ${counts.join(',')} differ from the clear votes ${sums.join(',')}`,
      );
    printTable('Congress consolidation (verify every box, add the results)', [
      {
        boxes: String(boxes),
        'ballots per box': formatNumber(ballots),
        'ballots in all': formatNumber(boxes * ballots),
        'worker threads': String(pool.size),
        'cores available': String(availableParallelism()),
        'verify all boxes (s)': formatNumber(verifiedMs / 1000, 2),
        'verify + consolidate (s)': formatNumber(totalMs / 1000, 2),
        'ballots/s': formatNumber((boxes * ballots * 1000) / totalMs, 1),
        'matches clear votes': 'yes',
      },
    ]);
  },
};
