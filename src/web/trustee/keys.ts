/**
 * The trustee's cryptography, run in the browser with the protocol core: a Single key pair, the
 * Pedersen steps 1, 3 and 5 (tool-steps.ts, so the files are those belenios-tool reads and writes),
 * and the partial decryption of the encrypted tally. Private material stays in Secret boxes; what
 * leaves this module for the server is public (public key, certificate, polynomial, voutput,
 * partial decryption). File formats: `<ID>.privkey` holds `"x"` (a JSON decimal string), `<id>.key`
 * the 22-character seed, each with a trailing newline, as the tools write them.
 */
import { decodeText, encode } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { sha256Hex } from '../../core/hash.js';
import { type Secret, secret } from '../../core/secret.js';
import { loadElection } from '../../protocol/election.js';
import {
  certKeysCodec,
  encryptedTallyCodec,
  partialDecryptionCodec,
  trusteesCodec,
} from '../../protocol/messages.js';
import {
  generateTrusteeKey,
  serializeTrusteePublicKey,
  type TrusteePrivateKey,
} from '../../protocol/setup.js';
import { computePartialDecryption } from '../../protocol/tally.js';
import { deriveKeys, parseSeed, type TrusteeSeed } from '../../protocol/threshold/pki.js';
import { decryptTrusteeShare } from '../../protocol/threshold/share.js';
import {
  thresholdKeyStep1,
  thresholdKeyStep3,
  thresholdKeyStep5,
} from '../../protocol/threshold/tool-steps.js';
import { checkTrustees } from '../../protocol/trustees.js';

export type Outcome<T> = ({ ok: true } & T) | { ok: false; problem: string };

/** A file the trustee downloads and keeps; its content is revealed only to build the download. */
export interface PrivateFile {
  readonly name: string;
  readonly content: Secret<string, 'TrusteePrivateFile'>;
}

export interface SingleKeyPair {
  readonly privateFile: PrivateFile;
  /** trustee_public_key JSON: the only part uploaded. */
  readonly publicKey: string;
  /** belenios-tool's 8-digit id, the name of both files. */
  readonly keyId: string;
}

export function generateSingleKey(group: Group): SingleKeyPair {
  const { privateKey, publicKey, id } = generateTrusteeKey(group);
  return {
    privateFile: {
      name: `${id}.privkey`,
      content: secret(`"${privateKey.reveal()}"\n`, 'TrusteePrivateFile'),
    },
    publicKey: serializeTrusteePublicKey(publicKey),
    keyId: id,
  };
}

/** `"123…"` (belenios-tool's .privkey) → x. */
export function parseSingleKeyFile(text: string): Outcome<{ key: TrusteePrivateKey }> {
  const value = text.trim();
  const match = /^"(0|[1-9][0-9]{0,700})"$/.exec(value);
  if (!match) return { ok: false, problem: 'not-a-key' };
  return { ok: true, key: secret(BigInt(match[1]!), 'TrusteePrivateKey') };
}

/** A `.key` file (the seed). Spaces and a Windows line end around it are tolerated. */
export function parseThresholdKeyFile(text: string): Outcome<{ seed: TrusteeSeed }> {
  const parsed = parseSeed(text.trim());
  return parsed.ok ? parsed : { ok: false, problem: 'not-a-key' };
}

/** The id belenios-tool names this seed's files by: hex SHA-256 of its certificate's message. */
export function seedId(group: Group, seed: TrusteeSeed): string {
  const keys = deriveKeys(group, seed);
  return sha256Hex(
    encode(certKeysCodec, { verification: keys.verificationKey, encryption: keys.encryptionKey }),
  );
}

