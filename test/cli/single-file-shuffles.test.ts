/**
 * The single-file verifier (dist/scrutin-verify.mjs, alone in a bare folder, plain `node`) and
 * non-homomorphic questions (issues 15, 18): an archive that decrypts them without a shuffle fails
 * the `shuffles` check, and so does a tampered shuffle (exit 124); belenios-tool's mixnet vector,
 * with its two shuffles, verifies.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildVerifier } from '../../src/cli/bundle.js';
import { run, tempDir } from '../support/tools.js';
import { archivePath } from '../support/vectors.js';

const NO_SHUFFLE = join(import.meta.dirname, '..', 'fixtures', 'nh-no-shuffle');
const SHUFFLES = join(import.meta.dirname, '..', 'fixtures', 'shuffles');

let bundleDir: string;
let bundle: string;

const verifier = (args: string[]) =>
  run(process.execPath, [bundle, ...args], { cwd: bundleDir, env: { NODE_PATH: '', NODE_OPTIONS: '' } });

function folderWith(archive: string): string {
  const dir = join(bundleDir, `election-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  copyFileSync(archive, join(dir, archive.split('/').pop()!));
  return dir;
}

beforeAll(async () => {
  bundleDir = tempDir('single-file-nh');
  const built = await buildVerifier(join(tempDir('single-file-nh-build'), 'scrutin-verify.mjs'));
  bundle = join(bundleDir, 'scrutin-verify.mjs');
  copyFileSync(built.file, bundle);
}, 120_000);

describe('node scrutin-verify.mjs on non-homomorphic questions', () => {
  it('rejects ciphertexts decrypted without a shuffle, naming the shuffles check', () => {
    const archive = join(NO_SHUFFLE, readdirSync(NO_SHUFFLE).find((f) => f.endsWith('.bel'))!);
    const { status, stdout, stderr } = verifier([folderWith(archive), '--json']);
    expect(status).toBe(124);
    expect(stderr).toContain('E: failed check: shuffles');
    expect(stderr).toMatch(/decrypted without a shuffle/);
    expect(stderr).not.toContain('all checks passed');
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      outcome: 'invalid',
      failure: { check: 'shuffles' },
    });
  });

  it('verifies the mixnet vector (two shuffles by belenios-tool): all checks passed, exit 0', () => {
    const { status, stdout, stderr } = verifier([
      folderWith(archivePath('RFC-3526-2048-nh-mixnet')),
      '--json',
    ]);
    expect(stderr).toContain('I: all checks passed');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, outcome: 'verified', phase: 'result' });
  });

  it('rejects a tampered shuffle proof, naming the shuffles check, exit 124', () => {
    const { status, stdout, stderr } = verifier([
      folderWith(join(SHUFFLES, 'invalid-shuffle-tampered-proof.bel')),
      '--json',
    ]);
    expect(status).toBe(124);
    expect(stderr).toContain('E: failed check: shuffles');
    expect(stderr).not.toContain('all checks passed');
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      outcome: 'invalid',
      failure: { check: 'shuffles', reason: 'invalid-proof', trustee: 1 },
    });
  });
});
