/**
 * A whole election in RFC-3526-2048 (2047-bit q: every exponentiation is ~8× dearer than in
 * BELENIOS-2048, so the election is kept tiny): two Single trustees, a blank vote, a weighted voter
 * and a revote.
 */
import { describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { simulateElection } from '../support/simulate.js';

describe('RFC-3526-2048 election', () => {
  it('verifies and finds the expected result', async () => {
    const election = simulateElection({
      group: 'RFC-3526-2048',
      questions: [{ answers: ['Yes', 'No'], blank: true, min: 1, max: 1, question: 'Approve?' }],
      voters: [undefined, 3n],
      trustees: { singles: 2 },
      votes: [
        { voter: 1, plaintext: [[0, 0, 1]] },
        { voter: 0, plaintext: [[1, 0, 0]] },
        { voter: 1, plaintext: [[0, 1, 0]] },
      ],
    });
    expect(JSON.parse(election.model.election)).toMatchObject({ group: 'RFC-3526-2048' });
    expect(election.expected.result).toEqual([[1, 3, 0]]);
    const report = await verifyArchive(parseArchive(election.bytes));
    expect(report.failure).toBeUndefined();
    expect(report.phase).toBe('result');
    expect(report.counts).toMatchObject({ ballots: 3, tallied: 2, partialDecryptions: 2 });
    expect(report.result).toEqual(election.expected.result);
  });
});
