/**
 * Election setup as belenios-tool performs it (spec §3.1): election identifiers, voter credentials
 * (private ones for the voters, public ones sorted so the list does not reveal who is who), trustee
 * keys, the trustees structure and the election structure with y = Π sub-keys.
 */
import { randomBase58 } from '../core/base58.js';
import type { TypeOf } from '../core/codec.js';
import { encode } from '../core/codec.js';
import { generatePrivateCredential, type PrivateCredential, publicCredential } from '../core/credential.js';
import type { Group } from '../core/group.js';
import { sha256B64, sha256Hex } from '../core/hash.js';
import { type Secret, secret } from '../core/secret.js';
import {
  electionCodec,
  type electionTemplateCodec,
  type ThresholdParameters,
  type TrusteeKind,
  type TrusteePublicKey,
  trusteePublicKeyCodec,
} from './messages.js';
import { pokChallenge, proveDlog } from './proofs/schnorr.js';
import { checkTrustees } from './trustees.js';

export function generateToken(length = 14): string {
  return randomBase58(length);
}

export interface VoterIdentity {
  /** The identity line as given (`email[,login[,weight]]`), or the index with --count. */
  readonly id: string;
  readonly login: string;
  readonly weight: bigint | undefined;
}

/** Parses `email[,login[,weight]]` lines; the login defaults to the email, as belenios-tool does. */
export function parseVoterLines(
  lines: readonly string[],
): { ok: true; voters: VoterIdentity[] } | { ok: false; problem: string } {
  const voters: VoterIdentity[] = [];
  const logins = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const [email, login, weight, ...rest] = line.split(',');
    if (!email || rest.length > 0)
      return { ok: false, problem: `line ${i + 1}: expected email[,login[,weight]]` };
    if (weight !== undefined && !/^[1-9][0-9]*$/.test(weight)) {
      return { ok: false, problem: `line ${i + 1}: weight must be a positive integer` };
    }
    const effectiveLogin = login || email;
    if (logins.has(effectiveLogin))
      return { ok: false, problem: `line ${i + 1}: duplicate login ${effectiveLogin}` };
    logins.add(effectiveLogin);
    voters.push({
      id: line,
      login: effectiveLogin,
      weight: weight === undefined ? undefined : BigInt(weight),
    });
  }
  return { ok: true, voters };
}

export function votersByCount(count: number): VoterIdentity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    login: String(i + 1),
    weight: undefined,
  }));
}

export interface GeneratedCredentials {
  /** One per voter, in input order: goes to that voter only. */
  readonly privateCredentials: { voter: VoterIdentity; credential: PrivateCredential }[];
  /** `credential,weight,login` lines sorted by credential (the tool's .pubcreds). */
  readonly publicWithLogins: string[];
  /** What goes in the archive: `credential` or `credential,weight`. */
  readonly publicCredentials: string[];
  /** BASE64(SHA256(public_credentials JSON)): lets the authority check the published list. */
  readonly fingerprint: string;
}

export function generateCredentials(
  uuid: string,
  group: Group,
  voters: readonly VoterIdentity[],
): GeneratedCredentials {
  const entries = voters.map((voter) => {
    const credential = generatePrivateCredential();
    return { voter, credential, publicKey: publicCredential(credential, uuid, group) };
  });
  const sorted = [...entries].sort((a, b) =>
    a.publicKey < b.publicKey ? -1 : a.publicKey > b.publicKey ? 1 : 0,
  );
  const publicWithLogins = sorted.map((e) => `${e.publicKey},${e.voter.weight ?? ''},${e.voter.login}`);
  const publicCredentials = stripLogins(publicWithLogins);
  return {
    privateCredentials: entries.map(({ voter, credential }) => ({ voter, credential })),
    publicWithLogins,
    publicCredentials,
    fingerprint: publicCredentialsFingerprint(publicCredentials),
  };
}

/** `C,w,login` → `C,w` (or `C` without weight), as `archive init` stores them. */
export function stripLogins(lines: readonly string[]): string[] {
  return lines.map((line) => {
    const [credential, weight] = line.split(',');
    return weight ? `${credential},${weight}` : credential!;
  });
}

export function publicCredentialsFingerprint(publicCredentials: readonly string[]): string {
  return sha256B64(JSON.stringify(publicCredentials));
}

export type TrusteePrivateKey = Secret<bigint, 'TrusteePrivateKey'>;

export function makeTrusteePublicKey(group: Group, x: bigint): TrusteePublicKey {
  const X = group.gPow(x);
  return { pok: proveDlog(group, x, pokChallenge(group, X)), public_key: X };
}

export function generateTrusteeKey(group: Group): {
  privateKey: TrusteePrivateKey;
  publicKey: TrusteePublicKey;
  id: string;
} {
  const x = group.randomExponent();
  const publicKey = makeTrusteePublicKey(group, x);
  return { privateKey: secret(x, 'TrusteePrivateKey'), publicKey, id: trusteeKeyId(publicKey) };
}

/** belenios-tool's short fingerprint: first 8 hex digits (upper case) of SHA256(decimal public key). */
export function trusteeKeyId(publicKey: TrusteePublicKey): string {
  return sha256Hex(publicKey.public_key.toString()).slice(0, 8).toUpperCase();
}

export const serializeTrusteePublicKey = (key: TrusteePublicKey) => encode(trusteePublicKeyCodec, key);

/** Singles first, then the threshold group, as `setup make-trustees` orders them. */
export function makeTrustees(
  singles: readonly TrusteePublicKey[],
  threshold?: ThresholdParameters,
): TrusteeKind[] {
  const kinds: TrusteeKind[] = singles.map((key) => ['Single', key]);
  if (threshold) kinds.push(['Pedersen', threshold]);
  return kinds;
}

export type ElectionTemplate = TypeOf<typeof electionTemplateCodec>;

export function makeElection(
  template: ElectionTemplate,
  uuid: string,
  group: Group,
  trustees: readonly TrusteeKind[],
): { ok: true; raw: string } | { ok: false; problem: string } {
  const checked = checkTrustees(group, trustees);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  const raw = encode(electionCodec, {
    version: 1,
    description: template.description,
    name: template.name,
    group: group.name,
    public_key: checked.set.electionKey,
    questions: template.questions,
    uuid,
    administrator: template.administrator,
    credential_authority: template.credential_authority,
  });
  return { ok: true, raw };
}
