/**
 * Randomness from the platform CSPRNG only (Web Crypto's getRandomValues, present in browsers and
 * Node ≥ 19). Uniform sampling by rejection, never by reducing a too-short value mod q.
 */
import { bitLength, bytesToBigInt } from './bigint.js';

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues refuses more than 65536 bytes at once.
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}

/** Uniform in [0, bound). */
export function randomBelow(bound: bigint): bigint {
  if (bound <= 0n) throw new RangeError('bound must be positive');
  const bits = bitLength(bound);
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    const candidate = bytesToBigInt(randomBytes(bytes)) >> excess;
    if (candidate < bound) return candidate;
  }
}

/** Uniform index in [0, n) for small n (alphabet draws). */
export function randomIndex(n: number): number {
  return Number(randomBelow(BigInt(n)));
}
