/**
 * The trustees structure (spec §4.7, §3.1.1): `Single` keys and `Pedersen` threshold groups. Checking
 * it means every proof of knowledge, every certificate and coefexps signature, and that each Pedersen
 * verification key is the one the committed polynomials imply. It also yields the election key
 * y = Π sub-keys and the flat, 1-based numbering of trustees used as `owner` in the archive.
 */
import { invMod, mod } from '../core/bigint.js';
import { decodeText } from '../core/codec.js';
import type { Group } from '../core/group.js';
import {
  certKeysCodec,
  rawCoefexpsCodec,
  type SignedMsg,
  type ThresholdParameters,
  type TrusteeKind,
  type TrusteePublicKey,
} from './messages.js';
import { pokChallenge, signedMessageChallenge, verifyDlog } from './proofs/schnorr.js';

export interface TrusteeMember {
  /** 1-based over the flattened list: the `owner` of partial decryptions and `--trustee-id`. */
  readonly owner: number;
  readonly kindIndex: number;
  /** 1-based index inside a Pedersen group (for Lagrange coefficients); 0 for Single. */
  readonly indexInGroup: number;
  readonly publicKey: bigint;
}

export interface TrusteeSet {
  readonly kinds: readonly TrusteeKind[];
  readonly members: readonly TrusteeMember[];
  readonly electionKey: bigint;
}

export type TrusteesCheck = { ok: true; set: TrusteeSet } | { ok: false; problem: string };

export function verifyTrusteePublicKey(group: Group, key: TrusteePublicKey): boolean {
  return (
    group.isMember(key.public_key) &&
    verifyDlog(group, key.public_key, key.pok, pokChallenge(group, key.public_key))
  );
}

export function verifySignedMessage(group: Group, verificationKey: bigint, signed: SignedMsg): boolean {
  return verifyDlog(group, verificationKey, signed.signature, signedMessageChallenge(group, signed.message));
}

/** Π_k A_k^(j^k): the public image g^f(j) of a committed polynomial at point j. */
export function evaluateCommitted(group: Group, coefexps: readonly bigint[], j: number): bigint {
  let result = 1n;
  let power = 1n;
  for (const A of coefexps) {
    result = group.mul(result, group.pow(A, power));
    power = (power * BigInt(j)) % group.q;
  }
  return result;
}

export function parseCoefexps(group: Group, signed: SignedMsg, path: string): bigint[] {
  const { coefexps } = decodeText(rawCoefexpsCodec, signed.message, path);
  for (const A of coefexps)
    if (!group.isMember(A)) throw new Error(`${path}: coefficient commitment not in the group`);
  return coefexps;
}

function checkPedersen(group: Group, parameters: ThresholdParameters, path: string): bigint {
  const n = parameters.certs.length;
  const { threshold } = parameters;
  if (n < 1 || parameters.coefexps.length !== n || parameters.verification_keys.length !== n) {
    throw new Error(`${path}: certs, coefexps and verification_keys must have the same length`);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > n) {
    throw new Error(`${path}: threshold ${threshold} out of range 1..${n}`);
  }
  const polynomials = parameters.certs.map((cert, i) => {
    const keys = decodeText(certKeysCodec, cert.message, `${path}.certs[${i}].message`);
    if (!group.isMember(keys.verification) || !group.isMember(keys.encryption)) {
      throw new Error(`${path}.certs[${i}]: key not in the group`);
    }
    if (!verifySignedMessage(group, keys.verification, cert))
      throw new Error(`${path}.certs[${i}]: bad signature`);
    const coefexps = parameters.coefexps[i]!;
    if (!verifySignedMessage(group, keys.verification, coefexps)) {
      throw new Error(`${path}.coefexps[${i}]: bad signature`);
    }
    const values = parseCoefexps(group, coefexps, `${path}.coefexps[${i}]`);
    if (values.length !== threshold)
      throw new Error(`${path}.coefexps[${i}]: expected ${threshold} commitments`);
    return values;
  });
  parameters.verification_keys.forEach((key, index) => {
    const j = index + 1;
    if (!verifyTrusteePublicKey(group, key))
      throw new Error(`${path}.verification_keys[${index}]: bad proof of knowledge`);
    const expected = polynomials.reduce(
      (acc, coefexps) => group.mul(acc, evaluateCommitted(group, coefexps, j)),
      1n,
    );
    if (expected !== key.public_key) {
      throw new Error(`${path}.verification_keys[${index}]: does not match the committed polynomials`);
    }
  });
  return polynomials.reduce((acc, coefexps) => group.mul(acc, coefexps[0]!), 1n);
}

export function checkTrustees(group: Group, kinds: readonly TrusteeKind[]): TrusteesCheck {
  const members: TrusteeMember[] = [];
  let electionKey = 1n;
  try {
    kinds.forEach((kind, kindIndex) => {
      const path = `trustees[${kindIndex}]`;
      if (kind[0] === 'Single') {
        if (!verifyTrusteePublicKey(group, kind[1])) throw new Error(`${path}: bad proof of knowledge`);
        members.push({
          owner: members.length + 1,
          kindIndex,
          indexInGroup: 0,
          publicKey: kind[1].public_key,
        });
        electionKey = group.mul(electionKey, kind[1].public_key);
      } else {
        electionKey = group.mul(electionKey, checkPedersen(group, kind[1], path));
        kind[1].verification_keys.forEach((key, i) => {
          members.push({
            owner: members.length + 1,
            kindIndex,
            indexInGroup: i + 1,
            publicKey: key.public_key,
          });
        });
      }
    });
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  if (kinds.length === 0) return { ok: false, problem: 'no trustees' };
  return { ok: true, set: { kinds, members, electionKey } };
}

/** Lagrange coefficient λ_δ at 0 for the index set I (spec §4.19), mod q. */
export function lagrangeCoefficient(group: Group, indices: readonly number[], delta: number): bigint {
  let numerator = 1n;
  let denominator = 1n;
  for (const k of indices) {
    if (k === delta) continue;
    numerator = (numerator * BigInt(k)) % group.q;
    denominator = (denominator * BigInt(k - delta)) % group.q;
  }
  return (numerator * invMod(mod(denominator, group.q), group.q)) % group.q;
}
