/**
 * The "Pedersen" key establishment protocol (spec §3.1.1) between m trustees T_1..T_m and the server
 * S, whose messages are specified in §4.6.2–4.6.7. Each function is one step of
 * `belenios-tool setup generate-trustee-key-threshold --step N`, over decoded structures (the file
 * formats are in tool-steps.ts):
 *   1. T_z: makeCertificate — seed and certificate γ_z;
 *   2. S and T_z: checkCertificates — Γ = γ_1..γ_m;
 *   3. T_z: makePolynomial — a random f_z of degree t, sent encrypted share by share (§4.6.4);
 *   4. S: makeVinputs — routes the shares to their recipients (§4.6.5);
 *   5. T_j: makeVoutput — checks its shares against the commitments, outputs its key share (§4.6.6);
 *   6. S: makeThresholdParameters — checks the voutputs, publishes the parameters (§4.6.7).
 * Randomness aside, these are pure; expected failures (a bad signature, a share that does not match
 * its commitment, inconsistent sizes) are returned as values naming the trustee (1-based), as
 * belenios-tool words them.
 */
import { mod } from '../../core/bigint.js';
import { DecodeError, decodeText, encode } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { secret } from '../../core/secret.js';
import {
  type CertKeys,
  type Polynomial,
  rawCoefexpsCodec,
  rawPolynomialCodec,
  type SignedMsg,
  secretCodec,
  type ThresholdParameters,
  type Vinput,
  type Voutput,
} from '../messages.js';
import { pokChallenge, proveDlog } from '../proofs/schnorr.js';
import { evaluateCommitted, verifySignedMessage, verifyTrusteePublicKey } from '../trustees.js';
import { receive, send } from './channels.js';
import {
  certId,
  checkCert,
  deriveKeys,
  generateSeed,
  makeCert,
  type Outcome,
  type PkiKeys,
  signMessage,
  type TrusteeSeed,
} from './pki.js';
import { sealShare } from './share.js';

/** Step 1 (§3.1.1 1a, §4.6.2): a fresh seed and its certificate; `id` names the tool's files. */
export function makeCertificate(group: Group): { seed: TrusteeSeed; cert: SignedMsg; id: string } {
  const seed = generateSeed();
  const cert = makeCert(group, deriveKeys(group, seed));
  return { seed, cert, id: certId(cert) };
}

/**
 * Step 2 (§3.1.1 1b and 3a): every certificate is signed by its own verification key. We also
 * refuse two certificates with the same key, which would let one trustee hold two shares.
 */
export function checkCertificates(group: Group, certs: readonly SignedMsg[]): Outcome<{ keys: CertKeys[] }> {
  if (certs.length === 0) return { ok: false, problem: 'no certificates' };
  const keys: CertKeys[] = [];
  for (const [i, cert] of certs.entries()) {
    const checked = checkCert(group, cert);
    if (!checked.ok)
      return { ok: false, problem: `certificate ${i + 1} does not validate (${checked.problem})` };
    const duplicate = keys.findIndex(
      (other) =>
        other.verification === checked.keys.verification || other.encryption === checked.keys.encryption,
    );
    if (duplicate >= 0)
      return { ok: false, problem: `certificates ${duplicate + 1} and ${i + 1} share a key` };
    keys.push(checked.keys);
  }
  return { ok: true, keys };
}

/** 1-based position of our certificate in Γ (the `j` of §4.6.4–4.6.6). */
function findOwnCertificate(keys: readonly CertKeys[], own: PkiKeys): Outcome<{ index: number }> {
  const i = keys.findIndex(
    (cert) => cert.verification === own.verificationKey && cert.encryption === own.encryptionKey,
  );
  if (i < 0) return { ok: false, problem: 'could not find my certificate' };
  return { ok: true, index: i + 1 };
}

