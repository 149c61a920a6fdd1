/**
 * A Pedersen trustee's private key share x_j (spec §4.6.6): after key establishment it exists only
 * as the voutput's `private_key`, i.e. send(sk_j, ek_j, M) to itself, where M is a serialized
 * partial_decryption_key `{"decryption_key":"x_j"}`. belenios-tool stores that string in `<id>.dkey`
 * (with a trailing newline) and the trustee keeps the seed in `<id>.key`; both are what
 * `belenios-tool election decrypt-threshold --key K --decryption-key D` reads. This module writes
 * and opens that message and returns x_j in a `Secret`.
 *
 * Note: belenios-tool 2.0 stores Σ_i s_ij without reducing it mod q (the vectors hold values up to
 * m·q), although spec §4.6.6 says "mod q"; we write the reduced value and reduce what we read.
 */
import { bigDecimal, DecodeError, decodeText, encode, object } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { type Secret, secret } from '../../core/secret.js';
import { receive, send } from './channels.js';
import { deriveKeys, type Outcome, type PkiKeys, parseSeed } from './pki.js';

/** Not in the spec's boxes, but what Belenios serializes inside the voutput's private_key. */
export const partialDecryptionKeyCodec = object({ decryption_key: bigDecimal });

export type TrusteeShare = Secret<bigint, 'TrusteeShare'>;

/** §4.6.6: private_key = send(sk_j, ek_j, S_j). */
export function sealShare(group: Group, keys: PkiKeys, share: TrusteeShare): string {
  const message = encode(partialDecryptionKeyCodec, { decryption_key: share.reveal() });
  return send(group, keys.signingKey, keys.encryptionKey, message);
}

/** Opens a voutput private_key addressed by the trustee to itself; also returns g^x_j. */
export function openShare(
  group: Group,
  keys: PkiKeys,
  sealed: string,
): Outcome<{ share: TrusteeShare; publicKey: bigint }> {
  const received = receive(group, keys.decryptionKey, keys.verificationKey, sealed);
  if (!received.ok) return received;
  let value: bigint;
  try {
    value = decodeText(partialDecryptionKeyCodec, received.message, 'partial_decryption_key').decryption_key;
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
  const x = value % group.q;
  return { ok: true, share: secret(x, 'TrusteeShare'), publicKey: group.gPow(x) };
}

/**
 * What `election decrypt-threshold --key <id>.key --decryption-key <id>.dkey` starts with: the
 * contents of both files (trailing newline allowed) to x_j. Compare `publicKey` with the trustee's
 * entry in the election's verification_keys before using the share.
 */
export function decryptTrusteeShare(
  group: Group,
  keyFile: string,
  dkeyFile: string,
): Outcome<{ share: TrusteeShare; publicKey: bigint }> {
  const seed = parseSeed(keyFile);
  if (!seed.ok) return seed;
  const sealed = dkeyFile.endsWith('\n') ? dkeyFile.slice(0, -1) : dkeyFile;
  const opened = openShare(group, deriveKeys(group, seed.seed), sealed);
  if (!opened.ok) return { ok: false, problem: `decryption key: ${opened.problem}` };
  return opened;
}
