import { describe, expect, it } from 'vitest';
import { parseArchive } from './archive/archive.js';
import { verifyArchive } from './verifier.js';
import { readArchiveBytes, readVector, VALID_ELECTIONS } from '../../test/support/vectors.js';

describe('verifyArchive on belenios-tool 2.0 vectors', () => {
  for (const folder of VALID_ELECTIONS) {
    it(`accepts ${folder} and finds its stated result`, async () => {
      const report = await verifyArchive(parseArchive(readArchiveBytes(folder)));
      expect(report.failure).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.phase).toBe('result');
      expect(report.result).toEqual(JSON.parse(readVector(folder, 'expected-result.json')));
    });
  }
});
