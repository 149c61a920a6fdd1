/**
 * Quorums and required majorities (issue 17), exact: one engine for motions (adopted / rejected /
 * quorum not reached) and for the two-round rules of rules.ts (elected / second round); both
 * compare shares through threshold.ts.
 *
 * Documented rules, as French association and party statutes usually write them:
 * - The quorum is met by the weight of the ballots cast (blank ballots included: a member who casts a
 *   blank ballot took part), compared with `≥`: "a quorum of a quarter of the members" is met by
 *   exactly a quarter. It is a share of the roll's weight, or an absolute weight.
 * - A required majority is an exact fraction with its comparison: `> 1/2` (absolute majority),
 *   `≥ 2/3`, `≥ 3/5`… of its base: the votes cast including blank ones (`cast`), or the valid
 *   votes, blank excluded (`valid`, the French "suffrages exprimés"). 200 of 300 meet `≥ 2/3`,
 *   not `> 2/3`.
 * - With no vote in the base, nothing is adopted (even `≥ 0`): reason `no-votes`.
 */
import type { Fraction } from './fraction.js';
import { decideFinalRound, decideRound, type RoundDecision, type RoundRule } from './rules.js';
import { meetsThreshold, type Threshold } from './threshold.js';

export type Quorum =
  | { readonly kind: 'share'; readonly share: Fraction }
  | { readonly kind: 'weight'; readonly weight: bigint };

export interface QuorumCheck {
  readonly reached: boolean;
  /** Weight of the ballots cast (blank included). */
  readonly turnout: bigint;
  /** The weight the turnout had to reach (rounded up when the quorum is a share). */
  readonly required: bigint;
}

/** Whether the turnout reaches the quorum: turnout ≥ share × roll weight, or ≥ the absolute weight. */
export function checkQuorum(quorum: Quorum, turnout: bigint, rollWeight: bigint): QuorumCheck {
  if (quorum.kind === 'weight')
    return { reached: turnout >= quorum.weight, turnout, required: quorum.weight };
  const { numerator, denominator } = quorum.share;
  const product = numerator * rollWeight;
  const required = product / denominator + (product % denominator === 0n ? 0n : 1n);
  return { reached: turnout * denominator >= product, turnout, required };
}

export interface MotionRule {
  readonly quorum: Quorum | null;
  readonly majority: Threshold;
  /** `cast`: yes + no + blank; `valid`: yes + no. */
  readonly base: 'cast' | 'valid';
}

export interface MotionCounts {
  readonly yes: bigint;
  readonly no: bigint;
  readonly blank: bigint;
  /** The roll's total weight (for a quorum as a share). */
  readonly rollWeight: bigint;
  /** Weight of the ballots cast, when known apart (default: yes + no + blank). */
  readonly turnout?: bigint;
}

export type MotionOutcome =
  | { readonly kind: 'quorum-not-reached'; readonly quorum: QuorumCheck }
  | {
      readonly kind: 'adopted' | 'rejected';
      readonly reason: 'majority' | 'majority-not-reached' | 'no-votes';
      /** The votes the majority is taken of. */
      readonly base: bigint;
      readonly quorum: QuorumCheck | null;
    };

export function decideMotion(rule: MotionRule, counts: MotionCounts): MotionOutcome {
  const turnout = counts.turnout ?? counts.yes + counts.no + counts.blank;
  const quorum = rule.quorum ? checkQuorum(rule.quorum, turnout, counts.rollWeight) : null;
  if (quorum && !quorum.reached) return { kind: 'quorum-not-reached', quorum };
  const base = counts.yes + counts.no + (rule.base === 'cast' ? counts.blank : 0n);
  if (base === 0n) return { kind: 'rejected', reason: 'no-votes', base, quorum };
  return meetsThreshold(counts.yes, base, rule.majority)
    ? { kind: 'adopted', reason: 'majority', base, quorum }
    : { kind: 'rejected', reason: 'majority-not-reached', base, quorum };
}

/**
 * A question's rule: a motion (yes / no), a round of an election with its round rule, or a final
 * round (the most votes) — each with an optional quorum checked first.
 */
export type QuestionRule =
  | { readonly kind: 'motion'; readonly rule: MotionRule }
  | { readonly kind: 'round'; readonly quorum: Quorum | null; readonly rule: RoundRule }
  | { readonly kind: 'final-round'; readonly quorum: Quorum | null };

export interface QuestionCounts {
  /** Weighted counts per answer (for a motion: [yes, no]). */
  readonly answers: readonly bigint[];
  readonly blank: bigint;
  readonly rollWeight: bigint;
  /** Weight of the ballots cast (default: the answers plus blank, right for one choice per ballot). */
  readonly turnout?: bigint;
}

export type QuestionOutcome =
  | MotionOutcome
  | { readonly kind: 'quorum-not-reached'; readonly quorum: QuorumCheck }
  | (RoundDecision & { readonly quorum: QuorumCheck | null });

/** The one engine: quorum first, then the motion's majority or the round's rule. */
export function decideQuestion(rule: QuestionRule, counts: QuestionCounts): QuestionOutcome {
  if (rule.kind === 'motion') {
    const [yes = 0n, no = 0n] = counts.answers;
    return decideMotion(rule.rule, { ...counts, yes, no });
  }
  const turnout = counts.turnout ?? counts.answers.reduce((a, b) => a + b, 0n) + counts.blank;
  const quorum = rule.quorum ? checkQuorum(rule.quorum, turnout, counts.rollWeight) : null;
  if (quorum && !quorum.reached) return { kind: 'quorum-not-reached', quorum };
  const decision =
    rule.kind === 'round'
      ? decideRound(rule.rule, counts.answers, counts.blank)
      : decideFinalRound(counts.answers);
  return { ...decision, quorum };
}