/** Step 1: the certificate to send and the key file to keep. */
export function thresholdCertificate(group: Group): {
  id: string;
  cert: string;
  seed: TrusteeSeed;
  keyFile: PrivateFile;
} {
  const step = thresholdKeyStep1(group);
  const cert = step.files.find((f) => f.name.endsWith('.cert'))!;
  const key = step.files.find((f) => f.name.endsWith('.key'))!;
  const keyText = typeof key.content === 'string' ? key.content : key.content.reveal();
  const seed = parseThresholdKeyFile(keyText);
  if (!seed.ok) throw new Error('step 1 wrote an unreadable key');
  return {
    id: step.id,
    cert: cert.content as string,
    seed: seed.seed,
    keyFile: { name: key.name, content: secret(keyText, 'TrusteePrivateFile') },
  };
}

/** Step 3: this trustee's polynomial, from all certificates and the seed. */
export function thresholdPolynomial(
  group: Group,
  certs: string,
  seed: TrusteeSeed,
  threshold: number,
): Outcome<{ polynomial: string }> {
  const step = thresholdKeyStep3(group, { certs, key: seed.reveal(), threshold });
  return step.ok ? { ok: true, polynomial: step.stdout } : step;
}

/** Step 5: this trustee's voutput, from all certificates, the seed and the vinput the server relayed. */
export function thresholdVoutput(
  group: Group,
  certs: string,
  seed: TrusteeSeed,
  vinput: string,
): Outcome<{ voutput: string }> {
  const step = thresholdKeyStep5(group, { certs, key: seed.reveal(), vinput });
  return step.ok ? { ok: true, voutput: step.stdout } : step;
}

export type DecryptionKey =
  | { kind: 'single'; key: TrusteePrivateKey }
  | { kind: 'threshold'; seed: TrusteeSeed };

/** Which file the trustee loaded: a Single `.privkey` or a threshold `.key`. */
export function parseDecryptionKeyFile(text: string): Outcome<{ key: DecryptionKey }> {
  const single = parseSingleKeyFile(text);
  if (single.ok) return { ok: true, key: { kind: 'single', key: single.key } };
  const seed = parseThresholdKeyFile(text);
  if (seed.ok) return { ok: true, key: { kind: 'threshold', seed: seed.seed } };
  return { ok: false, problem: 'not-a-key' };
}

export type DecryptionProblem = 'not-a-trustee-key' | 'wrong-decryption-key' | 'no-tally';

/**
 * The partial decryption of the encrypted tally with the loaded key, and the owner number it is
 * for: the trustee in the election's trustees structure whose public key g^x matches. For a
 * threshold key, the share x_j is first opened from the sealed `.dkey` the server gave back.
 */
export function partialDecryption(input: {
  electionJson: string;
  trusteesJson: string;
  encryptedTally: string;
  key: DecryptionKey;
  /** The `.dkey` content, for a threshold key. */
  sealedShare?: string;
}):
  | { ok: true; owner: number; partialDecryption: string }
  | { ok: false; problem: DecryptionProblem; detail?: string } {
  const ctx = loadElection(input.electionJson);
  const { group } = ctx;
  const checked = checkTrustees(group, decodeText(trusteesCodec, input.trusteesJson, 'trustees'));
  if (!checked.ok) return { ok: false, problem: 'not-a-trustee-key', detail: checked.problem };
  let x: bigint;
  if (input.key.kind === 'single') {
    x = input.key.key.reveal();
  } else {
    if (input.sealedShare === undefined) return { ok: false, problem: 'wrong-decryption-key' };
    const opened = decryptTrusteeShare(group, `${input.key.seed.reveal()}\n`, input.sealedShare);
    if (!opened.ok) return { ok: false, problem: 'wrong-decryption-key', detail: opened.problem };
    x = opened.share.reveal();
  }
  const X = group.gPow(x);
  const kind = input.key.kind === 'single' ? 'Single' : 'Pedersen';
  const member = checked.set.members.find(
    (m) => m.publicKey === X && checked.set.kinds[m.kindIndex]![0] === kind,
  );
  if (!member) return { ok: false, problem: 'not-a-trustee-key' };
  const tally = decodeText(encryptedTallyCodec, input.encryptedTally, 'encrypted tally');
  const partial = computePartialDecryption(ctx, tally, x);
  return { ok: true, owner: member.owner, partialDecryption: encode(partialDecryptionCodec, partial) };
}
