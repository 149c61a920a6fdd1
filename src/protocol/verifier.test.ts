import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeNhNoShuffleArchive } from '../../test/support/nh-no-shuffle.js';
import { readArchiveBytes, readVector, VALID_ELECTIONS } from '../../test/support/vectors.js';
import { installNodePlatform } from '../node/platform.js';
import { parseArchive } from './archive/archive.js';
import { BoardVerifier } from './board-verifier.js';
import { type CheckName, type FailureReason, verifyArchive } from './verifier.js';

// OpenSSL exponentiations: shuffle checks in RFC-3526-2048 take seconds with portable BigInt.
installNodePlatform();

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

/** What each invalid vector must be rejected for (test/fixtures/belenios-2.0/README.md): the check and its code. */
const INVALID: { file: string; check: CheckName; reason?: FailureReason; trustee?: number }[] = [
  { file: 'invalid-ballot-tampered-proof', check: 'ballots', reason: 'invalid-proof' },
  { file: 'invalid-ballot-bad-signature', check: 'ballots', reason: 'invalid-signature' },
  { file: 'invalid-ballot-copied-to-other-credential', check: 'ballots', reason: 'invalid-proof' },
  { file: 'invalid-ballot-unknown-credential', check: 'ballots', reason: 'invalid-credential' },
  { file: 'invalid-ballot-wrong-election-hash', check: 'ballots', reason: 'wrong-election' },
  { file: 'invalid-ballot-replayed', check: 'ballots', reason: 'replay' },
  { file: 'invalid-result-mismatch', check: 'result', reason: 'not-the-decryption' },
  {
    file: 'invalid-partial-decryption-factor',
    check: 'partial-decryptions',
    reason: 'invalid-proof',
    trustee: 1,
  },
  { file: 'invalid-chain-missing-event', check: 'chain' },
  { file: 'invalid-encrypted-tally-count', check: 'encrypted-tally', reason: 'num-tallied' },
];

describe('verifyArchive rejects each invalid vector for its stated reason', () => {
  for (const { file, check, reason, trustee } of INVALID) {
    it(file, async () => {
      const report = await verifyArchive(parseArchive(readArchiveBytes(`${file}.bel`)));
      expect(report.ok).toBe(false);
      expect(report.failure?.check).toBe(check);
      expect(report.failure?.reason).toBe(reason);
      if (trustee !== undefined) expect(report.failure?.trustee).toBe(trustee);
      // Where belenios-tool names a ballot or a hash, we name the same one.
      const tool = readVector('.', `${file}.verify.txt`);
      const ballot = /casting ballot (\S+):/.exec(tool)?.[1];
      if (ballot) expect(report.failure?.ballot).toBe(ballot);
      const hash = /hash ([0-9a-f]{64}) not found/.exec(tool)?.[1];
      if (hash) expect(report.failure?.message).toContain(hash);
    });
  }
});

/** Issue 15: non-homomorphic answers are only ever decrypted after a shuffle (spec §3.4, §4.17). */
describe('verifyArchive on non-homomorphic ciphertexts', () => {
  const noShuffle = () => {
    const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'nh-no-shuffle');
    const name = readdirSync(dir).find((f) => f.endsWith('.bel'))!;
    return new Uint8Array(readFileSync(join(dir, name)));
  };

  it('rejects the fixture decrypted without a shuffle, naming the shuffles check (belenios-tool rejects this file too)', async () => {
    const report = await verifyArchive(parseArchive(noShuffle()));
    expect(report.ok).toBe(false);
    expect(report.outcome).toBe('invalid');
    expect(report.failure).toMatchObject({ check: 'shuffles', height: 6 });
    expect(report.failure?.message).toMatch(/non-homomorphic ciphertexts decrypted without a shuffle/);
    expect(report.checks.find((c) => c.name === 'shuffles')?.status).toBe('fail');
    expect(report.result).toBeUndefined();
  });

  it('rejects an EndShuffles with no Shuffle before it', async () => {
    const made = makeNhNoShuffleArchive({ endShuffles: true });
    const report = await verifyArchive(parseArchive(made.bytes));
    expect(report).toMatchObject({
      ok: false,
      outcome: 'invalid',
      failure: { check: 'shuffles', height: 6 },
    });
    expect(report.failure?.message).toMatch(/EndShuffles at height 6 with no Shuffle before it/);
  });

  it('verifies the mixnet vector (two shuffles by belenios-tool) and finds its result', async () => {
    const report = await verifyArchive(parseArchive(readArchiveBytes('RFC-3526-2048-nh-mixnet')));
    expect(report.failure).toBeUndefined();
    expect(report).toMatchObject({ ok: true, outcome: 'verified', phase: 'result' });
    expect(report.checks.find((c) => c.name === 'shuffles')).toMatchObject({ status: 'pass', count: 2 });
    expect(report.state?.shufflers).toEqual([1, 2]);
    // The NH rankings come out in the last shuffle's order: compare them as a multiset.
    const expected = JSON.parse(readVector('RFC-3526-2048-nh-mixnet', 'expected-result.json')) as unknown[][];
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(report.result?.[0]).toEqual(expected[0]);
    expect(sorted(report.result?.[1] as unknown[])).toEqual(sorted(expected[1]!));
  });
});

