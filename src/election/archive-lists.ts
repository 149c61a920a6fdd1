/**
 * The public lists an election's archive carries, built from the store's rows: the trustees
 * structure (spec §4.7) with the owner numbering of its members, and the public credentials in
 * the order and format belenios-tool expects.
 */

import { decodeText } from '../core/codec.js';
import { type TrusteeKind, trusteePublicKeyCodec } from '../protocol/messages.js';
import type { TrusteeRow, VoterRow } from '../store/store.js';
import { pedersenParameters } from './threshold.js';

/** The trustees structure (spec §4.7) in position order: server and external keys, threshold groups. */
export function trusteeKinds(rows: readonly TrusteeRow[]): TrusteeKind[] {
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .map(
      (row): TrusteeKind =>
        row.kind === 'pedersen'
          ? ['Pedersen', pedersenParameters(row)]
          : ['Single', decodeText(trusteePublicKeyCodec, row.publicJson!, 'trustee')],
    );
}

/** 1-based owner id of the (first) trustee at `position` over the flattened list: a group counts its members. */
export function ownerOf(kinds: readonly TrusteeKind[], position: number): number {
  let owner = 0;
  for (const kind of kinds.slice(0, position)) owner += kind[0] === 'Single' ? 1 : kind[1].certs.length;
  return owner + 1;
}

/** The archive's public_credentials: sorted numerically; weights written only when some differ from 1. */
export function credentialsList(voters: readonly Pick<VoterRow, 'publicCredential' | 'weight'>[]): string[] {
  const weighted = voters.some((v) => v.weight !== '1');
  return [...voters]
    .sort((a, b) => (BigInt(a.publicCredential!) < BigInt(b.publicCredential!) ? -1 : 1))
    .map((v) => (weighted ? `${v.publicCredential},${v.weight}` : v.publicCredential!));
}