/** f(x) = a_0 + a_1·x + … + a_t·x^t mod q (Horner). */
function evaluatePolynomial(group: Group, coefficients: readonly bigint[], x: number): bigint {
  let result = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--)
    result = mod(result * BigInt(x) + coefficients[k]!, group.q);
  return result;
}

/**
 * Step 3 (§3.1.1 3b, §4.6.4) for trustee T_i holding `seed`: picks f_i with `threshold` = t + 1
 * coefficients (the number of trustees needed to decrypt), and fills `polynomial` (f_i to itself),
 * `secrets` (f_i(j) to each T_j) and `coefexps` (signed g^a_ik).
 */
export function makePolynomial(
  group: Group,
  certs: readonly SignedMsg[],
  seed: TrusteeSeed,
  threshold: number,
): Outcome<{ polynomial: Polynomial }> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const m = checked.keys.length;
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > m) {
    return {
      ok: false,
      problem: `threshold must be between 1 and the number of trustees (${m}), got ${threshold}`,
    };
  }
  const own = deriveKeys(group, seed);
  const found = findOwnCertificate(checked.keys, own);
  if (!found.ok) return found;
  const coefficients = Array.from({ length: threshold }, () => group.randomExponent());
  const polynomial = send(
    group,
    own.signingKey,
    own.encryptionKey,
    encode(rawPolynomialCodec, { polynomial: coefficients }),
  );
  const secrets = checked.keys.map((recipient, index) =>
    send(
      group,
      own.signingKey,
      recipient.encryption,
      encode(secretCodec, { secret: evaluatePolynomial(group, coefficients, index + 1) }),
    ),
  );
  const coefexps = encode(rawCoefexpsCodec, { coefexps: coefficients.map((a) => group.gPow(a)) });
  return {
    ok: true,
    polynomial: { polynomial, secrets, coefexps: signMessage(group, own.signingKey, coefexps) },
  };
}

/** Opens a signed raw_coefexps: signature by `verificationKey`, every A_k in G, `expected` entries. */
function openCoefexps(
  group: Group,
  verificationKey: bigint,
  signed: SignedMsg,
  expected: number | undefined,
): Outcome<{ coefexps: bigint[] }> {
  if (!verifySignedMessage(group, verificationKey, signed))
    return { ok: false, problem: 'does not validate' };
  let coefexps: bigint[];
  try {
    coefexps = decodeText(rawCoefexpsCodec, signed.message, 'raw_coefexps').coefexps;
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
  if (coefexps.length === 0) return { ok: false, problem: 'is empty' };
  if (expected !== undefined && coefexps.length !== expected)
    return { ok: false, problem: 'has wrong length' };
  if (!coefexps.every((A) => group.isMember(A)))
    return { ok: false, problem: 'has an element outside the group' };
  return { ok: true, coefexps };
}

/**
 * Checks every trustee's signed coefexps against Γ (all of the same length t + 1 ≤ m) and returns
 * the commitments A_ik.
 */
function openAllCoefexps(
  group: Group,
  keys: readonly CertKeys[],
  signed: readonly SignedMsg[],
): Outcome<{ coefexps: bigint[][] }> {
  if (signed.length !== keys.length) {
    return { ok: false, problem: `expected ${keys.length} coefexps, got ${signed.length}` };
  }
  const coefexps: bigint[][] = [];
  for (const [i, message] of signed.entries()) {
    const opened = openCoefexps(group, keys[i]!.verification, message, coefexps[0]?.length);
    if (!opened.ok) return { ok: false, problem: `coefexps ${i + 1} ${opened.problem}` };
    coefexps.push(opened.coefexps);
  }
  const threshold = coefexps[0]!.length;
  if (threshold > keys.length)
    return { ok: false, problem: `threshold ${threshold} exceeds the ${keys.length} trustees` };
  return { ok: true, coefexps };
}

/** §3.1.1 3c: S checks P_z, the polynomial of the z-th trustee (1-based). */
export function checkPolynomial(
  group: Group,
  certs: readonly SignedMsg[],
  z: number,
  polynomial: Polynomial,
): Outcome<{ coefexps: bigint[] }> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const keys = checked.keys[z - 1];
  if (!keys) return { ok: false, problem: `no certificate ${z}` };
  if (polynomial.secrets.length !== checked.keys.length) {
    return {
      ok: false,
      problem: `polynomial ${z} has ${polynomial.secrets.length} secrets for ${checked.keys.length} trustees`,
    };
  }
  const opened = openCoefexps(group, keys.verification, polynomial.coefexps, undefined);
  if (!opened.ok) return { ok: false, problem: `coefexps ${z} ${opened.problem}` };
  if (opened.coefexps.length > checked.keys.length)
    return { ok: false, problem: `coefexps ${z} has wrong length` };
  return opened;
}

