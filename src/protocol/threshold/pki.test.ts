/**
 * §4.6.1–4.6.2 PKI: seeds, signing, certificates and encryption round trips (derivation from real
 * belenios-tool seeds is in belenios-vectors.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { requireGroup } from '../../core/group.js';
import {
  checkCert,
  decryptMessage,
  deriveKeys,
  encryptMessage,
  generateSeed,
  makeCert,
  parseSeed,
  SEED_LENGTH,
  signMessage,
  verifySignedMessage,
} from './pki.js';

describe('seeds', () => {
  it('are 22 Base58 characters; a .key file may end with one newline', () => {
    const seed = generateSeed();
    expect(seed.reveal()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{22}$/);
    expect(SEED_LENGTH).toBe(22);
    expect(parseSeed(`${seed.reveal()}\n`)).toMatchObject({ ok: true });
    expect(parseSeed(seed.reveal().slice(1)).ok).toBe(false);
    expect(parseSeed(`0${seed.reveal().slice(1)}`).ok).toBe(false);
    expect(parseSeed(`${seed.reveal()}\n\n`).ok).toBe(false);
  });

  it('never print', () => {
    const seed = generateSeed();
    expect(String(seed)).not.toContain(seed.reveal());
    expect(() => JSON.stringify({ seed })).toThrow();
    expect(String(deriveKeys(requireGroup('BELENIOS-2048'), seed).signingKey)).toBe('[secret] SigningKey');
  });
});

describe('signing and encryption (§4.6.1)', () => {
  const group = requireGroup('BELENIOS-2048');
  const keys = deriveKeys(group, generateSeed());
  const other = deriveKeys(group, generateSeed());

  it('a signed message verifies with the signer’s key only, and only unchanged', () => {
    const signed = signMessage(group, keys.signingKey, 'hello|world');
    expect(verifySignedMessage(group, keys.verificationKey, signed)).toBe(true);
    expect(verifySignedMessage(group, other.verificationKey, signed)).toBe(false);
    expect(verifySignedMessage(group, keys.verificationKey, { ...signed, message: 'hello|World' })).toBe(
      false,
    );
  });

  it('a certificate carries both public keys and its own signature', () => {
    const cert = makeCert(group, keys);
    expect(checkCert(group, cert)).toEqual({
      ok: true,
      keys: { verification: keys.verificationKey, encryption: keys.encryptionKey },
    });
    expect(
      checkCert(group, { ...cert, signature: signMessage(group, other.signingKey, cert.message).signature })
        .ok,
    ).toBe(false);
  });

  it('an encrypted message opens with the matching decryption key only', () => {
    const message = '{"secret":"123"} and some UTF-8: é€';
    const encrypted = encryptMessage(group, keys.encryptionKey, message);
    expect(encrypted.data).toMatch(/^[0-9a-f]+$/);
    // ciphertext ‖ 8-byte tag, hex.
    expect(encrypted.data.length).toBe(2 * (new TextEncoder().encode(message).length + 8));
    expect(decryptMessage(group, keys.decryptionKey, encrypted)).toEqual({ ok: true, message });
    expect(decryptMessage(group, other.decryptionKey, encrypted).ok).toBe(false);
    expect(
      decryptMessage(group, keys.decryptionKey, { ...encrypted, alpha: group.mul(encrypted.alpha, group.g) })
        .ok,
    ).toBe(false);
    expect(decryptMessage(group, keys.decryptionKey, { ...encrypted, data: `${encrypted.data}0` }).ok).toBe(
      false,
    );
    expect(decryptMessage(group, keys.decryptionKey, { ...encrypted, beta: 0n }).ok).toBe(false);
  });
});
