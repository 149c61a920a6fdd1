/**
 * Gaps in verifyArchive found with simulated elections. The tests state the behaviour a verifier
 * should have; they fail until src/protocol/verifier.ts is fixed (see the comment on each).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import {
  memoizedChecker,
  type SimulatedElection,
  simulateElection,
  writeArchive,
} from '../support/simulate.js';

let election: SimulatedElection;
const checker = memoizedChecker();

beforeAll(() => {
  election = simulateElection({
    group: 'BELENIOS-2048',
    questions: [{ answers: ['A', 'B'], min: 1, max: 1, question: 'A or B' }],
    voters: 2,
    trustees: { singles: 2 },
    votes: [{ voter: 0, plaintext: [[1, 0]] }],
  });
});

describe('verifyArchive gaps', () => {
  // Events: Setup 0, Ballot 1, EndBallots 2, EncryptedTally 3, PartialDecryption 4 and 5, Result 6.
  it('refuses an EndShuffles event that carries a payload, as it refuses one on EndBallots', async () => {
    // The verifier checks `payload === undefined` for EndBallots but not for EndShuffles, so an
    // EndShuffles pointing at any data file is accepted. Upstream Belenios refuses both ("extra payload
    // found at height N"); the spec's event table gives neither of them a payload.
    const model = { ...election.model, result: undefined };
    const bytes = writeArchive(model, {
      editEvent: (i, e) => (i === 4 ? { ...e, type: 'EndShuffles' } : e), // the first PartialDecryption, payload kept
    });
    const report = await verifyArchive(parseArchive(bytes), checker);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ check: 'chain', height: 4 });
  });

  it('names the trustee whose partial decryption is malformed', async () => {
    // The owner is decoded before the partial decryption, but the decode failure of the latter is
    // reported without `trustee` (verifier.ts, case 'PartialDecryption': decode(...partialDecryptionCodec...)),
    // whereas every other partial-decryption failure names it.
    const [first, second] = election.model.partialDecryptions;
    const malformed = {
      ...second!,
      raw: second!.raw.replace('"decryption_factors":[["', '"decryption_factors":[["0'),
    };
    const report = await verifyArchive(
      parseArchive(writeArchive({ ...election.model, partialDecryptions: [first!, malformed] })),
      checker,
    );
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ check: 'partial-decryptions', height: 5, trustee: 2 });
  });
});
