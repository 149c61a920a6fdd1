/**
 * Follow-up rules between rounds: after a consolidated first round, who is elected outright and
 * who goes through to a second round. Thresholds are percentages of the votes cast on the rule's
 * question, blank votes included or not as the rule says; comparisons are exact (integers in
 * hundredths of a percent), never floating point.
 *
 * Ties (documented rule): at the qualification threshold every candidate tied with the last
 * qualifying place qualifies too — "top two" with counts 40, 30, 30 sends three candidates through.
 * No one is eliminated by the order in which answers are listed. A candidate without any vote never
 * qualifies. An absolute majority is strictly more than the majority threshold (50 % by default);
 * when several candidates pass a threshold set below 50 %, the one with the most votes is elected,
 * and if they tie, they all go to the second round.
 *
 * Shares are compared by threshold.ts, as motions' qualified majorities are (majority.ts, which
 * also adds a quorum in front of these rules).
 */

import { meetsThreshold } from './threshold.js';

export interface RoundRule {
  /** 0-based index of the question the rule decides (the candidates). */
  readonly question: number;
  /** How many candidates go through (the top N), e.g. 2. */
  readonly qualifying: number;
  /** Elected in the first round with strictly more than this % of the votes cast; null: never. */
  readonly majorityPercent: number | null;
  /** Candidates with at least this % of the votes cast go through as well; null: no such threshold. */
  readonly minimumPercent: number | null;
  /** Whether blank votes count in the votes cast the percentages are taken of. */
  readonly blankVotes: 'counted' | 'excluded';
}

export const DEFAULT_RULE: RoundRule = {
  question: 0,
  qualifying: 2,
  majorityPercent: 50,
  minimumPercent: null,
  blankVotes: 'excluded',
};

export type RoundDecision =
  | {
      readonly kind: 'elected';
      /** 0-based index of the answer (candidate), blank slot not counted. */
      readonly winner: number;
      /** most-votes: the final round, decided by the most votes (no rule, no further round). */
      readonly reason: 'majority' | 'only-candidate-with-votes' | 'most-votes';
    }
  /** The final round ended in a tie for the most votes: the candidates tied, in answer order. */
  | { readonly kind: 'tie'; readonly tied: readonly number[] }
  | {
      readonly kind: 'second-round';
      /** Candidates going through, in decreasing order of votes (ties in answer order). */
      readonly qualified: readonly number[];
      /** Candidates who qualify only because they tie with the last qualifying place. */
      readonly tiedAtThreshold: readonly number[];
    }
  | { readonly kind: 'no-votes' };

const hundredths = (percent: number) => BigInt(Math.round(percent * 100));

/** Checks a rule typed by an admin against the questions; returns the problem, if any. */
export function ruleProblem(
  rule: RoundRule,
  questions: readonly { answers: readonly string[]; blank?: boolean; max: number }[],
): string | undefined {
  const question = questions[rule.question];
  if (!Number.isInteger(rule.question) || question === undefined)
    return `rule.question: no question ${rule.question + 1}`;
  if (question.max !== 1) return 'rule.question: the rule needs a question with exactly one choice (max 1)';
  if (!Number.isInteger(rule.qualifying) || rule.qualifying < 1 || rule.qualifying >= question.answers.length)
    return `rule.qualifying: between 1 and ${question.answers.length - 1} candidates can go through`;
  for (const [name, value] of [
    ['majorityPercent', rule.majorityPercent],
    ['minimumPercent', rule.minimumPercent],
  ] as const) {
    if (
      value !== null &&
      !(Number.isFinite(value) && value > 0 && value < 100 && Math.round(value * 100) === value * 100)
    )
      return `rule.${name}: a percentage strictly between 0 and 100, with at most two decimals`;
  }
  if (rule.blankVotes !== 'counted' && rule.blankVotes !== 'excluded')
    return 'rule.blankVotes: "counted" or "excluded"';
  return undefined;
}

/**
 * The decision for one question's consolidated counts: `answers` per candidate (weighted), `blank`
 * the blank votes (0 when the question has no blank slot).
 */
