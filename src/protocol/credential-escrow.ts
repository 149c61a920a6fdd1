/**
 * Escrow of server-generated voting credentials to the election's credential-recovery officer
 * (issue #4 item 5). Belenios 2.0 fixes the public credentials in the Setup event, so a voter who
 * loses a server-generated credential after opening can only get the *same* one back (spec §3.3).
 * The server keeps each private credential only sealed to the officer's public key X = g^x, made on
 * the officer's side; x never reaches the server, so nothing the server stores opens an escrow.
 *
 * Sealing is a DH key encapsulation in the election group followed by AES-256-GCM:
 *   alpha = g^r, K = SHA256(ESCROW_KEY|X|alpha|X^r), data = AES-GCM(K, nonce, credential, AD)
 * with associated data AD = JSON ["scrutin-escrow|v1", electionId, voterId], so an escrow cannot be
 * presented to the officer as another voter's or another election's (opening fails). A fresh r makes every
 * key single-use; the random nonce is kept anyway so no reasoning about key reuse is needed.
 * The officer's public key carries a Schnorr proof of knowledge of x (as trustee keys do, spec §4.5)
 * so a key whose private half nobody holds is refused. Pure and isomorphic: browser or CLI alike.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  bigDecimal,
  DecodeError,
  decodeText,
  encode,
  literal,
  object,
  string,
  type TypeOf,
} from '../core/codec.js';
import { type PrivateCredential, parsePrivateCredential } from '../core/credential.js';
import { type Group, groupByName } from '../core/group.js';
import { hashToZq, sha256, sha256B64 } from '../core/hash.js';
import { randomBelow, randomBytes } from '../core/random.js';
import { type Secret, secret } from '../core/secret.js';
import { proofCodec } from './messages.js';
import { proveDlog, verifyDlog } from './proofs/schnorr.js';

/** Domain separation, distinct from every Belenios prefix (proofs/domains.ts). */
export const OFFICER_POK = 'scrutin-recovery-pok';
export const ESCROW_KEY = 'scrutin-escrow-key';
export const ESCROW_AD = 'scrutin-escrow|v1';
const NONCE_BYTES = 12;
/**
 * The encapsulation exponent r is drawn below min(q, 2^256): all of Z_q in BELENIOS-2048 (256-bit
 * q); in RFC-3526-2048 (a safe-prime group, 2047-bit q) a 256-bit exponent, which NIST SP 800-56A
 * Rev. 3 allows for safe-prime groups (2s bits for security strength s = 112) and which makes
 * sealing 40,000 credentials take minutes instead of a quarter of an hour.
 */
const EPHEMERAL_BOUND = 1n << 256n;

export type Outcome<T> = ({ ok: true } & T) | { ok: false; problem: string };

export type OfficerPrivateKey = Secret<bigint, 'RecoveryOfficerKey'>;

export const officerPublicKeyCodec = object({ group: string, public_key: bigDecimal, pok: proofCodec });
export type OfficerPublicKey = TypeOf<typeof officerPublicKeyCodec>;

/** The private key file: `{"kind":"scrutin-recovery-private-key","group":…,"private_key":…}`. */
const officerPrivateKeyCodec = object({
  kind: literal('scrutin-recovery-private-key'),
  group: string,
  private_key: bigDecimal,
});

export const credentialEscrowCodec = object({ alpha: bigDecimal, nonce: string, data: string });
export type CredentialEscrow = TypeOf<typeof credentialEscrowCodec>;

/** What an escrow is bound to: opening it under any other binding fails. */
export interface EscrowBinding {
  readonly electionId: string;
  readonly voterId: string;
}

const pokChallenge = (group: Group, X: bigint) => (A: bigint) =>
  hashToZq(`${OFFICER_POK}|${group.name}|${X}|${A}`, group.q);

export function generateOfficerKey(group: Group): {
  privateKey: OfficerPrivateKey;
  publicKey: OfficerPublicKey;
} {
  const x = group.randomExponent();
  const X = group.gPow(x);
  return {
    privateKey: secret(x, 'RecoveryOfficerKey'),
    publicKey: { group: group.name, public_key: X, pok: proveDlog(group, x, pokChallenge(group, X)) },
  };
}

export function serializeOfficerPublicKey(key: OfficerPublicKey): string {
  return encode(officerPublicKeyCodec, key);
}

