/**
 * The credential escrow (src/protocol/credential-escrow.ts) and the officer's batch decryption
 * (src/recovery/batch-files.ts): a credential sealed to the officer's key opens with that key only,
 * only under the election and voter it was sealed for, and any change to the ciphertext is detected.
 * The officer's public key must carry a valid proof of knowledge in the election's group.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/core/codec.js';
import { generatePrivateCredential, publicCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import {
  type CredentialEscrow,
  escrowCredential,
  generateOfficerKey,
  openEscrow,
  parseOfficerPrivateKey,
  parseOfficerPublicKey,
  serializeEscrow,
  serializeOfficerPrivateKey,
  serializeOfficerPublicKey,
} from '../../src/protocol/credential-escrow.js';
import { decryptBatch, type EscrowBatch, escrowBatchCodec } from '../../src/recovery/batch-files.js';

const group = requireGroup('BELENIOS-2048');
const binding = { electionId: 'Ab3dEfGh1jKLmN', voterId: 'voter-1' };

function flipHexDigit(hex: string, at: number): string {
  const digit = hex[at]!;
  const flipped = ((Number.parseInt(digit, 16) + 1) % 16).toString(16);
  return `${hex.slice(0, at)}${flipped}${hex.slice(at + 1)}`;
}

describe('credential escrow', () => {
  const officer = generateOfficerKey(group);
  const X = officer.publicKey.public_key;

  it('opens with the officer key to the very credential that was sealed', () => {
    const credential = generatePrivateCredential();
    const escrow = escrowCredential(group, X, binding, credential);
    const opened = openEscrow(group, officer.privateKey, binding, escrow);
    expect(opened.ok && opened.credential.reveal()).toBe(credential.reveal());
  });

  it('round-trips in RFC-3526-2048 too (short encapsulation exponents in the safe-prime group)', () => {
    const rfc = requireGroup('RFC-3526-2048');
    const key = generateOfficerKey(rfc);
    const credential = generatePrivateCredential();
    const escrow = escrowCredential(rfc, key.publicKey.public_key, binding, credential);
    expect(rfc.isMember(escrow.alpha)).toBe(true);
    const opened = openEscrow(rfc, key.privateKey, binding, escrow);
    expect(opened.ok && opened.credential.reveal()).toBe(credential.reveal());
    expect(openEscrow(rfc, generateOfficerKey(rfc).privateKey, binding, escrow).ok).toBe(false);
  });

  it('seals the same credential differently each time (fresh randomness)', () => {
    const credential = generatePrivateCredential();
    const a = serializeEscrow(escrowCredential(group, X, binding, credential));
    const b = serializeEscrow(escrowCredential(group, X, binding, credential));
    expect(a).not.toBe(b);
    expect(a).not.toContain(credential.reveal());
    expect(a).not.toContain(credential.reveal().replaceAll('-', ''));
  });

  it('refuses another key, another voter, another election', () => {
    const credential = generatePrivateCredential();
    const escrow = escrowCredential(group, X, binding, credential);
    const other = generateOfficerKey(group);
    expect(openEscrow(group, other.privateKey, binding, escrow).ok).toBe(false);
    expect(openEscrow(group, officer.privateKey, { ...binding, voterId: 'voter-2' }, escrow).ok).toBe(false);
    expect(
      openEscrow(group, officer.privateKey, { ...binding, electionId: 'Zz3dEfGh1jKLmN' }, escrow).ok,
    ).toBe(false);
  });

  it('opens under its own binding only, whatever the ids (property)', () => {
    const credential = generatePrivateCredential();
    const id = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(id, id, id, id, (electionId, voterId, otherElection, otherVoter) => {
        fc.pre(electionId !== otherElection || voterId !== otherVoter);
        const escrow = escrowCredential(group, X, { electionId, voterId }, credential);
        return (
          openEscrow(group, officer.privateKey, { electionId, voterId }, escrow).ok &&
          !openEscrow(group, officer.privateKey, { electionId: otherElection, voterId: otherVoter }, escrow)
            .ok
        );
      }),
      { numRuns: 25 },
    );
  });

  it('detects any change to alpha, nonce or data', () => {
    const credential = generatePrivateCredential();
    const escrow = escrowCredential(group, X, binding, credential);
    fc.assert(
      fc.property(
        fc.constantFrom<keyof CredentialEscrow>('alpha', 'nonce', 'data'),
        fc.nat(),
        (field, position) => {
          let tampered: CredentialEscrow;
          if (field === 'alpha') tampered = { ...escrow, alpha: group.mul(escrow.alpha, group.g) };
          else
            tampered = { ...escrow, [field]: flipHexDigit(escrow[field], position % escrow[field].length) };
          const opened = openEscrow(group, officer.privateKey, binding, tampered);
          return !opened.ok && !/[1-9A-HJ-NP-Za-km-z]{3}-[1-9A-HJ-NP-Za-km-z]{3}/.test(opened.problem);
        },
      ),
      { numRuns: 40 },
    );
    // A truncated tag, an element outside the group, a non-hex nonce.
    expect(
      openEscrow(group, officer.privateKey, binding, { ...escrow, data: escrow.data.slice(0, -2) }).ok,
    ).toBe(false);
    expect(openEscrow(group, officer.privateKey, binding, { ...escrow, alpha: group.p - 1n }).ok).toBe(false);
    expect(openEscrow(group, officer.privateKey, binding, { ...escrow, nonce: 'zz'.repeat(12) }).ok).toBe(
      false,
    );
  });
});

describe("the officer's keys", () => {
  it('round-trips the public key and checks its proof, group and membership', () => {
    const { publicKey } = generateOfficerKey(group);
    const text = serializeOfficerPublicKey(publicKey);
    const parsed = parseOfficerPublicKey(group, text);
    expect(parsed.ok && parsed.key.public_key).toBe(publicKey.public_key);
    const forged = { ...publicKey, public_key: group.mul(publicKey.public_key, group.g) };
    expect(parseOfficerPublicKey(group, serializeOfficerPublicKey(forged))).toMatchObject({ ok: false });
    expect(parseOfficerPublicKey(requireGroup('RFC-3526-2048'), text)).toMatchObject({ ok: false });
    expect(
      parseOfficerPublicKey(group, serializeOfficerPublicKey({ ...publicKey, public_key: group.p - 1n })),
    ).toMatchObject({ ok: false });
    expect(parseOfficerPublicKey(group, '{"public_key":"12"}')).toMatchObject({ ok: false });
  });

  it('round-trips the private key file and never echoes a bad one', () => {
    const { privateKey } = generateOfficerKey(group);
    const text = serializeOfficerPrivateKey(group, privateKey);
    const parsed = parseOfficerPrivateKey(text);
    expect(parsed.ok && parsed.key.reveal()).toBe(privateKey.reveal());
    expect(String(parsed.ok && parsed.key)).not.toContain(privateKey.reveal().toString());
    const bad = parseOfficerPrivateKey(`${text.slice(0, -2)}x"}`);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).not.toContain(privateKey.reveal().toString().slice(0, 20));
  });
});

describe('decrypting a batch (scrutin-tool recovery decrypt)', () => {
  const officer = generateOfficerKey(group);
  const keyFile = serializeOfficerPrivateKey(group, officer.privateKey);
  const electionId = binding.electionId;
  const voters = ['v1', 'v2'].map((voterId) => {
    const credential = generatePrivateCredential();
    return {
      voterId,
      credential,
      publicCredential: publicCredential(credential, electionId, group),
      escrow: escrowCredential(group, officer.publicKey.public_key, { electionId, voterId }, credential),
    };
  });
  const batch = (items = voters): EscrowBatch => ({
    kind: 'scrutin-recovery-batch',
    version: 1,
    electionId,
    group: group.name,
    items: items.map((v, i) => ({
      requestId: `r${i}`,
      voterId: v.voterId,
      login: `login-${v.voterId}`,
      publicCredential: v.publicCredential,
      escrow: v.escrow,
    })),
  });

  it('writes every credential, each checked against its public credential', () => {
    const opened = decryptBatch(keyFile, encode(escrowBatchCodec, batch()));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(JSON.parse(opened.output).credentials).toEqual(
      voters.map((v, i) => ({ requestId: `r${i}`, voterId: v.voterId, credential: v.credential.reveal() })),
    );
    expect(opened.logins).toEqual(['login-v1', 'login-v2']);
  });

  it("refuses an escrow presented as another voter's (the server cannot relabel)", () => {
    const swapped = batch().items.map((item, i, all) => ({ ...item, escrow: all[1 - i]!.escrow }));
    const opened = decryptBatch(keyFile, encode(escrowBatchCodec, { ...batch(), items: swapped }));
    expect(opened).toMatchObject({ ok: false });
  });

  it('refuses a public credential that does not match, a wrong key, a key of another group', () => {
    const wrongPublic = batch().items.map((item) => ({ ...item, publicCredential: group.g }));
    expect(decryptBatch(keyFile, encode(escrowBatchCodec, { ...batch(), items: wrongPublic }))).toMatchObject(
      {
        ok: false,
      },
    );
    const other = generateOfficerKey(group);
    expect(
      decryptBatch(serializeOfficerPrivateKey(group, other.privateKey), encode(escrowBatchCodec, batch())),
    ).toMatchObject({ ok: false });
    const rfc = requireGroup('RFC-3526-2048');
    expect(
      decryptBatch(
        serializeOfficerPrivateKey(rfc, generateOfficerKey(rfc).privateKey),
        encode(escrowBatchCodec, batch()),
      ),
    ).toMatchObject({ ok: false });
    expect(decryptBatch(keyFile, '{"kind":"something else"}')).toMatchObject({ ok: false });
  });
});