export function decideRound(rule: RoundRule, answers: readonly bigint[], blank: bigint): RoundDecision {
  const cast = answers.reduce((a, b) => a + b, 0n) + (rule.blankVotes === 'counted' ? blank : 0n);
  const withVotes = answers.map((count, index) => ({ index, count })).filter((c) => c.count > 0n);
  if (cast === 0n || withVotes.length === 0) return { kind: 'no-votes' };
  const ranked = [...withVotes].sort((a, b) =>
    a.count === b.count ? a.index - b.index : a.count > b.count ? -1 : 1,
  );
  // count / cast > p %  ⇔  count · 10000 > p·100 · cast (p in hundredths of a percent).
  const share = (percent: number) => ({ numerator: hundredths(percent), denominator: 10000n });
  const above = (count: bigint, percent: number) =>
    meetsThreshold(count, cast, { comparison: '>', share: share(percent) });
  const reaches = (count: bigint, percent: number) =>
    meetsThreshold(count, cast, { comparison: '>=', share: share(percent) });
  if (rule.majorityPercent !== null) {
    const majority = ranked.filter((c) => above(c.count, rule.majorityPercent!));
    const best = majority[0];
    if (best && majority.filter((c) => c.count === best.count).length === 1)
      return { kind: 'elected', winner: best.index, reason: 'majority' };
    if (best) {
      const tied = majority.filter((c) => c.count === best.count).map((c) => c.index);
      return { kind: 'second-round', qualified: tied, tiedAtThreshold: tied.slice(1) };
    }
  }
  if (ranked.length === 1)
    return { kind: 'elected', winner: ranked[0]!.index, reason: 'only-candidate-with-votes' };
  const lastPlace = ranked[Math.min(rule.qualifying, ranked.length) - 1]!.count;
  const qualified = ranked.filter(
    (c, position) =>
      position < rule.qualifying ||
      c.count === lastPlace ||
      (rule.minimumPercent !== null && reaches(c.count, rule.minimumPercent)),
  );
  const tiedAtThreshold = ranked
    .filter((c, position) => position >= rule.qualifying && c.count === lastPlace)
    .map((c) => c.index);
  if (qualified.length === 1)
    return { kind: 'elected', winner: qualified[0]!.index, reason: 'only-candidate-with-votes' };
  return { kind: 'second-round', qualified: qualified.map((c) => c.index), tiedAtThreshold };
}

/**
 * The decision of a final round (a round prepared by a rule, with no rule of its own): the
 * candidate with the most votes is elected; candidates tied for the most votes are reported as a tie
 * (never broken by the order of the answers).
 */
export function decideFinalRound(answers: readonly bigint[]): RoundDecision {
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not take bigints
  const best = answers.reduce((a, b) => (b > a ? b : a), 0n);
  if (best === 0n) return { kind: 'no-votes' };
  const tied = answers.flatMap((count, index) => (count === best ? [index] : []));
  return tied.length === 1
    ? { kind: 'elected', winner: tied[0]!, reason: 'most-votes' }
    : { kind: 'tie', tied };
}

/** Parses a rule from JSON (an admin's request); every field optional but `question`. */
export function ruleFromJson(value: unknown): { ok: true; rule: RoundRule } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'rule: expected an object' };
  const v = value as Record<string, unknown>;
  const known = ['question', 'qualifying', 'majorityPercent', 'minimumPercent', 'blankVotes'];
  const unknown = Object.keys(v).find((k) => !known.includes(k));
  if (unknown) return { ok: false, problem: `rule: unknown field ${unknown}` };
  const numberOrNull = (x: unknown, fallback: number | null) =>
    x === undefined ? fallback : x === null || typeof x === 'number' ? x : Number.NaN;
  const rule: RoundRule = {
    question: typeof v.question === 'number' ? v.question : v.question === undefined ? 0 : Number.NaN,
    qualifying: typeof v.qualifying === 'number' ? v.qualifying : v.qualifying === undefined ? 2 : Number.NaN,
    majorityPercent: numberOrNull(v.majorityPercent, 50),
    minimumPercent: numberOrNull(v.minimumPercent, null),
    blankVotes: (v.blankVotes ?? 'excluded') as RoundRule['blankVotes'],
  };
  for (const [k, x] of Object.entries(rule))
    if (typeof x === 'number' && Number.isNaN(x))
      return { ok: false, problem: `rule.${k}: expected a number` };
  return { ok: true, rule };
}
