/**
 * An election's own rules (issue 17), checked against its questions and applied to its verified
 * totals: the seats of each list question (seats.ts, with the lists' candidates as caps and their
 * elected in list order) and the outcome of each question with a quorum or a required majority
 * (majority.ts, the engine shared with the two-round rules). Pure: the service
 * (election-rules-service.ts) stores, seals and audits; this module decides.
 *
 * How a list question maps onto Belenios (chosen so that belenios-tool verifies the archive as any
 * other): the Belenios question's answers are the lists' names, in the same order, with one choice
 * at most (`min` 0 or 1, `max` 1) and blank allowed or not as the admin sets it; a list's votes are
 * its answer's weighted total. The candidates are not in election.json (Belenios has no field for
 * them) but in these rules, whose hash is sealed at opening.
 */
import type {
  CandidateListJson,
  ElectionRulesJson,
  ListRuleJson,
  QuestionOutcomeJson,
  QuestionRuleJson,
  SeatOutcome,
  Settlement,
} from '../store/store.js';
import { type Fraction, parseFraction, percentFraction } from './fraction.js';
import { decideQuestion, type QuestionRule, type Quorum } from './majority.js';
import {
  type AllocationSteps,
  allocateListSeats,
  type CandidateList,
  electedCandidates,
  type ParityRefusal,
  parityRefusals,
  type SeatRule,
} from './seats.js';
import { formatThreshold, parseThreshold } from './threshold.js';

/** The shape of a homomorphic question this module needs (protocol/messages.ts). */
export interface RulesQuestion {
  readonly question: string;
  readonly answers: readonly string[];
  readonly blank?: boolean | undefined;
  readonly min: number;
  readonly max: number;
}

export type RulesProblem =
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'parity'; readonly refusals: readonly ParityRefusal[] };

const isHomomorphic = (q: unknown): q is RulesQuestion =>
  typeof q === 'object' && q !== null && Array.isArray((q as RulesQuestion).answers);

/** Every problem of `rules` against the election's questions (empty: the rules can be stored). */
export function rulesProblems(rules: ElectionRulesJson, questions: readonly unknown[]): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const invalid = (problem: string) => problems.push({ kind: 'invalid', problem });
  const used = new Set<number>();
  const claim = (index: number, where: string) => {
    if (used.has(index)) invalid(`${where}: question ${index + 1} already has a rule`);
    used.add(index);
  };
  for (const [i, rule] of rules.lists.entries()) {
    const where = `lists[${i}]`;
    claim(rule.question, where);
    const question = questions[rule.question];
    if (!isHomomorphic(question)) {
      invalid(`${where}: question ${rule.question + 1} is not a question of one choice among answers`);
      continue;
    }
    if (question.max !== 1)
      invalid(`${where}: question ${rule.question + 1} must allow one list at most (max 1)`);
    if (question.answers.length !== rule.lists.length)
      invalid(
        `${where}: question ${rule.question + 1} has ${question.answers.length} answers, one per list is needed (${rule.lists.length} lists)`,
      );
    else
      rule.lists.forEach((list, l) => {
        if (question.answers[l] !== list.name)
          invalid(`${where}: list ${l + 1} is named "${list.name}", its answer "${question.answers[l]}"`);
      });
    if (!percentFraction(rule.threshold)) invalid(`${where}: threshold: a percentage from 0 to 100`);
    if (rule.parity !== 'none') {
      const refusals = parityRefusals(rule.parity, rule.lists);
      if (refusals.length > 0) problems.push({ kind: 'parity', refusals });
    }
  }
  for (const [i, rule] of rules.questions.entries()) {
    const where = `questions[${i}]`;
    claim(rule.question, where);
    const question = questions[rule.question];
    if (!isHomomorphic(question) || question.max !== 1) {
      invalid(`${where}: question ${rule.question + 1} must be a question of one choice (max 1)`);
      continue;
    }
    if (rule.kind === 'motion') {
      if (question.answers.length !== 2)
        invalid(`${where}: a motion has two answers, for and against, in that order`);
      if (!rule.majority || !parseThreshold(rule.majority))
        invalid(`${where}: majority: a comparison and a share, such as "> 1/2" or ">= 2/3"`);
    }
    if (
      rule.quorum?.kind === 'share' &&
      !parseFraction(rule.quorum.share) &&
      !percentFraction(rule.quorum.share)
    )
      invalid(`${where}: quorum: a share of the roll's weight such as "1/4"`);
  }
  return problems;
}

