/**
 * An election as the public board answers it (GET /api/v1/elections/:id, read by the booth and the
 * election page), and its life-cycle state, stored by the store and shown by every page.
 */
import * as Type from '@sinclair/typebox';

export const ELECTION_STATES = ['draft', 'open', 'closed', 'tallied', 'published', 'annulled'] as const;
export const ElectionState = Type.Union(ELECTION_STATES.map((state) => Type.Literal(state)));
export type ElectionState = (typeof ELECTION_STATES)[number];

const StringOrNull = Type.Union([Type.String(), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

/** A homomorphic question as Belenios writes it (spec §4.9): flat. */
export const HomomorphicQuestion = Type.Object({
  answers: Type.Array(Type.String()),
  blank: Type.Optional(Type.Boolean()),
  min: Count,
  max: Count,
  question: Type.String(),
});
/**
 * A non-homomorphic question (ranked, graded): `{ type, value: { question, answers }, extra? }`, its
 * counting method in Belenios's `extra` (read by protocol/counting/method.ts).
 */
export const NonHomomorphicQuestion = Type.Object({
  type: Type.String(),
  value: Type.Object({ question: Type.String(), answers: Type.Array(Type.String()) }),
  extra: Type.Optional(Type.Unknown()),
});
export const Question = Type.Union([HomomorphicQuestion, NonHomomorphicQuestion]);
export type Question = Type.Static<typeof Question>;

/**
 * The public summary of an election: the allowlist of what anyone may see. `questions` are the
 * election's questions as set up (homomorphic ones flat, others as `{ type, value }`), `election` the
 * exact election.json bytes once open (the fingerprint is computed over them), `result` one entry
 * per question once published.
 */
export const PublicElection = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  state: ElectionState,
  questions: Type.Array(Question),
  timeZone: Type.String(),
  opensAt: StringOrNull,
  closesAt: StringOrNull,
  election: StringOrNull,
  sealed: Type.Union([
    Type.Object({
      election: Type.String(),
      trustees: StringOrNull,
      credentials: StringOrNull,
      /** The election's own rules (lists, seats, quorums, majorities), when it has any (issue 17). */
      rules: Type.Optional(StringOrNull),
    }),
    Type.Null(),
  ]),
  turnout: Type.Object({ ballots: Count, voters: Count }),
  result: Type.Union([Type.Array(Type.Unknown()), Type.Null()]),
  annulReason: StringOrNull,
  rollChanges: Type.Object({ count: Count, logins: Type.Array(Type.String()) }),
});
export type PublicElection = Type.Static<typeof PublicElection>;

/** What the booth reads of the public summary (it needs nothing else): the same fields. */
const { id, name, description, state, election, closesAt, timeZone } = PublicElection.properties;
export const BoothElection = Type.Object({ id, name, description, state, election, closesAt, timeZone });
export type BoothElection = Type.Static<typeof BoothElection>;

/** The ballot trackers on the board (GET …/ballots), each with its weight (decimal digits) and whether the tally counts it. */
export const BoardBallots = Type.Object({
  ballots: Type.Array(
    Type.Object({
      tracker: Type.String(),
      weight: Type.Union([Type.String({ pattern: '^[0-9]+$' }), Count]),
      counted: Type.Boolean(),
    }),
  ),
});
export type BoardBallots = Type.Static<typeof BoardBallots>;

export const VERIFICATION_OUTCOMES = ['verified', 'invalid', 'cannot-verify'] as const;

/** What the server's own verifier says of the board (GET …/verification); other fields are for operators. */
export const BoardVerification = Type.Object({
  ok: Type.Boolean(),
  outcome: Type.Union(VERIFICATION_OUTCOMES.map((outcome) => Type.Literal(outcome))),
  /** Height of the last event checked (events are numbered from 0). */
  verifiedHeight: Type.Union([Count, Type.Null()]),
});
export type BoardVerification = Type.Static<typeof BoardVerification>;
