/**
 * An election's own rules (issue 17), Scrutin's sealed metadata beside the Belenios election: the
 * list questions (their ordered candidates, the seat method, seats, threshold and parity), the
 * quorum and required majority of other questions, and the tie-break steps of the statutes. The
 * Belenios question of a list election is an ordinary homomorphic question — its answers are the
 * lists' names, one choice at most, blank allowed — so belenios-tool verifies the archive as any
 * other; the candidates, which Belenios has no field for, live here, and the hash of these exact
 * bytes is sealed when the election opens (shown with the other sealed hashes).
 *
 * Also the answer of `GET /api/v1/elections/:id/rules`: the rules, their hash, whether they are
 * sealed, and once the result is published the outcome of each rule (seats with their steps,
 * elected names; adopted, rejected, quorum not reached), computed from the verified totals.
 */
import * as Type from '@sinclair/typebox';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const QuestionIndex = Type.Integer({ minimum: 0, maximum: 49 });
/** A decimal string of an exact number (bigints travel as strings). */
const Decimal = Type.String({ pattern: '^(0|[1-9][0-9]*)$', maxLength: 40 });

export const CandidateSchema = Type.Object(
  {
    name: Name,
    gender: Type.Optional(Type.Union([Type.Literal('F'), Type.Literal('M')])),
    birthDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
export type CandidateJson = Type.Static<typeof CandidateSchema>;

export const CandidateListSchema = Type.Object(
  { name: Name, candidates: Type.Array(CandidateSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type CandidateListJson = Type.Static<typeof CandidateListSchema>;

export const SEAT_METHOD_NAMES = ['dhondt', 'sainte-lague', 'hare'] as const;
export const PARITY_RULES = ['none', 'alternating', 'balanced'] as const;

export const ListRuleSchema = Type.Object(
  {
    /** 0-based index of the Belenios question whose answers are these lists, in the same order. */
    question: QuestionIndex,
    method: Type.Union(SEAT_METHOD_NAMES.map((m) => Type.Literal(m))),
    seats: Type.Integer({ minimum: 1, maximum: 10_000 }),
    /** Percentage of the votes given to lists, written in decimal ("5", "3.5"); "0": no threshold. */
    threshold: Type.String({ pattern: '^(0|[1-9][0-9]*)(\\.[0-9]{1,6})?$' }),
    parity: Type.Union(PARITY_RULES.map((p) => Type.Literal(p))),
    lists: Type.Array(CandidateListSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type ListRuleJson = Type.Static<typeof ListRuleSchema>;

export const QuorumSchema = Type.Union([
  /** A share of the roll's weight, "1/4" or "1/2". */
  Type.Object(
    { kind: Type.Literal('share'), share: Type.String({ maxLength: 40 }) },
    { additionalProperties: false },
  ),
  /** An absolute weight of ballots cast. */
  Type.Object({ kind: Type.Literal('weight'), weight: Decimal }, { additionalProperties: false }),
]);
export type QuorumJson = Type.Static<typeof QuorumSchema>;

export const QuestionRuleSchema = Type.Object(
  {
    question: QuestionIndex,
    /** `motion`: answers are [for, against]; `final-round`: the most votes elects. */
    kind: Type.Union([Type.Literal('motion'), Type.Literal('final-round')]),
    quorum: Type.Union([QuorumSchema, Type.Null()]),
    /** A motion's required majority: "> 1/2", ">= 2/3", "≥ 3/5", "> 50%". */
    majority: Type.Optional(Type.String({ maxLength: 40 })),
    /** `cast`: blank votes count in the base; `valid`: they do not (suffrages exprimés). */
    base: Type.Optional(Type.Union([Type.Literal('cast'), Type.Literal('valid')])),
  },
  { additionalProperties: false },
);
export type QuestionRuleJson = Type.Static<typeof QuestionRuleSchema>;

export const TIE_BREAK_STEPS = ['older-candidate', 'draw'] as const;

export const ElectionRulesSchema = Type.Object(
  {
    lists: Type.Array(ListRuleSchema, { maxItems: 50 }),
    questions: Type.Array(QuestionRuleSchema, { maxItems: 50 }),
    /** In the order the statutes apply them; empty: a tie is reported as such. */
    tieBreak: Type.Array(Type.Union(TIE_BREAK_STEPS.map((s) => Type.Literal(s))), { maxItems: 2 }),
  },
  { additionalProperties: false },
);
export type ElectionRulesJson = Type.Static<typeof ElectionRulesSchema>;

/** A fraction as it travels: numerator and denominator in decimal. */
const FractionJson = Type.Object({ numerator: Type.String(), denominator: Type.String() });

/** How the statutes settled the undecided seats of a list question, as an admin recorded it. */
export const SettlementSchema = Type.Object({
  question: Type.Integer(),
  step: Type.Union(TIE_BREAK_STEPS.map((s) => Type.Literal(s))),
  /** 1-based positions of the lists that won the undecided seats. */
  winners: Type.Array(Type.Integer()),
  draw: Type.Union([
    Type.Object({
      context: Type.String(),
      seed: Type.String(),
      ranking: Type.Array(Type.Object({ position: Type.Integer(), key: Type.String() })),
    }),
    Type.Null(),
  ]),
  /** The account that recorded it, and when. */
  by: Type.String(),
  at: Type.String(),
});
export type Settlement = Type.Static<typeof SettlementSchema>;

export const SeatOutcomeSchema = Type.Object({
  question: Type.Integer(),
  method: Type.String(),
  seats: Type.Integer(),
  threshold: Type.String(),
  /** Per list, in ballot order. */
  lists: Type.Array(
    Type.Object({
      name: Type.String(),
      votes: Type.String(),
      admitted: Type.Boolean(),
      seats: Type.Integer(),
      elected: Type.Array(Type.String()),
      /** Out of candidates: the seats it would have had went to the next list. */
      exhausted: Type.Boolean(),
    }),
  ),
  /** Votes given to lists (the threshold's base). */
  total: Type.String(),
  vacant: Type.Integer(),
  undecided: Type.Union([
    Type.Object({ seats: Type.Integer(), lists: Type.Array(Type.Integer()) }),
    Type.Null(),
  ]),
  /** Seats in the order they were awarded, with what won them. */
  awards: Type.Array(
    Type.Object({ seat: Type.Integer(), list: Type.Integer(), value: FractionJson, byVotes: Type.Boolean() }),
  ),
  steps: Type.Union([
    Type.Object({
      kind: Type.Literal('highest-averages'),
      divisors: Type.Array(Type.String()),
      averages: Type.Array(Type.Union([Type.Array(FractionJson), Type.Null()])),
    }),
    Type.Object({
      kind: Type.Literal('largest-remainder'),
      quota: Type.Union([FractionJson, Type.Null()]),
      quotients: Type.Array(
        Type.Union([Type.Object({ quotas: Type.String(), remainder: FractionJson }), Type.Null()]),
      ),
      byQuota: Type.Array(Type.Integer()),
    }),
  ]),
  /** How the statutes settled an undecided seat, once an admin recorded it. */
  settlement: Type.Union([SettlementSchema, Type.Null()]),
});
export type SeatOutcome = Type.Static<typeof SeatOutcomeSchema>;

export const QuestionOutcomeSchema = Type.Object({
  question: Type.Integer(),
  /** adopted, rejected, quorum-not-reached, elected, tie, no-votes. */
  kind: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** The winner (final round) or the tied answers, 0-based. */
  answers: Type.Array(Type.Integer()),
  quorum: Type.Union([
    Type.Object({ reached: Type.Boolean(), turnout: Type.String(), required: Type.String() }),
    Type.Null(),
  ]),
  /** The votes the majority is taken of (motions). */
  base: Type.Union([Type.String(), Type.Null()]),
  majority: Type.Union([Type.String(), Type.Null()]),
});
export type QuestionOutcomeJson = Type.Static<typeof QuestionOutcomeSchema>;

export const RulesAnswer = Type.Object({
  rules: Type.Union([ElectionRulesSchema, Type.Null()]),
  /** SHA-256 (base64, unpadded as Belenios' hashes) of the stored rules' exact bytes. */
  hash: Type.Union([Type.String(), Type.Null()]),
  sealed: Type.Boolean(),
  outcome: Type.Union([
    Type.Object({
      seats: Type.Array(SeatOutcomeSchema),
      questions: Type.Array(QuestionOutcomeSchema),
    }),
    Type.Null(),
  ]),
});
export type RulesAnswer = Type.Static<typeof RulesAnswer>;