export function seatRuleOf(rule: ListRuleJson): SeatRule {
  return { method: rule.method, seats: rule.seats, threshold: percentFraction(rule.threshold)! };
}

export function candidateLists(lists: readonly CandidateListJson[]): CandidateList[] {
  return lists.map((list) => ({
    name: list.name,
    candidates: list.candidates.map((c) => ({
      name: c.name,
      ...(c.gender ? { gender: c.gender } : {}),
      ...(c.birthDate ? { birthDate: c.birthDate } : {}),
    })),
  }));
}

function quorumOf(quorum: QuestionRuleJson['quorum']): Quorum | null {
  if (!quorum) return null;
  if (quorum.kind === 'weight') return { kind: 'weight', weight: BigInt(quorum.weight) };
  const share = parseFraction(quorum.share) ?? percentFraction(quorum.share)!;
  return { kind: 'share', share };
}

export function questionRuleOf(rule: QuestionRuleJson): QuestionRule {
  const quorum = quorumOf(rule.quorum);
  if (rule.kind === 'final-round') return { kind: 'final-round', quorum };
  return {
    kind: 'motion',
    rule: { quorum, majority: parseThreshold(rule.majority ?? '')!, base: rule.base ?? 'valid' },
  };
}

const fractionJson = (f: Fraction) => ({
  numerator: f.numerator.toString(),
  denominator: f.denominator.toString(),
});

function stepsJson(steps: AllocationSteps): SeatOutcome['steps'] {
  if (steps.kind === 'highest-averages')
    return {
      kind: steps.kind,
      divisors: steps.divisors.map(String),
      averages: steps.averages.map((row) => (row === null ? null : row.map(fractionJson))),
    };
  return {
    kind: steps.kind,
    quota: steps.quota && fractionJson(steps.quota),
    quotients: steps.quotients.map(
      (q) => q && { quotas: q.quotas.toString(), remainder: fractionJson(q.remainder) },
    ),
    byQuota: [...steps.byQuota],
  };
}

/** The votes per answer and the blank votes of a question, from its row of the Belenios result. */
export function answerCounts(
  question: RulesQuestion,
  row: readonly bigint[],
): { answers: bigint[]; blank: bigint } {
  return question.blank ? { answers: row.slice(1), blank: row[0] ?? 0n } : { answers: [...row], blank: 0n };
}

/** The seats of one list question from its verified totals (per list, in ballot order). */
export function seatOutcome(
  rule: ListRuleJson,
  votes: readonly bigint[],
  settlement: Settlement | null = null,
): SeatOutcome {
  const lists = candidateLists(rule.lists);
  const allocation = allocateListSeats(seatRuleOf(rule), lists, votes);
  const seats = [...allocation.seats];
  if (allocation.undecided && settlement)
    for (const position of settlement.winners) seats[position - 1]! += 1;
  const elected = electedCandidates(lists, seats);
  const exhausted = new Set(allocation.exhausted.map((e) => e.list));
  return {
    question: rule.question,
    method: rule.method,
    seats: rule.seats,
    threshold: rule.threshold,
    lists: lists.map((list, i) => ({
      name: list.name,
      votes: votes[i]!.toString(),
      admitted: allocation.admitted[i]!,
      seats: seats[i]!,
      elected: elected[i]!.map((c) => c.name),
      exhausted: exhausted.has(i),
    })),
    total: allocation.total.toString(),
    vacant: allocation.vacant,
    undecided: allocation.undecided && {
      seats: allocation.undecided.seats,
      lists: [...allocation.undecided.lists],
    },
    awards: allocation.awards.map((a) => ({
      seat: a.seat,
      list: a.list,
      value: fractionJson(a.value),
      byVotes: a.byVotes,
    })),
    steps: stepsJson(allocation.steps),
    settlement: allocation.undecided && settlement ? settlement : null,
  };
}

