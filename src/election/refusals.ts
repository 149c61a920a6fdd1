/**
 * The refusals the election lifecycle gives when an action does not fit: by state (saying where the
 * election is and which step is missing) and, at publication, which trustees still owe their
 * partial decryption. They only build DomainErrors; the service decides when to throw them.
 */

import { DomainError } from '../errors/catalogue.js';
import type { TrusteeSet } from '../protocol/trustees.js';
import type { ElectionRow, ElectionState, TrusteeRow } from '../store/store.js';
import { parseThresholdState } from './threshold.js';

export const STATE_WORDS: Record<ElectionState, string> = {
  draft: 'in preparation',
  open: 'open',
  closed: 'closed',
  tallied: 'tallied',
  published: 'published',
  annulled: 'annulled',
};
/** What must happen before each state (the step the admin has not taken yet). */
export const NEXT_STEP: Partial<Record<ElectionState, string>> = {
  draft: 'open it first',
  open: 'close it first',
  closed: 'compute the encrypted tally first',
  tallied: 'publish the result',
};

/** A refusal by state that says where the election is and what is needed. */
export function wrongState(row: ElectionRow, allowed: readonly ElectionState[]): DomainError {
  const state = row.state;
  const wanted = allowed.map((s) => STATE_WORDS[s]).join(' or ');
  let problem = `the election is ${STATE_WORDS[state]}; this is possible only while it is ${wanted}`;
  if (state === 'annulled')
    problem = `the election is annulled (${row.annulReason ?? 'no reason given'}): nothing more can be done`;
  else if (state === 'published') problem = 'the result is already published: nothing more can be changed';
  else if (allowed.length === 1 && order(allowed[0]!) > order(state) && NEXT_STEP[state])
    problem = `the election is ${STATE_WORDS[state]}: ${NEXT_STEP[state]}`;
  else if (allowed.every((s) => order(s) < order(state)))
    problem = `the election is already ${STATE_WORDS[state]}: too late for this`;
  return new DomainError('SCR_WRONG_STATE', { state, allowed, problem });
}
const order = (state: ElectionState) => ['draft', 'open', 'closed', 'tallied', 'published'].indexOf(state);

/**
 * Which trustees still have to send their partial decryption, by name: every Single trustee, and
 * for a threshold group enough of its members to reach its threshold. Undefined when enough are in.
 */
export function missingDecryptions(
  trustees: TrusteeSet,
  shares: ReadonlyMap<number, unknown>,
  rows: readonly TrusteeRow[],
): { problem: string; missing: string[] } | undefined {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const singles: string[] = [];
  let singleCount = 0;
  const groups: string[] = [];
  const missing: string[] = [];
  trustees.kinds.forEach((kind, k) => {
    const members = trustees.members.filter((m) => m.kindIndex === k);
    const row = sorted[k];
    if (kind[0] === 'Single') {
      singleCount += 1;
      if (!shares.has(members[0]!.owner)) singles.push(row?.displayName ?? `trustee ${members[0]!.owner}`);
      return;
    }
    const names = row?.kind === 'pedersen' ? parseThresholdState(row).trustees.map((t) => t.displayName) : [];
    const present = members.filter((m) => shares.has(m.owner)).length;
    const threshold = kind[1].threshold;
    if (present >= threshold) return;
    const waiting = members
      .map((m, i) => ({ m, name: names[i] ?? `trustee ${m.owner}` }))
      .filter(({ m }) => !shares.has(m.owner))
      .map(({ name }) => name);
    missing.push(...waiting);
    groups.push(
      `threshold trustees: only ${present} of the ${threshold} decryptions needed are in (waiting for ${threshold - present} more among ${waiting.join(', ')})`,
    );
  });
  if (singles.length === 0 && groups.length === 0) return undefined;
  const parts =
    singles.length === 0
      ? groups
      : [
          `${singles.length} of ${singleCount} trustee${singleCount === 1 ? '' : 's'} ${singles.length === 1 ? 'has' : 'have'} not decrypted yet (${singles.join(', ')})`,
          ...groups,
        ];
  return { problem: parts.join('; '), missing: [...singles, ...missing] };
}
