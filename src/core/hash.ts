/**
 * Hashing as Belenios uses it (spec §4): SHA-256 over ASCII strings read as a 256-bit big-endian
 * number reduced mod q (Fiat–Shamir), lowercase hex for archive names, unpadded standard Base64 for
 * fingerprints and trackers. SHA-256 itself comes from @noble/hashes.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToBigInt } from './bigint.js';

export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof data === 'string' ? utf8ToBytes(data) : data);
}

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(data));
}

/** BASE64(SHA256(data)) without '=' padding: election fingerprint φ, ballot tracker (spec §4.15). */
export function sha256B64(data: Uint8Array | string): string {
  return base64Unpadded(sha256(data));
}

/** SHA256(text) as a big-endian integer mod q: every challenge of the spec. */
export function hashToZq(text: string, q: bigint): bigint {
  return bytesToBigInt(sha256(text)) % q;
}

export function base64Unpadded(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '');
}
