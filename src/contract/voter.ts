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

/**
 * GET …/recovery/self-service (public): whether a voter who lost their credential can ask for a new
 * one from the pages (the election is open and has credential escrow), and the election's help
 * contact (empty when none is set) to name when it cannot. Nothing about any voter.
 */
export const SelfServiceRecovery = Type.Object({
  available: Type.Boolean(),
  helpContact: Type.String(),
});
export type SelfServiceRecovery = Type.Static<typeof SelfServiceRecovery>;

/** POST …/recovery/requests: the one answer, whatever the login and address matched. */
export const SelfServiceReceived = Type.Object({ received: Type.Literal(true) });
export type SelfServiceReceived = Type.Static<typeof SelfServiceReceived>;
