/**
 * belenios-tool 2.0 threshold vectors (test/fixtures/belenios-2.0/*-threshold): the trustees'
 * private files `<id>.key` (seed) and `<id>.dkey` (sealed share) against the Pedersen parameters
 * published in the archive's Setup. Checks §4.6.1 key derivation, the file naming, the AES-CCM of
 * §4.6.1 and the channel of §4.6.3 on real Belenios ciphertexts, and §4.6.6 (g^x_j is the j-th
 * verification key).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArchiveBytes, readVector, VECTORS } from '../../../test/support/vectors.js';
import { decodeText } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { parseArchive } from '../archive/archive.js';
import {
  certKeysCodec,
  electionCodec,
  setupDataCodec,
  type ThresholdParameters,
  trusteesCodec,
} from '../messages.js';
import { checkTrustees } from '../trustees.js';
import { certId, checkCert, deriveKeys, parseSeed } from './pki.js';
import { decryptTrusteeShare } from './share.js';

const THRESHOLD_ELECTIONS = ['BELENIOS-2048-threshold', 'RFC-3526-2048-threshold'] as const;

/** The group and the Pedersen parameters of a vector archive, found through its Setup event. */
function pedersenOf(folder: string): { groupName: string; parameters: ThresholdParameters } {
  const archive = parseArchive(readArchiveBytes(folder));
  const data = (hash: string | undefined) => {
    const text = hash === undefined ? undefined : archive.data.get(hash);
    if (text === undefined) throw new Error(`${folder}: missing data ${hash}`);
    return text;
  };
  const setup = decodeText(setupDataCodec, data(archive.events[0]?.event.payload), 'setup_data');
  const election = decodeText(electionCodec, data(setup.election), 'election');
  const pedersen = decodeText(trusteesCodec, data(setup.trustees), 'trustees').find(
    (kind) => kind[0] === 'Pedersen',
  );
  if (pedersen?.[0] !== 'Pedersen') throw new Error(`${folder}: no Pedersen trustees`);
  return { groupName: election.group, parameters: pedersen[1] };
}

function privateFileIds(folder: string, extension: string): string[] {
  return readdirSync(join(VECTORS, folder, 'trustees-private'))
    .filter((name) => name.endsWith(extension))
    .map((name) => name.slice(0, -extension.length))
    .sort();
}

for (const folder of THRESHOLD_ELECTIONS) {
  describe(`belenios-tool 2.0 vectors: ${folder}`, () => {
    const { groupName, parameters } = pedersenOf(folder);
    const group = requireGroup(groupName);
    const ids = parameters.certs.map(certId);

    it('the archive’s Pedersen parameters check', () => {
      expect(checkTrustees(group, [['Pedersen', parameters]]).ok).toBe(true);
      expect(parameters.threshold).toBe(2);
      expect(parameters.certs).toHaveLength(3);
    });

    it('names each trustee’s .key and .dkey by the SHA-256 of its certificate message', () => {
      expect(privateFileIds(folder, '.key')).toEqual([...ids].sort());
      expect(privateFileIds(folder, '.dkey')).toEqual([...ids].sort());
    });

    it('derives from each seed the keys of its certificate (§4.6.1)', () => {
      parameters.certs.forEach((cert, i) => {
        const seed = parseSeed(readVector(folder, `trustees-private/${ids[i]}.key`));
        if (!seed.ok) throw new Error(seed.problem);
        const keys = deriveKeys(group, seed.seed);
        expect(decodeText(certKeysCodec, cert.message, 'cert')).toEqual({
          verification: keys.verificationKey,
          encryption: keys.encryptionKey,
        });
        expect(checkCert(group, cert).ok).toBe(true);
      });
    });

    it('opens each .dkey with its .key to x_j with g^x_j = verification_keys[j] (§4.6.6)', () => {
      parameters.certs.forEach((_, i) => {
        const opened = decryptTrusteeShare(
          group,
          readVector(folder, `trustees-private/${ids[i]}.key`),
          readVector(folder, `trustees-private/${ids[i]}.dkey`),
        );
        if (!opened.ok) throw new Error(opened.problem);
        expect(opened.share.reveal() < group.q).toBe(true);
        expect(group.gPow(opened.share.reveal())).toBe(parameters.verification_keys[i]!.public_key);
        expect(opened.publicKey).toBe(parameters.verification_keys[i]!.public_key);
      });
    });

    it('refuses a .dkey opened with another trustee’s .key', () => {
      const opened = decryptTrusteeShare(
        group,
        readVector(folder, `trustees-private/${ids[0]}.key`),
        readVector(folder, `trustees-private/${ids[1]}.dkey`),
      );
      expect(opened.ok).toBe(false);
    });
  });
}
