/**
 * "Test your access" (issue #4): before voting opens, a voter proves that the credential they
 * received matches the public credential registered for their login, without casting anything. The
 * proof is a Schnorr proof of knowledge of the credential's secret s (public credential g^s, spec
 * §4.8), bound to a challenge the server derives from the voter's session and to the election, under
 * a domain string of our own: it cannot be replayed as a ballot signature (`sig|…`, §4.14), a key
 * proof (`pok|…`, §4.5) or in another session or election, and it reveals nothing about s.
 *
 * Pure and isomorphic: the booth runs `proveCredentialAccess`, the server `verifyCredentialAccess`.
 */
import { credentialSecret, type PrivateCredential } from '../core/credential.js';
import type { Group } from '../core/group.js';
import { hashToZq } from '../core/hash.js';
import type { Proof } from './messages.js';
import { proveDlog, verifyDlog } from './proofs/schnorr.js';

/** Not a Belenios prefix: this proof never appears in an archive. */
export const ACCESS_CHECK = 'scrutin-access-check';

/** The challenge string is opaque to the protocol: 64 lowercase hex characters from the server. */
const CHALLENGE = /^[0-9a-f]{64}$/;

const accessChallenge = (group: Group, uuid: string, challenge: string, X: bigint) => (A: bigint) =>
  hashToZq(`${ACCESS_CHECK}|${group.name}|${uuid}|${challenge}|${X}|${A}`, group.q);

export function proveCredentialAccess(
  group: Group,
  uuid: string,
  credential: PrivateCredential,
  challenge: string,
): Proof {
  if (!CHALLENGE.test(challenge))
    throw new RangeError('access check: the challenge must be 64 hex characters');
  const x = credentialSecret(credential, uuid, group).reveal();
  return proveDlog(group, x, accessChallenge(group, uuid, challenge, group.gPow(x)));
}

export function verifyCredentialAccess(
  group: Group,
  uuid: string,
  publicCredential: bigint,
  challenge: string,
  proof: Proof,
): boolean {
  if (!CHALLENGE.test(challenge) || !group.isMember(publicCredential)) return false;
  return verifyDlog(
    group,
    publicCredential,
    proof,
    accessChallenge(group, uuid, challenge, publicCredential),
  );
}