/** The outcome of one question's quorum and majority from its verified totals. */
export function questionOutcome(
  rule: QuestionRuleJson,
  question: RulesQuestion,
  row: readonly bigint[],
  rollWeight: bigint,
): QuestionOutcomeJson {
  const { answers, blank } = answerCounts(question, row);
  const engineRule = questionRuleOf(rule);
  const outcome = decideQuestion(engineRule, { answers, blank, rollWeight });
  const quorum =
    'quorum' in outcome && outcome.quorum
      ? {
          reached: outcome.quorum.reached,
          turnout: outcome.quorum.turnout.toString(),
          required: outcome.quorum.required.toString(),
        }
      : null;
  const base = 'base' in outcome ? outcome.base.toString() : null;
  const majority = engineRule.kind === 'motion' ? formatThreshold(engineRule.rule.majority) : null;
  const chosen =
    outcome.kind === 'elected' ? [outcome.winner] : outcome.kind === 'tie' ? [...outcome.tied] : [];
  const reason = 'reason' in outcome ? outcome.reason : null;
  return { question: rule.question, kind: outcome.kind, reason, answers: chosen, quorum, base, majority };
}

/** Every rule's outcome from the published result (one row of counts per question, Belenios order). */
export function rulesOutcome(
  rules: ElectionRulesJson,
  questions: readonly unknown[],
  result: readonly (readonly bigint[])[],
  rollWeight: bigint,
  settlements: readonly Settlement[] = [],
): { seats: SeatOutcome[]; questions: QuestionOutcomeJson[] } {
  return {
    seats: rules.lists.map((rule) => {
      const question = questions[rule.question] as RulesQuestion;
      const { answers } = answerCounts(question, result[rule.question] ?? []);
      const settlement = settlements.find((s) => s.question === rule.question) ?? null;
      return seatOutcome(rule, answers, settlement);
    }),
    questions: rules.questions.map((rule) =>
      questionOutcome(
        rule,
        questions[rule.question] as RulesQuestion,
        result[rule.question] ?? [],
        rollWeight,
      ),
    ),
  };
}

/** The rules shared by a consultation's boxes and their outcome on the consolidated totals. */
export interface ConsolidatedRules {
  /** The sealed hash every online box of the consultation carries. */
  readonly hash: string;
  readonly rules: ElectionRulesJson;
  /** Null until every box is published or annulled (seats come from the final totals only). */
  readonly outcome: { readonly seats: SeatOutcome[]; readonly questions: QuestionOutcomeJson[] } | null;
}

/**
 * Seats and outcomes of a consultation from its consolidated totals (the sum of the verified boxes,
 * and of paper boxes marked as such), never box by box: D'Hondt on sums differs from the sum of
 * D'Hondt per box. The roll's weight is the consultation's registered weight.
 */
export function consolidatedRules(
  shared: { readonly hash: string; readonly rules: ElectionRulesJson },
  questions: readonly unknown[],
  figures: { readonly registeredWeight: string; readonly counts: readonly (readonly string[])[] } | null,
): ConsolidatedRules {
  const outcome =
    figures &&
    rulesOutcome(
      shared.rules,
      questions,
      figures.counts.map((row) => row.map((c) => BigInt(c))),
      BigInt(figures.registeredWeight),
    );
  return { hash: shared.hash, rules: shared.rules, outcome };
}
