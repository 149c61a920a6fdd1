/**
 * Encoding of non-homomorphic answers into a group element (spec §4.11.2): the vector of κ-bit
 * integers is packed big-endian, shifted by `padding` bits, and the smallest ε making it a group
 * member is added. Decoding drops the padding bits.
 */
import type { Group } from '../core/group.js';

export function encodeNonHomomorphic(group: Group, values: number[]): bigint {
  const embedding = group.embedding;
  if (!embedding) throw new RangeError(`group ${group.name} has no embedding`);
  const kappa = BigInt(embedding.bits_per_int);
  let packed = 0n;
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || BigInt(v) >= 1n << kappa)
      throw new RangeError(`value ${v} does not fit`);
    packed = (packed << kappa) + BigInt(v);
  }
  const shifted = packed << BigInt(embedding.padding);
  for (let epsilon = 0n; epsilon < 1n << BigInt(embedding.padding); epsilon++) {
    if (group.isMember(shifted + epsilon)) return shifted + epsilon;
  }
  throw new RangeError('no encoding found within the padding');
}

export function decodeNonHomomorphic(group: Group, element: bigint, length: number): number[] {
  const embedding = group.embedding;
  if (!embedding) throw new RangeError(`group ${group.name} has no embedding`);
  const kappa = BigInt(embedding.bits_per_int);
  let packed = element >> BigInt(embedding.padding);
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    out.unshift(Number(packed & ((1n << kappa) - 1n)));
    packed >>= kappa;
  }
  return out;
}
