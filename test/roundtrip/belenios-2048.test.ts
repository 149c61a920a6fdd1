/**
 * Whole elections in BELENIOS-2048, built with the protocol API (test/support/simulate.ts) and
 * audited with verifyArchive: the verifier must accept them, report the phase they stopped in and
 * find the result expected from the clear votes (last vote per voter, weights, blank slot first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256B64 } from '../../src/core/hash.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { type VerificationReport, verifyArchive } from '../../src/protocol/verifier.js';
import {
  type ArchiveModel,
  memoizedChecker,
  type SimulatedElection,
  simulateElection,
  writeArchive,
} from '../support/simulate.js';

const checker = memoizedChecker();
const verify = (bytes: Uint8Array, fast = false) =>
  fast ? verifyArchive(parseArchive(bytes), checker) : verifyArchive(parseArchive(bytes));

function expectAccepted(report: VerificationReport, phase: VerificationReport['phase']): void {
  expect(report.failure).toBeUndefined();
  expect(report.ok).toBe(true);
  expect(report.phase).toBe(phase);
}

describe('a one-trustee election with two questions, blank votes and revotes', () => {
  let election: SimulatedElection;
  beforeAll(() => {
    election = simulateElection({
      group: 'BELENIOS-2048',
      questions: [
        { answers: ['Alice', 'Bob', 'Carol'], min: 1, max: 1, question: 'Pick one' },
        { answers: ['X', 'Y', 'Z'], blank: true, min: 1, max: 2, question: 'Pick one or two, or vote blank' },
      ],
      voters: 4,
      trustees: { singles: 1 },
      votes: [
        {
          voter: 0,
          plaintext: [
            [1, 0, 0],
            [0, 1, 1, 0],
          ],
        },
        {
          voter: 1,
          plaintext: [
            [0, 1, 0],
            [1, 0, 0, 0],
          ],
        },
        {
          voter: 2,
          plaintext: [
            [0, 0, 1],
            [0, 0, 0, 1],
          ],
        },
        {
          voter: 1,
          plaintext: [
            [1, 0, 0],
            [0, 1, 0, 0],
          ],
        }, // revote: replaces the blank vote
        {
          voter: 3,
          plaintext: [
            [0, 1, 0],
            [1, 0, 0, 0],
          ],
        }, // blank on the second question
      ],
    });
  });

  it('expects the last vote of each voter, blank first', () => {
    expect(election.expected.result).toEqual([
      [2, 1, 1],
      [1, 2, 1, 1],
    ]);
    expect(election.expected.numTallied).toBe(4);
  });

  it('verifies, counts every ballot and finds the expected result', async () => {
    const report = await verify(election.bytes);
    expectAccepted(report, 'result');
    expect(report.counts).toMatchObject({ ballots: 5, tallied: 4, partialDecryptions: 1 });
    expect(report.result).toEqual(election.expected.result);
    expect(report.checks.filter((c) => c.status === 'pass').map((c) => c.name)).toEqual([
      'archive',
      'chain',
      'setup',
      'trustees',
      'credentials',
      'ballots',
      'encrypted-tally',
      'partial-decryptions',
      'result',
    ]);
  });

  it('gives each voter the tracker of the exact ballot bytes in the archive', () => {
    const archive = parseArchive(election.bytes);
    const ballots = archive.events
      .filter((r) => r.event.type === 'Ballot')
      .map((r) => archive.data.get(r.event.payload!)!);
    expect(ballots.map((raw) => sha256B64(raw))).toEqual(election.trackers);
    expect(new Set(election.trackers).size).toBe(5);
  });

  it('writes the same bytes as ArchiveAppender when rebuilt from its model', () => {
    // Buffer.equals: vitest's deep equality is slow on ~100 kB arrays.
    expect(Buffer.from(writeArchive(election.model)).equals(election.bytes)).toBe(true);
  });

  const truncations: [string, (m: ArchiveModel) => ArchiveModel, VerificationReport['phase']][] = [
    [
      'setup only',
      (m) => ({
        ...m,
        ballots: [],
        endBallots: false,
        tally: undefined,
        partialDecryptions: [],
        result: undefined,
      }),
      'voting',
    ],
    [
      'ballots, voting still open',
      (m) => ({ ...m, endBallots: false, tally: undefined, partialDecryptions: [], result: undefined }),
      'voting',
    ],
    [
      'ballots closed',
      (m) => ({ ...m, tally: undefined, partialDecryptions: [], result: undefined }),
      'ended',
    ],
    ['encrypted tally', (m) => ({ ...m, partialDecryptions: [], result: undefined }), 'tallied'],
    ['partial decryptions', (m) => ({ ...m, result: undefined }), 'decrypting'],
  ];
  for (const [name, truncate, phase] of truncations) {
    it(`accepts the archive stopped after: ${name} (phase ${phase})`, async () => {
      const report = await verify(writeArchive(truncate(election.model)), true);
      expectAccepted(report, phase);
      expect(report.result).toBeUndefined();
    });
  }

  it('accepts counts written as decimal strings', async () => {
    const result = JSON.stringify({ result: election.expected.result.map((row) => row.map(String)) });
    const report = await verify(writeArchive({ ...election.model, result }), true);
    expectAccepted(report, 'result');
  });
});

describe('a three-trustee election with weighted voters', () => {
  let election: SimulatedElection;
  beforeAll(() => {
    election = simulateElection({
      group: 'BELENIOS-2048',
      questions: [{ answers: ['Yes', 'No'], min: 1, max: 1, question: 'Approve?' }],
      // 2^30 is the first weight belenios-tool writes as a string; 2^30 − 3 + 1 + 1 = 2^30 − 1 is the last count
      // it writes as a number.
      voters: [2n ** 30n, 2n ** 30n - 3n, 1n, undefined, 7n],
      trustees: { singles: 3 },
      votes: [
        { voter: 0, plaintext: [[1, 0]] },
        { voter: 1, plaintext: [[0, 1]] },
        { voter: 3, plaintext: [[1, 0]] },
        { voter: 2, plaintext: [[0, 1]] },
        { voter: 3, plaintext: [[0, 1]] }, // revote moves weight 1 from Yes to No
      ],
    });
  });

  it('writes weights in the public credentials and expects large counts as strings', () => {
    const lines = JSON.parse(election.model.credentials) as string[];
    expect(lines.map((line) => line.split(',')[1]).sort()).toEqual([
      '1',
      '1073741821',
      '1073741824',
      '7',
      undefined,
    ]);
    expect(election.expected.result).toEqual([['1073741824', 1073741823]]);
    expect(election.expected.totalWeight).toBe(2n ** 31n - 1n);
  });

  it('verifies with three partial decryptions and finds the weighted result', async () => {
    const report = await verify(election.bytes);
    expectAccepted(report, 'result');
    expect(report.counts).toMatchObject({ ballots: 5, tallied: 4, partialDecryptions: 3 });
    expect(report.result).toEqual(election.expected.result);
    const sized = JSON.parse(
      [...parseArchive(election.bytes).data.values()].find((raw) => raw.startsWith('{"num_tallied"'))!,
    ) as { num_tallied: number; total_weight: unknown };
    expect(sized).toMatchObject({ num_tallied: 4, total_weight: '2147483647' });
  });

  it('refuses the result when one Single trustee did not decrypt', async () => {
    const model = {
      ...election.model,
      partialDecryptions: election.model.partialDecryptions.filter((p) => p.owner !== 2),
    };
    const report = await verify(writeArchive(model), true);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ check: 'result', reason: 'missing-decryption' });
    expect(report.failure!.message).toContain('trustee 2'); // the trustee is named for people
  });
});

describe('smaller elections', () => {
  it('tallies an election nobody voted in to zeros', async () => {
    const election = simulateElection({
      group: 'BELENIOS-2048',
      questions: [{ answers: ['A', 'B'], blank: true, min: 1, max: 1, question: 'Q' }],
      voters: 2,
      votes: [],
    });
    expect(election.expected.result).toEqual([[0, 0, 0]]);
    const report = await verify(election.bytes);
    expectAccepted(report, 'result');
    expect(report.result).toEqual([[0, 0, 0]]);
  });

  it('stops where asked: after the ballots, voting still open', async () => {
    const election = simulateElection({
      group: 'BELENIOS-2048',
      questions: [{ answers: ['A', 'B'], min: 0, max: 2, question: 'Approve any' }],
      voters: 2,
      votes: [{ voter: 1, plaintext: [[1, 1]] }],
      stopAfter: 'ballots',
    });
    expect(election.phase).toBe('voting');
    expect(election.model.endBallots).toBe(false);
    const report = await verify(election.bytes);
    expectAccepted(report, 'voting');
    expect(report.counts.ballots).toBe(1);
    expect(parseArchive(election.bytes).events.map((r) => r.event.type)).toEqual(['Setup', 'Ballot']);
  });

  it('stops where asked: after EndBallots', async () => {
    const election = simulateElection({
      group: 'BELENIOS-2048',
      questions: [{ answers: ['A', 'B'], min: 0, max: 1, question: 'At most one' }],
      voters: 1,
      votes: [{ voter: 0, plaintext: [[0, 0]] }],
      stopAfter: 'end-ballots',
    });
    const report = await verify(election.bytes);
    expectAccepted(report, 'ended');
    expect(parseArchive(election.bytes).events.map((r) => r.event.type)).toEqual([
      'Setup',
      'Ballot',
      'EndBallots',
    ]);
  });
});