/**
 * Step 4 (§3.1.1 4, §4.6.5): vi_j = (polynomial of P_j, secret(P_1)_j … secret(P_m)_j, coefexps of
 * all). Checks the certificates, each polynomial's coefexps signature and that all agree on t.
 */
export function makeVinputs(
  group: Group,
  certs: readonly SignedMsg[],
  polynomials: readonly Polynomial[],
): Outcome<{ vinputs: Vinput[] }> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const m = checked.keys.length;
  if (polynomials.length !== m)
    return { ok: false, problem: `expected ${m} polynomials, got ${polynomials.length}` };
  const badSecrets = polynomials.findIndex((p) => p.secrets.length !== m);
  if (badSecrets >= 0)
    return { ok: false, problem: `polynomial ${badSecrets + 1} does not have ${m} secrets` };
  const coefexps = polynomials.map((p) => p.coefexps);
  const opened = openAllCoefexps(group, checked.keys, coefexps);
  if (!opened.ok) return opened;
  const vinputs = polynomials.map((own, j) => ({
    polynomial: own.polynomial,
    secrets: polynomials.map((sender) => sender.secrets[j]!),
    coefexps,
  }));
  return { ok: true, vinputs };
}

/**
 * Step 5 (§3.1.1 5a–c, §4.6.6) for trustee T_j holding `seed`: opens its own polynomial and the m
 * shares sent to it, checks g^s_ij = Π_k A_ik^(j^k) for each sender i, and outputs
 * S_j = Σ_i s_ij mod q sealed to itself, with its public key and proof of knowledge.
 */
export function makeVoutput(
  group: Group,
  certs: readonly SignedMsg[],
  seed: TrusteeSeed,
  vinput: Vinput,
): Outcome<{ voutput: Voutput }> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const keys = checked.keys;
  const m = keys.length;
  const own = deriveKeys(group, seed);
  const found = findOwnCertificate(keys, own);
  if (!found.ok) return found;
  const j = found.index;

  const ownPolynomial = receive(group, own.decryptionKey, own.verificationKey, vinput.polynomial);
  if (!ownPolynomial.ok) return { ok: false, problem: `own polynomial: ${ownPolynomial.problem}` };
  let coefficients: bigint[];
  try {
    coefficients = decodeText(rawPolynomialCodec, ownPolynomial.message, 'raw_polynomial').polynomial;
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: `own polynomial: ${error.message}` };
    throw error;
  }
  const threshold = coefficients.length;
  if (vinput.secrets.length !== m)
    return { ok: false, problem: `expected ${m} secrets, got ${vinput.secrets.length}` };
  const opened = openAllCoefexps(group, keys, vinput.coefexps);
  if (!opened.ok) return opened;
  if (opened.coefexps[0]!.length !== threshold)
    return { ok: false, problem: 'own polynomial has wrong length' };
  // Our own commitments must be those of the polynomial we chose (the tool only checks its length).
  const ownCommitments = opened.coefexps[j - 1]!;
  if (!coefficients.every((a, k) => group.gPow(a) === ownCommitments[k])) {
    return { ok: false, problem: `coefexps ${j} does not match my polynomial` };
  }

  let total = 0n;
  for (const [index, sealed] of vinput.secrets.entries()) {
    const i = index + 1;
    const received = receive(group, own.decryptionKey, keys[index]!.verification, sealed);
    if (!received.ok) return { ok: false, problem: `secret ${i}: ${received.problem}` };
    let share: bigint;
    try {
      share = decodeText(secretCodec, received.message, 'secret').secret;
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, problem: `secret ${i}: ${error.message}` };
      throw error;
    }
    if (group.gPow(share) !== evaluateCommitted(group, opened.coefexps[index]!, j)) {
      return { ok: false, problem: `secret ${i} does not validate` };
    }
    total = mod(total + share, group.q);
  }

  const share = secret(total, 'TrusteeShare');
  const publicKey = group.gPow(total);
  return {
    ok: true,
    voutput: {
      private_key: sealShare(group, own, share),
      public_key: { pok: proveDlog(group, total, pokChallenge(group, publicKey)), public_key: publicKey },
    },
  };
}