/** Parses and checks a public key for `group`: right group, element of G, valid proof of knowledge. */
export function parseOfficerPublicKey(group: Group, text: string): Outcome<{ key: OfficerPublicKey }> {
  let key: OfficerPublicKey;
  try {
    key = decodeText(officerPublicKeyCodec, text.trim(), 'recovery public key');
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
  if (key.group !== group.name)
    return { ok: false, problem: `the key is for group ${key.group}, the election uses ${group.name}` };
  if (!group.isMember(key.public_key)) return { ok: false, problem: 'the public key is not in the group' };
  if (!verifyDlog(group, key.public_key, key.pok, pokChallenge(group, key.public_key)))
    return { ok: false, problem: 'the proof of knowledge of the private key does not verify' };
  return { ok: true, key };
}

/** What the officer compares with what the admin page shows: BASE64(SHA256(serialized key)). */
export function officerKeyFingerprint(key: OfficerPublicKey): string {
  return sha256B64(serializeOfficerPublicKey(key));
}

export function serializeOfficerPrivateKey(group: Group, key: OfficerPrivateKey): string {
  return encode(officerPrivateKeyCodec, {
    kind: 'scrutin-recovery-private-key',
    group: group.name,
    private_key: key.reveal(),
  });
}

export function parseOfficerPrivateKey(text: string): Outcome<{ group: Group; key: OfficerPrivateKey }> {
  let parsed: TypeOf<typeof officerPrivateKeyCodec>;
  try {
    parsed = decodeText(officerPrivateKeyCodec, text.trim(), 'recovery private key');
  } catch (error) {
    // Never echo the content: it is a private key, possibly a mangled one.
    if (error instanceof DecodeError) return { ok: false, problem: 'not a recovery private key file' };
    throw error;
  }
  const group = groupByName(parsed.group);
  if (!group) return { ok: false, problem: `unknown group ${parsed.group}` };
  if (parsed.private_key <= 0n || parsed.private_key >= group.q)
    return { ok: false, problem: 'the private key is out of range' };
  return { ok: true, group, key: secret(parsed.private_key, 'RecoveryOfficerKey') };
}

/** A JSON array, so no two bindings share an encoding (whatever characters the ids hold). */
function associatedData(binding: EscrowBinding): Uint8Array {
  return utf8ToBytes(JSON.stringify([ESCROW_AD, binding.electionId, binding.voterId]));
}

function escrowKey(officerKey: bigint, alpha: bigint, shared: bigint): Uint8Array {
  return sha256(`${ESCROW_KEY}|${officerKey}|${alpha}|${shared}`);
}

/** Seals `credential` to the officer key `X` (already checked with parseOfficerPublicKey). */
export function escrowCredential(
  group: Group,
  X: bigint,
  binding: EscrowBinding,
  credential: PrivateCredential,
): CredentialEscrow {
  let r = 0n;
  while (r === 0n) r = randomBelow(group.q < EPHEMERAL_BOUND ? group.q : EPHEMERAL_BOUND);
  const alpha = group.gPow(r);
  const key = escrowKey(X, alpha, group.pow(X, r));
  const nonce = randomBytes(NONCE_BYTES);
  const data = gcm(key, nonce, associatedData(binding)).encrypt(utf8ToBytes(credential.reveal()));
  return { alpha, nonce: bytesToHex(nonce), data: bytesToHex(data) };
}

export function serializeEscrow(escrow: CredentialEscrow): string {
  return encode(credentialEscrowCodec, escrow);
}

const HEX = /^(?:[0-9a-f]{2})+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Opens an escrow with the officer's private key; fails (never throws) on a wrong key, binding or tampering. */
export function openEscrow(
  group: Group,
  privateKey: OfficerPrivateKey,
  binding: EscrowBinding,
  escrow: CredentialEscrow,
): Outcome<{ credential: PrivateCredential }> {
  if (!group.isMember(escrow.alpha)) return { ok: false, problem: 'escrow: alpha is not in the group' };
  if (!HEX.test(escrow.nonce) || escrow.nonce.length !== NONCE_BYTES * 2 || !HEX.test(escrow.data))
    return { ok: false, problem: 'escrow: nonce or data is not hexadecimal of the right length' };
  const x = privateKey.reveal();
  const key = escrowKey(group.gPow(x), escrow.alpha, group.pow(escrow.alpha, x));
  let plaintext: Uint8Array;
  try {
    plaintext = gcm(key, hexToBytes(escrow.nonce), associatedData(binding)).decrypt(hexToBytes(escrow.data));
  } catch {
    return {
      ok: false,
      problem: 'escrow: does not open with this key for this election and voter (wrong key or altered)',
    };
  }
  let text: string;
  try {
    text = utf8.decode(plaintext);
  } catch {
    return { ok: false, problem: 'escrow: content is not a credential' };
  }
  const parsed = parsePrivateCredential(text);
  if (!parsed.ok) return { ok: false, problem: 'escrow: content is not a credential' };
  return { ok: true, credential: parsed.credential };
}