/** Issue 18: each invalid-shuffle fixture (test/fixtures/shuffles/README.md), its check and its code. */
const INVALID_SHUFFLES: {
  file: string;
  check: CheckName;
  reason: FailureReason;
  height: number;
  trustee: number;
}[] = [
  {
    file: 'invalid-shuffle-tampered-ciphertext',
    check: 'shuffles',
    reason: 'invalid-proof',
    height: 8,
    trustee: 1,
  },
  {
    file: 'invalid-shuffle-tampered-proof',
    check: 'shuffles',
    reason: 'invalid-proof',
    height: 8,
    trustee: 1,
  },
  { file: 'invalid-shuffle-out-of-order', check: 'shuffles', reason: 'invalid-proof', height: 8, trustee: 2 },
  {
    file: 'invalid-shuffle-unknown-trustee',
    check: 'shuffles',
    reason: 'unknown-trustee',
    height: 9,
    trustee: 3,
  },
  { file: 'invalid-shuffle-missing', check: 'shuffles', reason: 'invalid-proof', height: 8, trustee: 2 },
  {
    file: 'invalid-shuffle-decrypted-unshuffled',
    check: 'shuffles',
    reason: 'not-shuffled',
    height: 11,
    trustee: 1,
  },
];

describe('verifyArchive rejects each invalid shuffle for its stated reason', () => {
  const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'shuffles');
  for (const { file, ...expected } of INVALID_SHUFFLES) {
    it(file, async () => {
      const report = await verifyArchive(
        parseArchive(new Uint8Array(readFileSync(join(dir, `${file}.bel`)))),
      );
      expect(report).toMatchObject({ ok: false, outcome: 'invalid', failure: expected });
      expect(report.checks.find((c) => c.name === 'shuffles')?.status).toBe('fail');
      expect(report.result).toBeUndefined();
    });
  }
});

describe('BoardVerifier, event by event, on shuffles', () => {
  it('refuses a tampered shuffle before it is stored (probe), then accepts the real one and goes on', () => {
    const good = parseArchive(readArchiveBytes('RFC-3526-2048-nh-mixnet'));
    const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'shuffles');
    const bad = parseArchive(new Uint8Array(readFileSync(join(dir, 'invalid-shuffle-tampered-proof.bel'))));
    const verifier = new BoardVerifier();
    const shuffleAt = good.events.findIndex((r) => r.event.type === 'Shuffle');
    for (const record of good.events.slice(0, shuffleAt))
      expect(verifier.apply(record, (h) => good.data.get(h))).toBeUndefined();
    // Same board up to here: the tampered archive differs from its first Shuffle on.
    expect(bad.events[shuffleAt - 1]!.hash).toBe(good.events[shuffleAt - 1]!.hash);
    const refused = verifier.probe(bad.events[shuffleAt]!, (h) => bad.data.get(h));
    expect(refused).toMatchObject({ check: 'shuffles', reason: 'invalid-proof', trustee: 1 });
    expect(verifier.failure).toBeUndefined();
    expect(verifier.state?.shufflers).toEqual([]);
    for (const record of good.events.slice(shuffleAt))
      expect(verifier.apply(record, (h) => good.data.get(h))).toBeUndefined();
    expect(verifier.state?.shufflers).toEqual([1, 2]);
    expect(verifier.phase).toBe('result');
  });
});
