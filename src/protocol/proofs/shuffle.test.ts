/**
 * Verifiable shuffles (spec §6, CHVote 1.3.2 GenShuffle / GenShuffleProof / CheckShuffleProof):
 * belenios-tool's own shuffles check (vectors first) and re-serialise byte for byte; ours check and
 * decrypt to the same multiset of plaintexts, in both groups; and every value a forger could change
 * in a proof or an output — or a different input, another election, another key — is refused.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { archivePath } from '../../../test/support/vectors.js';
import { decodeText, encode } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { installNodePlatform } from '../../node/platform.js';
import { parseArchive } from '../archive/archive.js';
import { loadElection } from '../election.js';
import {
  type Ciphertext,
  encryptedTallyCodec,
  type ShuffleProof,
  setupDataCodec,
  shuffleCodec,
  shuffleProofCodec,
  sizedEncryptedTallyCodec,
} from '../messages.js';
import { checkShuffle, extractNhCiphertexts } from '../mixnet.js';
import {
  checkShuffleProof,
  genShuffle,
  genShuffleProof,
  nizkpChallenges,
  shuffleGenerators,
} from './shuffle.js';

installNodePlatform();

describe('belenios-tool 2.0 shuffles (RFC-3526-2048-nh-mixnet vector)', () => {
  const archive = parseArchive(new Uint8Array(readFileSync(archivePath('RFC-3526-2048-nh-mixnet'))));
  const data = (hash: string) => archive.data.get(hash)!;
  const setup = decodeText(setupDataCodec, data(archive.events[0]!.event.payload!), 'setup');
  const ctx = loadElection(data(setup.election));
  const sized = decodeText(
    sizedEncryptedTallyCodec,
    data(archive.events.find((r) => r.event.type === 'EncryptedTally')!.event.payload!),
    'sized',
  );
  const tally = decodeText(encryptedTallyCodec, data(sized.encrypted_tally), 'tally');
  const shuffles = archive.events
    .filter((r) => r.event.type === 'Shuffle')
    .map((r) => data(JSON.parse(data(r.event.payload!)).payload));

  it('re-serialises each shuffle to its exact bytes', () => {
    expect(shuffles).toHaveLength(2);
    for (const raw of shuffles)
      expect(encode(shuffleCodec, decodeText(shuffleCodec, raw, 'shuffle'))).toBe(raw);
  });

  it('checks both shuffles in turn, each on the previous output', () => {
    let input = extractNhCiphertexts(ctx, tally);
    for (const raw of shuffles) {
      const shuffle = decodeText(shuffleCodec, raw, 'shuffle');
      expect(checkShuffle(ctx, input, shuffle)).toBeUndefined();
      input = shuffle.ciphertexts;
    }
  });

  it('refuses the second shuffle on the tally (out of order) and the first on its own output', () => {
    const [first, second] = shuffles.map((raw) => decodeText(shuffleCodec, raw, 'shuffle'));
    const nh = extractNhCiphertexts(ctx, tally);
    expect(checkShuffle(ctx, nh, second!)?.reason).toBe('invalid-proof');
    expect(checkShuffle(ctx, first!.ciphertexts, first!)?.reason).toBe('invalid-proof');
  });
});

describe('GetNIZKPChallenges and GetGenerator (spec §6 tables 8 and 11)', () => {
  const group = requireGroup('RFC-3526-2048');
  it('derives u_i from hex digests, reduced mod q', () => {
    const u = nizkpChallenges(group, 3, 'abc');
    expect(u).toHaveLength(3);
    expect(new Set(u.map(String)).size).toBe(3);
    for (const x of u) expect(group.isExponent(x)).toBe(true);
    expect(nizkpChallenges(group, 3, 'abc')).toEqual(u);
    expect(nizkpChallenges(group, 2, 'abd')[0]).not.toBe(u[0]);
  });
  it('gives distinct generators in G, none of them 1 or g', () => {
    const { h, hs } = shuffleGenerators(group, 20);
    for (const x of [h, ...hs]) {
      expect(group.isMember(x)).toBe(true);
      expect(x === 1n || x === group.g).toBe(false);
    }
    expect(new Set([h, ...hs].map(String)).size).toBe(21);
    expect(shuffleGenerators(group, 5).hs).toEqual(hs.slice(0, 5));
  });
});

for (const groupName of ['BELENIOS-2048', 'RFC-3526-2048'] as const) {
  describe(`our shuffles in ${groupName}`, () => {
    const group = requireGroup(groupName);
    const x = group.randomExponent();
    const y = group.gPow(x);
    const fingerprint = 'test-fingerprint';
    const encrypt = (m: bigint): Ciphertext => {
      const r = group.randomExponent();
      return { alpha: group.gPow(r), beta: group.mul(group.pow(y, r), group.gPow(m)) };
    };
    const decrypt = (c: Ciphertext) => group.div(c.beta, group.pow(c.alpha, x));
    const plain = [1n, 2n, 3n, 4n, 5n, 6n];
    const input = plain.map(encrypt);
    let output: Ciphertext[];
    let proof: ShuffleProof;
    beforeAll(() => {
      const shuffled = genShuffle(group, y, input);
      output = shuffled.output;
      proof = genShuffleProof(group, fingerprint, y, input, shuffled);
    });

    it('checks, and decrypts to the same plaintexts, re-randomised', () => {
      expect(checkShuffleProof(group, fingerprint, y, input, output, proof)).toBeUndefined();
      const sorted = (values: bigint[]) => values.map(String).sort();
      expect(sorted(output.map(decrypt))).toEqual(sorted(plain.map((m) => group.gPow(m))));
      for (const c of output) expect(input.some((e) => e.alpha === c.alpha)).toBe(false);
    });

    it('refuses another election fingerprint, another key or another input', () => {
      expect(checkShuffleProof(group, 'other', y, input, output, proof)?.reason).toBe('invalid-proof');
      expect(checkShuffleProof(group, fingerprint, group.gPow(2n), input, output, proof)?.reason).toBe(
        'invalid-proof',
      );
      const otherInput = [...input.slice(1), input[0]!];
      expect(checkShuffleProof(group, fingerprint, y, otherInput, output, proof)?.reason).toBe(
        'invalid-proof',
      );
    });

    it('refuses a dropped or duplicated ciphertext', () => {
      const fewer = checkShuffleProof(group, fingerprint, y, input, output.slice(1), proof);
      expect(fewer?.reason).toBe('malformed');
      const duplicated = [output[0]!, ...output.slice(0, -1)];
      expect(checkShuffleProof(group, fingerprint, y, input, duplicated, proof)?.reason).toBe(
        'invalid-proof',
      );
    });

    it('refuses a shuffle whose output is not a re-encryption of the input (one plaintext changed)', () => {
      const forged = output.map((c, i) => (i === 0 ? { ...c, beta: group.mul(c.beta, group.g) } : c));
      expect(checkShuffleProof(group, fingerprint, y, input, forged, proof)?.reason).toBe('invalid-proof');
    });

    it('refuses any single value of the proof changed (property)', () => {
      const flat = JSON.parse(encode(shuffleProofCodec, proof)) as unknown;
      const paths: number[][] = [];
      const walk = (value: unknown, path: number[]) => {
        if (Array.isArray(value))
          value.forEach((v, i) => {
            walk(v, [...path, i]);
          });
        else paths.push(path);
      };
      walk(flat, []);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: paths.length - 1 }),
          fc.bigInt({ min: 1n, max: 1000n }),
          (k, delta) => {
            const copy = structuredClone(flat) as unknown[];
            let parent = copy as unknown[];
            const path = paths[k]!;
            for (const i of path.slice(0, -1)) parent = parent[i] as unknown[];
            const last = path.at(-1)!;
            parent[last] = String(BigInt(parent[last] as string) + delta);
            const tampered = shuffleProofCodec.decode(copy, 'proof');
            expect(checkShuffleProof(group, fingerprint, y, input, output, tampered)).toBeDefined();
          },
        ),
        { numRuns: groupName === 'BELENIOS-2048' ? 24 : 6 },
      );
    });

    it('handles a single ciphertext', () => {
      const one = [encrypt(7n)];
      const shuffled = genShuffle(group, y, one);
      const p = genShuffleProof(group, fingerprint, y, one, shuffled);
      expect(checkShuffleProof(group, fingerprint, y, one, shuffled.output, p)).toBeUndefined();
    });
  });
}
