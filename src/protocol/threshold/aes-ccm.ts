/**
 * AES in CCM mode exactly as Belenios 2.0 uses it for the `data` of an encrypted_msg (spec §4.6.1,
 * step 4). Belenios's code is a translation of SJCL's CCM (src/platform/native/platform.ml), which is
 * standard CCM (NIST SP 800-38C / RFC 3610) with these fixed choices:
 *   - the key is the full 32-byte SHA256(key|g^s) digest, so AES-256;
 *   - the "IV" is the 32-byte SHA256(iv|alpha) digest, of which only the first 15 − L bytes are the
 *     nonce, where L (bytes of the length field) is the smallest of 2, 3, 4 that holds the plaintext
 *     length: 13 nonce bytes below 64 KiB, 12 below 16 MiB, 11 beyond;
 *   - 64-bit tag, no associated data;
 *   - the output is lowercase hex of ciphertext ‖ tag.
 * Only the AES block function comes from @noble/ciphers (its documented low-level `unsafe` block
 * primitive: its ECB wrapper refuses a second call with one key); the mode is written here so it can
 * be reviewed against SP 800-38C.
 */
import { unsafe } from '@noble/ciphers/aes.js';

const BLOCK = 16;
/** Belenios calls ccm_encrypt with tlen = 64 bits. */
export const CCM_TAG_BYTES = 8;

export type CcmOpening = { ok: true; plaintext: Uint8Array } | { ok: false; problem: string };

type BlockCipher = (block: Uint8Array) => Uint8Array;

function blockCipher(key: Uint8Array): BlockCipher {
  if (key.length !== 32)
    throw new RangeError(`AES-CCM key must be 32 bytes (a SHA-256 digest), got ${key.length}`);
  const expanded = unsafe.expandKeyLE(key);
  // encryptBlock works in place: give it a copy so callers keep their input.
  return (block) => unsafe.encryptBlock(expanded, block.slice());
}

/** L of SP 800-38C: bytes of the length field, as SJCL picks it (at least 2, at least 15 − |iv|). */
function lengthFieldBytes(messageLength: number, ivLength: number): number {
  let l = 2;
  while (l < 4 && Math.floor(messageLength / 2 ** (8 * l)) !== 0) l++;
  return Math.max(l, 15 - ivLength);
}

function nonceOf(iv: Uint8Array, messageLength: number): { nonce: Uint8Array; l: number } {
  if (iv.length < 7) throw new RangeError('AES-CCM iv must be at least 7 bytes');
  const l = lengthFieldBytes(messageLength, iv.length);
  return { nonce: iv.subarray(0, 15 - l), l };
}

/** Counter block A_i = flags(L−1) ‖ nonce ‖ i (L bytes, big-endian). */
function counterBlock(nonce: Uint8Array, l: number, i: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block[0] = l - 1;
  block.set(nonce, 1);
  writeBigEndian(block, i, l);
  return block;
}

/** Writes value into the last `width` bytes of a block. */
function writeBigEndian(block: Uint8Array, value: number, width: number): void {
  let v = value;
  for (let k = 0; k < width; k++) {
    block[BLOCK - 1 - k] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** CBC-MAC over B0 ‖ plaintext (zero-padded), truncated to the tag length. */
function cbcMac(aes: BlockCipher, nonce: Uint8Array, l: number, plaintext: Uint8Array): Uint8Array {
  const b0 = new Uint8Array(BLOCK);
  // flags: no Adata bit, M' = (tag bytes − 2)/2 in bits 3–5, L' = L − 1 in bits 0–2.
  b0[0] = (((CCM_TAG_BYTES - 2) / 2) << 3) | (l - 1);
  b0.set(nonce, 1);
  writeBigEndian(b0, plaintext.length, l);
  let mac = aes(b0);
  for (let offset = 0; offset < plaintext.length; offset += BLOCK) {
    const block = new Uint8Array(BLOCK);
    block.set(plaintext.subarray(offset, offset + BLOCK));
    for (let k = 0; k < BLOCK; k++) block[k]! ^= mac[k]!;
    mac = aes(block);
  }
  return mac.subarray(0, CCM_TAG_BYTES);
}

/** CTR keystream from counter 1, XORed into data (encryption and decryption alike). */
function ctr(aes: BlockCipher, nonce: Uint8Array, l: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let offset = 0, i = 1; offset < data.length; offset += BLOCK, i++) {
    const keystream = aes(counterBlock(nonce, l, i));
    const end = Math.min(data.length, offset + BLOCK);
    for (let k = offset; k < end; k++) out[k] = data[k]! ^ keystream[k - offset]!;
  }
  return out;
}

/** Tag encryption with counter 0. */
function maskTag(aes: BlockCipher, nonce: Uint8Array, l: number, tag: Uint8Array): Uint8Array {
  const s0 = aes(counterBlock(nonce, l, 0));
  return tag.map((byte, k) => byte ^ s0[k]!);
}

/** Returns ciphertext ‖ tag. */
export function ccmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const aes = blockCipher(key);
  const { nonce, l } = nonceOf(iv, plaintext.length);
  const tag = maskTag(aes, nonce, l, cbcMac(aes, nonce, l, plaintext));
  const out = new Uint8Array(plaintext.length + CCM_TAG_BYTES);
  out.set(ctr(aes, nonce, l, plaintext));
  out.set(tag, plaintext.length);
  return out;
}

export function ccmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): CcmOpening {
  if (sealed.length < CCM_TAG_BYTES) return { ok: false, problem: 'ciphertext shorter than the tag' };
  const aes = blockCipher(key);
  const length = sealed.length - CCM_TAG_BYTES;
  const { nonce, l } = nonceOf(iv, length);
  const plaintext = ctr(aes, nonce, l, sealed.subarray(0, length));
  const expected = maskTag(aes, nonce, l, cbcMac(aes, nonce, l, plaintext));
  let difference = 0;
  for (let k = 0; k < CCM_TAG_BYTES; k++) difference |= expected[k]! ^ sealed[length + k]!;
  if (difference !== 0) return { ok: false, problem: 'authentication tag does not match' };
  return { ok: true, plaintext };
}
