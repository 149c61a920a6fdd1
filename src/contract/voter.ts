/** What the booth reads besides the election and the sign-in (src/server/routes/voter.ts, delivery.ts). */
import * as Type from '@sinclair/typebox';

/** POST …/voter/ballots: the ballot is durably stored; its tracker. */
export const CastReceipt = Type.Object({ tracker: Type.String() });
export type CastReceipt = Type.Static<typeof CastReceipt>;

/** GET …/voter/ballot-status: whether a ballot of the signed-in voter is recorded (nothing else). */
export const BallotStatus = Type.Object({ hasVoted: Type.Boolean() });
export type BallotStatus = Type.Static<typeof BallotStatus>;

/** GET …/voter/access-check: a challenge bound to the session, for a proof of the credential. */
export const AccessChallenge = Type.Object({
  challenge: Type.String(),
  group: Type.String(),
  uuid: Type.String(),
});
export type AccessChallenge = Type.Static<typeof AccessChallenge>;

/** POST …/voter/access-check: the proof matched the registered public credential. */
export const AccessAccepted = Type.Object({ accepted: Type.Literal(true) });
export type AccessAccepted = Type.Static<typeof AccessAccepted>;
