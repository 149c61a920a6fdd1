/**
 * AES-256-CCM with a 64-bit tag, checked against OpenSSL's implementation (node:crypto) for the
 * nonce Belenios uses (the first 15 − L bytes of a 32-byte digest), across the L = 2 → 3 boundary.
 * Real Belenios ciphertexts are opened in share.test.ts.
 */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CCM_TAG_BYTES, ccmDecrypt, ccmEncrypt } from './aes-ccm.js';

function openssl(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonceLength = plaintext.length < 65536 ? 13 : 12;
  const cipher = createCipheriv('aes-256-ccm', key, iv.subarray(0, nonceLength), {
    authTagLength: CCM_TAG_BYTES,
  });
  cipher.setAAD(new Uint8Array(0), { plaintextLength: plaintext.length });
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([body, cipher.getAuthTag()]));
}

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const iv = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('AES-CCM as Belenios uses it (SP 800-38C, AES-256, 8-byte tag, nonce = iv prefix)', () => {
  it('matches OpenSSL aes-256-ccm with a 13-byte nonce below 64 KiB', () => {
    fc.assert(
      fc.property(key, iv, fc.uint8Array({ maxLength: 200 }), (k, n, plaintext) => {
        expect(ccmEncrypt(k, n, plaintext)).toEqual(openssl(k, n, plaintext));
      }),
      { numRuns: 200 },
    );
  });

  it('switches to a 12-byte nonce (3-byte length field) from 64 KiB on', () => {
    const k = new Uint8Array(32).fill(7);
    const n = Uint8Array.from({ length: 32 }, (_, i) => i);
    for (const length of [65535, 65536, 70001]) {
      const plaintext = Uint8Array.from({ length }, (_, i) => (i * 31) % 251);
      const sealed = ccmEncrypt(k, n, plaintext);
      // Buffer.equals: a deep toEqual over 70 000 bytes takes seconds.
      expect(Buffer.from(sealed).equals(openssl(k, n, plaintext))).toBe(true);
      const opened = ccmDecrypt(k, n, sealed);
      expect(opened.ok && Buffer.from(opened.plaintext).equals(plaintext)).toBe(true);
    }
  });

  it('opens what it seals, and nothing else', () => {
    fc.assert(
      fc.property(
        key,
        iv,
        fc.uint8Array({ maxLength: 100 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (k, n, p, at, bit) => {
          const sealed = ccmEncrypt(k, n, p);
          expect(ccmDecrypt(k, n, sealed)).toEqual({ ok: true, plaintext: p });
          const tampered = sealed.slice();
          tampered[at % sealed.length]! ^= 1 << bit;
          expect(ccmDecrypt(k, n, tampered).ok).toBe(false);
          const otherKey = k.slice();
          otherKey[0]! ^= 1;
          expect(ccmDecrypt(otherKey, n, sealed).ok).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a ciphertext shorter than the tag', () => {
    expect(ccmDecrypt(new Uint8Array(32), new Uint8Array(32), new Uint8Array(7))).toEqual({
      ok: false,
      problem: 'ciphertext shorter than the tag',
    });
  });
});
