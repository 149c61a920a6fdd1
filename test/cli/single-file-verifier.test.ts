/**
 * The single-file verifier as a voter of the losing side meets it: dist/scrutin-verify.mjs alone in
 * a fresh folder of the system's temp directory (no node_modules anywhere above it), run with plain
 * `node`. It verifies Belenios 2.0 vectors and an archive served by Scrutin (enough ballots for the
 * worker-thread pool, whose workers are the bundle itself), rejects tampered copies with exit code
 * 124 naming the check, prints scrutin-tool's messages, and consolidates two boxes.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVerifier } from '../../src/cli/bundle.js';
import { demoVote } from '../support/served-election.js';
import { type Tampering, tamperArchive } from '../support/tamper-archive.js';
import { run, scrutinTool, tempDir } from '../support/tools.js';
import { archivePath, readVector } from '../support/vectors.js';
import { advance, draftElection, organisationWithAdmin } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** More than scrutin-tool's POOL_THRESHOLD (24): the ballots go through worker threads. */
const SERVED_BALLOTS = 30;

let bundleDir: string;
let bundle: string;
let served: { id: string; bytes: Uint8Array };
let server: TestServer | undefined;

const verifier = (args: string[]) =>
  // Only what a bare machine has: no NODE_PATH, no NODE_OPTIONS (vitest's loaders), cwd = the folder.
  run(process.execPath, [bundle, ...args], {
    cwd: bundleDir,
    env: { NODE_PATH: '', NODE_OPTIONS: '' },
  });

