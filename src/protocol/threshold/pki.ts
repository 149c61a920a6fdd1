/**
 * The trustees' public key infrastructure of Belenios 2.0 (spec §4.6.1–4.6.2). A trustee draws a
 * 22-character Base58 seed and derives from it a signing key sk = SHA256(sk|seed) and a decryption
 * key dk = SHA256(dk|seed), both read as big-endian numbers mod q; the public halves are the
 * verification key g^sk and the encryption key g^dk, published together in a signed certificate.
 * Signing is a Schnorr proof over sigmsg|M|A; encryption is ElGamal-wrapped AES-CCM (aes-ccm.ts).
 * Private values only travel inside `Secret` boxes.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { BASE58_ALPHABET, randomBase58 } from '../../core/base58.js';
import { DecodeError, decodeText, encode } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { hashToZq, sha256, sha256Hex } from '../../core/hash.js';
import { type Secret, secret } from '../../core/secret.js';
import { type CertKeys, certKeysCodec, type EncryptedMsg, type SignedMsg } from '../messages.js';
import { proveDlog, signedMessageChallenge } from '../proofs/schnorr.js';
import { verifySignedMessage } from '../trustees.js';
import { ccmDecrypt, ccmEncrypt } from './aes-ccm.js';

// §4.6.1 domain-separation prefixes ("sk|", "dk|" for key derivation; "key|", "iv|" for encryption).
const SIGNING_KEY_PREFIX = 'sk';
const DECRYPTION_KEY_PREFIX = 'dk';
const SYMMETRIC_KEY_PREFIX = 'key';
const IV_PREFIX = 'iv';

/** §4.6.1: the seed is 22 Base58 characters. */
export const SEED_LENGTH = 22;
const SEED_PATTERN = new RegExp(`^[${BASE58_ALPHABET}]{${SEED_LENGTH}}$`);

export type TrusteeSeed = Secret<string, 'TrusteeSeed'>;
export type SigningKey = Secret<bigint, 'SigningKey'>;
export type DecryptionKey = Secret<bigint, 'DecryptionKey'>;

export interface PkiKeys {
  readonly signingKey: SigningKey;
  readonly decryptionKey: DecryptionKey;
  /** g^sk */
  readonly verificationKey: bigint;
  /** g^dk */
  readonly encryptionKey: bigint;
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; problem: string };

export function generateSeed(): TrusteeSeed {
  return secret(randomBase58(SEED_LENGTH), 'TrusteeSeed');
}

/**
 * Reads a seed as belenios-tool does: the content of a `.key` file, whose trailing newline is not
 * part of the seed.
 */
export function parseSeed(text: string): Outcome<{ seed: TrusteeSeed }> {
  const value = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!SEED_PATTERN.test(value)) return { ok: false, problem: `key is not ${SEED_LENGTH} Base58 characters` };
  return { ok: true, seed: secret(value, 'TrusteeSeed') };
}

/**
 * §4.6.1 key derivation. Belenios reads the SHA-256 digest as a big-endian number and reduces it
 * mod q (`Zq.reduce_hex`; older versions kept the unreduced number, which gives the same keys since
 * g has order q and every use is mod q).
 */
export function deriveKeys(group: Group, seed: TrusteeSeed): PkiKeys {
  const sk = hashToZq(`${SIGNING_KEY_PREFIX}|${seed.reveal()}`, group.q);
  const dk = hashToZq(`${DECRYPTION_KEY_PREFIX}|${seed.reveal()}`, group.q);
  return {
    signingKey: secret(sk, 'SigningKey'),
    decryptionKey: secret(dk, 'DecryptionKey'),
    verificationKey: group.gPow(sk),
    encryptionKey: group.gPow(dk),
  };
}

/** §4.6.1 Signing: challenge = SHA256(sigmsg|M|A) mod q, response = w − sk·challenge mod q. */
export function signMessage(group: Group, signingKey: SigningKey, message: string): SignedMsg {
  return {
    message,
    signature: proveDlog(group, signingKey.reveal(), signedMessageChallenge(group, message)),
  };
}

export { verifySignedMessage };

function symmetricKey(sharedElement: bigint): Uint8Array {
  return sha256(`${SYMMETRIC_KEY_PREFIX}|${sharedElement}`);
}

function initialisationVector(alpha: bigint): Uint8Array {
  return sha256(`${IV_PREFIX}|${alpha}`);
}

/**
 * §4.6.1 Encrypting: alpha = g^r, beta = ek^r·g^s, data = hex(AES-CCM(M)) under key SHA256(key|g^s)
 * and iv SHA256(iv|alpha), numbers in base 10.
 */
export function encryptMessage(group: Group, encryptionKey: bigint, message: string): EncryptedMsg {
  const r = group.randomExponent();
  const s = group.randomExponent();
  const gs = group.gPow(s);
  const alpha = group.gPow(r);
  const beta = group.mul(group.pow(encryptionKey, r), gs);
  const sealed = ccmEncrypt(symmetricKey(gs), initialisationVector(alpha), new TextEncoder().encode(message));
  return { alpha, beta, data: bytesToHex(sealed) };
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** §4.6.1 Decrypting with dk: key SHA256(key|beta/alpha^dk), iv SHA256(iv|alpha). */
export function decryptMessage(
  group: Group,
  decryptionKey: DecryptionKey,
  encrypted: EncryptedMsg,
): Outcome<{ message: string }> {
  if (!group.isMember(encrypted.alpha) || !group.isMember(encrypted.beta)) {
    return { ok: false, problem: 'encrypted message: alpha or beta not in the group' };
  }
  if (!HEX.test(encrypted.data)) return { ok: false, problem: 'encrypted message: data is not hexadecimal' };
  const gs = group.div(encrypted.beta, group.pow(encrypted.alpha, decryptionKey.reveal()));
  const opened = ccmDecrypt(
    symmetricKey(gs),
    initialisationVector(encrypted.alpha),
    hexToBytes(encrypted.data),
  );
  if (!opened.ok) return { ok: false, problem: `encrypted message: ${opened.problem}` };
  try {
    return { ok: true, message: utf8.decode(opened.plaintext) };
  } catch {
    return { ok: false, problem: 'encrypted message: plaintext is not UTF-8' };
  }
}

/** §4.6.2: a certificate is the serialized cert_keys signed with sk. */
export function makeCert(group: Group, keys: PkiKeys): SignedMsg {
  const message = encode(certKeysCodec, {
    verification: keys.verificationKey,
    encryption: keys.encryptionKey,
  });
  return signMessage(group, keys.signingKey, message);
}

/** Checks a certificate (keys in the group, signed by its own verification key) and opens it. */
export function checkCert(group: Group, cert: SignedMsg): Outcome<{ keys: CertKeys }> {
  let keys: CertKeys;
  try {
    keys = decodeText(certKeysCodec, cert.message, 'cert_keys');
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
  if (!group.isMember(keys.verification) || !group.isMember(keys.encryption)) {
    return { ok: false, problem: 'certificate key not in the group' };
  }
  if (!verifySignedMessage(group, keys.verification, cert))
    return { ok: false, problem: 'bad certificate signature' };
  return { ok: true, keys };
}

/**
 * The name belenios-tool gives a trustee's files (`<id>.cert`, `<id>.key`, `<id>.vinput`,
 * `<id>.dkey`): lowercase hex SHA-256 of the certificate's message (the serialized cert_keys).
 */
export function certId(cert: SignedMsg): string {
  return sha256Hex(cert.message);
}