/** §3.1.1 5d: S checks vo_j (1-based j) against the polynomials' commitments. */
export function checkVoutput(
  group: Group,
  certs: readonly SignedMsg[],
  polynomials: readonly Polynomial[],
  j: number,
  voutput: Voutput,
): Outcome<object> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const opened = openAllCoefexps(
    group,
    checked.keys,
    polynomials.map((p) => p.coefexps),
  );
  if (!opened.ok) return opened;
  return checkVoutputAgainst(group, opened.coefexps, j, voutput);
}

/** pok of vo_j, and g^S_j = Π_i Π_k A_ik^(j^k) (§4.6.6). */
function checkVoutputAgainst(
  group: Group,
  coefexps: readonly (readonly bigint[])[],
  j: number,
  voutput: Voutput,
): Outcome<object> {
  if (!verifyTrusteePublicKey(group, voutput.public_key))
    return { ok: false, problem: `pok ${j} does not validate` };
  const expected = coefexps.reduce(
    (acc, commitments) => group.mul(acc, evaluateCommitted(group, commitments, j)),
    1n,
  );
  if (voutput.public_key.public_key !== expected)
    return { ok: false, problem: `verification key ${j} is incorrect` };
  return { ok: true };
}

/**
 * Step 6 (§3.1.1 6, §4.6.7): checks every voutput and assembles the threshold parameters (threshold
 * = t + 1). `encryptedKeys[j]` is the private_key of vo_j, the K_j sent back to T_j at tally time.
 */
export function makeThresholdParameters(
  group: Group,
  certs: readonly SignedMsg[],
  polynomials: readonly Polynomial[],
  voutputs: readonly Voutput[],
): Outcome<{ parameters: ThresholdParameters; encryptedKeys: string[] }> {
  const checked = checkCertificates(group, certs);
  if (!checked.ok) return checked;
  const m = checked.keys.length;
  if (polynomials.length !== m)
    return { ok: false, problem: `expected ${m} polynomials, got ${polynomials.length}` };
  if (voutputs.length !== m) return { ok: false, problem: `expected ${m} voutputs, got ${voutputs.length}` };
  const coefexps = polynomials.map((p) => p.coefexps);
  const opened = openAllCoefexps(group, checked.keys, coefexps);
  if (!opened.ok) return opened;
  for (const [index, voutput] of voutputs.entries()) {
    const voutputCheck = checkVoutputAgainst(group, opened.coefexps, index + 1, voutput);
    if (!voutputCheck.ok) return voutputCheck;
  }
  return {
    ok: true,
    parameters: {
      threshold: opened.coefexps[0]!.length,
      certs: [...certs],
      coefexps,
      verification_keys: voutputs.map((v) => v.public_key),
    },
    encryptedKeys: voutputs.map((v) => v.private_key),
  };
}
