/**
 * The list of eligible public credentials (spec §4.8): "g^s" or "g^s,weight". Weights are positive
 * integers; without a weight a credential weighs 1. Credentials must be distinct group elements.
 */
import { isCanonicalDecimal } from '../core/bigint.js';
import type { Group } from '../core/group.js';

export interface Eligibility {
  /** public credential (decimal string, as in ballots) → weight */
  readonly weights: ReadonlyMap<string, bigint>;
  readonly totalWeight: bigint;
}

/** Why a list of public credentials is refused. */
export type CredentialsRejection = 'malformed' | 'bad-weight' | 'not-in-group' | 'duplicate';

export type EligibilityCheck =
  | { ok: true; eligibility: Eligibility }
  | { ok: false; reason: CredentialsRejection; problem: string };

export function parsePublicCredentials(group: Group, lines: readonly string[]): EligibilityCheck {
  const weights = new Map<string, bigint>();
  let totalWeight = 0n;
  for (let i = 0; i < lines.length; i++) {
    const parts = lines[i]!.split(',');
    const [credential, weightText] = parts;
    if (parts.length > 2 || credential === undefined || !isCanonicalDecimal(credential)) {
      return {
        ok: false,
        reason: 'malformed',
        problem: `public credential ${i + 1}: expected "credential" or "credential,weight"`,
      };
    }
    if (weightText !== undefined && (!isCanonicalDecimal(weightText) || weightText === '0')) {
      return {
        ok: false,
        reason: 'bad-weight',
        problem: `public credential ${i + 1}: weight must be a positive integer`,
      };
    }
    if (!group.isMember(BigInt(credential)))
      return { ok: false, reason: 'not-in-group', problem: `public credential ${i + 1}: not in the group` };
    if (weights.has(credential))
      return { ok: false, reason: 'duplicate', problem: `public credential ${i + 1}: duplicate` };
    const weight = weightText === undefined ? 1n : BigInt(weightText);
    weights.set(credential, weight);
    totalWeight += weight;
  }
  return { ok: true, eligibility: { weights, totalWeight } };
}
