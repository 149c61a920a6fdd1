/**
 * Issue 15 (part 3), against Inria's tool: the archive Scrutin's server used to publish for a
 * non-homomorphic question — its ciphertexts decrypted with no Shuffle/EndShuffles before — is
 * rejected by `belenios-tool election verify` (exit 124, "check_result failed"), as by Scrutin's
 * verifiers (which name the `shuffles` check). So is the same archive with an EndShuffles event and
 * no Shuffle. Skipped only when belenios-tool is not installed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { makeNhNoShuffleArchive } from '../support/nh-no-shuffle.js';
import { beleniosTool, hasBeleniosTool, scrutinTool, tempDir } from '../support/tools.js';

const NO_SHUFFLE = join(import.meta.dirname, '..', 'fixtures', 'nh-no-shuffle');
const fixtureName = () => readdirSync(NO_SHUFFLE).find((f) => f.endsWith('.bel'))!;

function folderWith(name: string, bytes: Uint8Array): string {
  const dir = join(tempDir('nh-interop'), 'election');
  mkdirSync(dir);
  writeFileSync(join(dir, name), bytes);
  return dir;
}

describe.skipIf(!hasBeleniosTool)(
  'belenios-tool on non-homomorphic ciphertexts decrypted without a shuffle',
  () => {
    it('rejects the fixture (check_result failed), as scrutin-tool does', () => {
      const dir = folderWith(fixtureName(), new Uint8Array(readFileSync(join(NO_SHUFFLE, fixtureName()))));
      const belenios = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(belenios.status).toBe(124);
      expect(belenios.stderr).toContain('check_result failed');
      expect(belenios.stderr).not.toContain('all checks passed');
      const ours = scrutinTool(['election', 'verify', '--dir', dir]);
      expect(ours.status).toBe(124);
      expect(ours.stderr).toContain('E: failed check: shuffles');
    });

    it('rejects an EndShuffles with no Shuffle before the decryption, as verifyArchive does', async () => {
      const made = makeNhNoShuffleArchive({ endShuffles: true });
      const belenios = beleniosTool([
        'election',
        'verify',
        '--dir',
        folderWith(`${made.uuid}.bel`, made.bytes),
      ]);
      expect(belenios.status).toBe(124);
      expect(belenios.stderr).toContain('check_result failed');
      const report = await verifyArchive(parseArchive(made.bytes));
      expect(report).toMatchObject({ ok: false, failure: { check: 'shuffles' } });
    });
  },
);
