/**
 * What the trustee page reads: its duties on an election (GET /api/v1/elections/:id/trustee), the
 * progress of a threshold key establishment (GET …/trustees/threshold, and the answer to each step
 * sent), the public tally (GET …/tally) and the shuffle phase. The server types its answers with these; the page
 * checks them against the same schemas.
 */
import * as Type from '@sinclair/typebox';
import { ElectionState } from './election.js';

const Int = Type.Integer();
const Owners = Type.Array(Type.Integer());

/** A Single (non-threshold) key bound to the signed-in account. */
export const SingleKeyInfo = Type.Object({
  owner: Int,
  displayName: Type.String(),
  keyId: Type.String(),
  fingerprint: Type.String(),
});
export type SingleKeyInfo = Type.Static<typeof SingleKeyInfo>;

export const TrusteeDuties = Type.Object({
  election: Type.Object({
    id: Type.String(),
    name: Type.String(),
    state: ElectionState,
    group: Type.String(),
  }),
  account: Type.Object({ displayName: Type.String() }),
  singles: Type.Array(SingleKeyInfo),
  /** The account's slot in a threshold group, and the owner number of its partial decryption. */
  threshold: Type.Union([Type.Object({ slot: Int, owner: Int }), Type.Null()]),
  /** Owners whose partial decryption is on the board. */
  decrypted: Owners,
});
export type TrusteeDuties = Type.Static<typeof TrusteeDuties>;

export const THRESHOLD_STEPS = ['certificates', 'polynomials', 'voutputs', 'done'] as const;
export type ThresholdStep = (typeof THRESHOLD_STEPS)[number];

export const ThresholdStatus = Type.Object({
  group: Type.String(),
  threshold: Int,
  step: Type.Union(THRESHOLD_STEPS.map((step) => Type.Literal(step))),
  /** Slots the current step waits for. */
  missing: Owners,
  trustees: Type.Array(
    Type.Object({
      slot: Int,
      owner: Int,
      displayName: Type.String(),
      id: Type.Union([Type.String(), Type.Null()]),
      certificate: Type.Boolean(),
      polynomial: Type.Boolean(),
      voutput: Type.Boolean(),
      you: Type.Boolean(),
    }),
  ),
});
export type ThresholdStatus = Type.Static<typeof ThresholdStatus>;

export const PublicTally = Type.Object({
  /** trustees.json, as on the board. */
  trustees: Type.String(),
  encryptedTally: Type.Union([Type.String(), Type.Null()]),
  decrypted: Owners,
});
export type PublicTally = Type.Static<typeof PublicTally>;

export const SHUFFLER_STATUSES = ['shuffled', 'skipped', 'next', 'waiting'] as const;

/** The shuffle phase (issue 18): whose turn it is, and the public ciphertexts the next shuffle takes. */
export const ShufflePhase = Type.Object({
  needed: Type.Boolean(),
  ended: Type.Boolean(),
  next: Type.Union([Int, Type.Null()]),
  shufflers: Type.Array(
    Type.Object({ owner: Int, status: Type.Union(SHUFFLER_STATUSES.map((status) => Type.Literal(status))) }),
  ),
  input: Type.Union([Type.String(), Type.Null()]),
});
export type ShufflePhase = Type.Static<typeof ShufflePhase>;