function folderWith(name: string, bytes: Uint8Array): string {
  const dir = join(bundleDir, `election-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), bytes);
  return dir;
}

const vector = (folder: string) => {
  const path = archivePath(folder);
  return { name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) };
};

beforeAll(async () => {
  bundleDir = tempDir('single-file');
  for (let dir = bundleDir; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'node_modules'))) throw new Error(`${dir}/node_modules would be reachable`);
  // Built exactly as `npm run build` builds it, then copied alone into the bare folder.
  const built = await buildVerifier(join(tempDir('single-file-build'), 'scrutin-verify.mjs'));
  bundle = join(bundleDir, 'scrutin-verify.mjs');
  copyFileSync(built.file, bundle);
  expect(readFileSync(`${built.file}.sha256`, 'utf8')).toBe(
    `${createHash('sha256').update(readFileSync(bundle)).digest('hex')}  scrutin-verify.mjs\n`,
  );

  server = await startTestServer();
  const { organisationId: organisation, admin } = await organisationWithAdmin(
    server,
    'Single-file verifier org',
  );
  const election = await draftElection(server, organisation, admin, { voters: SERVED_BALLOTS, singles: 1 });
  await advance(
    server,
    election,
    admin,
    'published',
    Array.from({ length: SERVED_BALLOTS }, (_, i) => demoVote(i)),
  );
  const response = await server.app.inject({ url: `/api/v1/elections/${election.id}/archive.bel` });
  expect(response.statusCode).toBe(200);
  served = { id: election.id, bytes: new Uint8Array(response.rawPayload) };
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('node scrutin-verify.mjs DIR', () => {
  it('is built reproducibly: another build elsewhere gives the same SHA-256', async () => {
    const again = await buildVerifier(join(tempDir('single-file-rebuild'), 'nested', 'scrutin-verify.mjs'));
    expect(again.sha256).toBe(createHash('sha256').update(readFileSync(bundle)).digest('hex'));
  });

  it('is one file that imports nothing but Node built-ins', () => {
    const source = readFileSync(bundle, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imports = [...source.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const requires = [...source.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const name of [...imports, ...requires])
      expect(name).toMatch(/^node:|^(events|child_process|path|fs|process)$/);
  });

  it.each(['BELENIOS-2048-single', 'RFC-3526-2048-threshold'])(
    'verifies the Belenios vector %s and prints its result in the JSON report',
    (folder) => {
      const { name, bytes } = vector(folder);
      const { status, stdout, stderr } = verifier([folderWith(name, bytes), '--json']);
      expect(stderr).toContain('I: all checks passed');
      expect(status).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.ok).toBe(true);
      expect(report.result).toEqual(JSON.parse(readVector(folder, 'expected-result.json')));
    },
  );

  it('verifies an archive served by Scrutin, its ballots checked on worker threads, like scrutin-tool', () => {
    const dir = folderWith(`${served.id}.bel`, served.bytes);
    const { status, stdout, stderr } = verifier([dir, '--json']);
    expect(stderr).toBe(`I: using directory ${dir}\nI: all checks passed\n`);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.counts).toMatchObject({ ballots: SERVED_BALLOTS, tallied: SERVED_BALLOTS });
    const statuses = Object.fromEntries(
      report.checks.map((c: { name: string; status: string }) => [c.name, c.status]),
    );
    expect(statuses).toMatchObject({ ballots: 'pass', 'partial-decryptions': 'pass', result: 'pass' });
    // The same verdict and result as the repository's scrutin-tool on the same folder.
    const tool = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
    expect(tool.status).toBe(0);
    expect(JSON.parse(tool.stdout).result).toEqual(report.result);
  });

  it.each<[Tampering, string, RegExp]>([
    ['ballot', 'ballots', /invalid zero-knowledge proof/],
    ['result', 'result', /result does not match the decryption/],
  ])('rejects a served archive with a tampered %s: exit 124, naming the %s check', (how, check, message) => {
    const dir = folderWith(`${served.id}.bel`, tamperArchive(served.bytes, how));
    const { status, stdout, stderr } = verifier([dir, '--json']);
    expect(status).toBe(124);
    expect(stderr).toContain(`E: failed check: ${check}\n`);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('all checks passed');
    expect(JSON.parse(stdout).failure).toMatchObject({ check });
    // Word for word scrutin-tool's messages, after the program's name.
    const tool = scrutinTool(['election', 'verify', '--dir', dir]);
    expect(tool.status).toBe(124);
    expect(stderr.replace('scrutin-verify: ', 'scrutin-tool: ')).toBe(tool.stderr);
  });

  it('rejects a tampered Belenios vector too, and a folder without an archive', () => {
    const { name, bytes } = vector('BELENIOS-2048-single');
    const tampered = verifier([folderWith(name, tamperArchive(bytes, 'ballot'))]);
    expect(tampered.status).toBe(124);
    expect(tampered.stderr).toContain('E: failed check: ballots');
    const empty = folderWith('notes.txt', new TextEncoder().encode('nothing here'));
    const none = verifier([empty]);
    expect(none.status).toBe(124);
    expect(none.stderr).toMatch(/scrutin-verify: no election archive \(UUID\.bel\) in /);
  });
});

describe('node scrutin-verify.mjs consolidate', () => {
  it('verifies two boxes on the same questions and adds their results', () => {
    const a = vector('BELENIOS-2048-single');
    const b = vector('RFC-3526-2048-single');
    const paths = [join(folderWith(a.name, a.bytes), a.name), join(folderWith(b.name, b.bytes), b.name)];
    const { status, stdout, stderr } = verifier(['consolidate', ...paths, '--json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.counted.boxes).toBe(2);
    // Q1 is "pick one": each box's weighted counts, added.
    const first = JSON.parse(readVector('BELENIOS-2048-single', 'expected-result.json'))[0] as number[];
    const second = JSON.parse(readVector('RFC-3526-2048-single', 'expected-result.json'))[0] as number[];
    expect(report.presentation.questions[0].answers.map((x: { count: string }) => Number(x.count))).toEqual(
      first.map((n, i) => n + second[i]!),
    );
  });

  it('names the tampered box and exits with 124', () => {
    const a = vector('BELENIOS-2048-single');
    const b = vector('RFC-3526-2048-single');
    const bad = join(folderWith(b.name, tamperArchive(b.bytes, 'result')), b.name);
    const { status, stderr } = verifier(['consolidate', join(folderWith(a.name, a.bytes), a.name), bad]);
    expect(status).toBe(124);
    expect(stderr).toContain(`scrutin-verify: box ${bad}: `);
  });
});
