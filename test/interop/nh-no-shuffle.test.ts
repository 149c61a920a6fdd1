/**
 * Issue 15 (part 3), against Inria's tool: the archive Scrutin's server used to publish for a
 * non-homomorphic question — its ciphertexts decrypted with no Shuffle/EndShuffles before — is
 * rejected by `belenios-tool election verify` (exit 124, "check_result failed"), as by Scrutin's
 * verifiers (which name the `shuffles` check). Skipped only when belenios-tool is not installed.
 *
 * belenios-tool 2.0 has no check of its own that NH ciphertexts were shuffled: it fails
 * `check_result` apparently because it orders the ciphertexts of the tally its own way, which differs from
 * Scrutin's casting order — except by chance (3 of 14 freshly generated such archives passed with
 * "all checks passed"; the committed fixture is one it rejects). So only the fixture is compared
 * here; Scrutin's `shuffles` check does not depend on any order (src/protocol/verifier.test.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  },
);
