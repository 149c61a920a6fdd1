import { describe, expect, it } from 'vitest';
import { decodeText, encode } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { loadElection } from '../../protocol/election.js';
import {
  encryptedTallyCodec,
  partialDecryptionCodec,
  thresholdParametersCodec,
  trusteePublicKeyCodec,
  trusteesCodec,
} from '../../protocol/messages.js';
import { generateToken, makeElection, makeTrustees, trusteeKeyId } from '../../protocol/setup.js';
import { checkPartialDecryption, computeEncryptedTally } from '../../protocol/tally.js';
import { thresholdKeyStep4, thresholdKeyStep6 } from '../../protocol/threshold/tool-steps.js';
import { checkTrustees, verifyTrusteePublicKey } from '../../protocol/trustees.js';
import {
  generateSingleKey,
  parseDecryptionKeyFile,
  parseSingleKeyFile,
  parseThresholdKeyFile,
  partialDecryption,
  seedId,
  thresholdCertificate,
  thresholdPolynomial,
  thresholdVoutput,
} from './keys.js';

const group = requireGroup('BELENIOS-2048');
const QUESTIONS = [{ question: 'Q?', answers: ['A', 'B'], min: 1, max: 1 }];

/** An election over `trustees` with an empty tally (what the page decrypts; its size is what matters). */
function electionOver(trustees: ReturnType<typeof makeTrustees>) {
  const made = makeElection(
    { name: 'T', description: '', questions: QUESTIONS },
    generateToken(),
    group,
    trustees,
  );
  if (!made.ok) throw new Error(made.problem);
  const ctx = loadElection(made.raw);
  return {
    ctx,
    raw: made.raw,
    tally: computeEncryptedTally(ctx, []),
    trusteesJson: encode(trusteesCodec, trustees),
  };
}

describe('trustee keys made in the browser', () => {
  it('makes a Single key pair in belenios-tool’s files: the public key verifies, the private file reads back', () => {
    const pair = generateSingleKey(group);
    const publicKey = decodeText(trusteePublicKeyCodec, pair.publicKey, 'public key');
    expect(verifyTrusteePublicKey(group, publicKey)).toBe(true);
    expect(pair.keyId).toBe(trusteeKeyId(publicKey));
    expect(pair.privateFile.name).toBe(`${pair.keyId}.privkey`);
    expect(String(pair.privateFile.content)).not.toMatch(/[0-9]{20}/);
    const read = parseSingleKeyFile(pair.privateFile.content.reveal());
    expect(read.ok && group.gPow(read.key.reveal())).toBe(publicKey.public_key);
    expect(pair.publicKey).not.toContain(read.ok ? read.key.reveal().toString() : '?');
  });

  it('tells key files apart and refuses anything else', () => {
    expect(parseDecryptionKeyFile('"12345"\n')).toMatchObject({ ok: true, key: { kind: 'single' } });
    const seed = thresholdCertificate(group).keyFile.content.reveal();
    expect(parseDecryptionKeyFile(seed.replace('\n', '\r\n'))).toMatchObject({
      ok: true,
      key: { kind: 'threshold' },
    });
    for (const text of ['', 'hello', '12345', '"-1"', '{"x":"1"}', `${seed.trim()}0`])
      expect(parseDecryptionKeyFile(text)).toEqual({ ok: false, problem: 'not-a-key' });
  });

  it('decrypts the tally with a Single key, for the owner whose key it is, with proofs that verify', () => {
    const mine = generateSingleKey(group);
    const other = generateSingleKey(group);
    const keys = [other, mine].map((k) => decodeText(trusteePublicKeyCodec, k.publicKey, 'k'));
    const { ctx, raw, tally, trusteesJson } = electionOver(makeTrustees(keys));
    const key = parseDecryptionKeyFile(mine.privateFile.content.reveal());
    if (!key.ok) throw new Error(key.problem);
    // The page reads the tally as the API serves it: encoded JSON.
    const encryptedTally = encode(encryptedTallyCodec, tally);
    const made = partialDecryption({ electionJson: raw, trusteesJson, encryptedTally, key: key.key });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.owner).toBe(2);
    const partial = decodeText(partialDecryptionCodec, made.partialDecryption, 'pd');
    expect(checkPartialDecryption(ctx, tally, keys[1]!.public_key, partial)).toBeUndefined();

    const stranger = parseDecryptionKeyFile(generateSingleKey(group).privateFile.content.reveal());
    if (!stranger.ok) throw new Error(stranger.problem);
    expect(
      partialDecryption({
        electionJson: raw,
        trusteesJson,
        encryptedTally: encode(encryptedTallyCodec, tally),
        key: stranger.key,
      }),
    ).toEqual({ ok: false, problem: 'not-a-trustee-key' });
  });

  it('runs the Pedersen steps 1, 3, 5 of two trustees, then decrypts with a seed and its sealed share', () => {
    const trustees = [thresholdCertificate(group), thresholdCertificate(group)];
    for (const t of trustees) expect(seedId(group, t.seed)).toBe(t.id);
    const certs = trustees.map((t) => t.cert).join('');
    const polynomials = trustees
      .map((t) => {
        const made = thresholdPolynomial(group, certs, t.seed, 2);
        if (!made.ok) throw new Error(made.problem);
        return made.polynomial;
      })
      .join('');
    const step4 = thresholdKeyStep4(group, { certs, polynomials });
    if (!step4.ok) throw new Error(step4.problem);
    const voutputs = trustees
      .map((t, i) => {
        const made = thresholdVoutput(group, certs, t.seed, step4.files[i]!.content as string);
        if (!made.ok) throw new Error(made.problem);
        return made.voutput;
      })
      .join('');
    const step6 = thresholdKeyStep6(group, { certs, polynomials, voutputs });
    if (!step6.ok) throw new Error(step6.problem);
    const parameters = decodeText(thresholdParametersCodec, step6.stdout.trim(), 'parameters');
    const { raw, tally, trusteesJson } = electionOver(makeTrustees([], parameters));
    const dkeys = step6.files.map((f) => f.content as string);
    const second = parseThresholdKeyFile(trustees[1]!.keyFile.content.reveal());
    if (!second.ok) throw new Error(second.problem);
    const input = { electionJson: raw, trusteesJson, encryptedTally: encode(encryptedTallyCodec, tally) };
    const made = partialDecryption({
      ...input,
      key: { kind: 'threshold', seed: second.seed },
      sealedShare: dkeys[1]!,
    });
    expect(made).toMatchObject({ ok: true, owner: 2 });
    // Another trustee's sealed share does not open with this seed.
    expect(
      partialDecryption({ ...input, key: { kind: 'threshold', seed: second.seed }, sealedShare: dkeys[0]! }),
    ).toMatchObject({ ok: false, problem: 'wrong-decryption-key' });
    expect(checkTrustees(group, makeTrustees([], parameters)).ok).toBe(true);
  });
});
