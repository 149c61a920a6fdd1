/**
 * The ballot box of spec §3.2: eligibility (credential in the list, its weight), refusal of a ballot
 * already cast (a replay), and revotes (the last ballot per credential counts). Cryptographic checks
 * of the ballot itself are `checkBallot`'s; the server and the verifier share this bookkeeping.
 */
import { DecodeError, decodeText, encode } from '../core/codec.js';
import { sha256B64 } from '../core/hash.js';
import { type Ballot, ballotCodec } from './messages.js';
import type { Eligibility } from './public-credentials.js';
import { lastBallots, type WeightedBallot } from './tally.js';

export interface CastBallot extends WeightedBallot {
  /** Smart ballot tracker: BASE64(SHA256(exact ballot bytes)). */
  readonly tracker: string;
}

export type BoxRejection = 'unknown-credential' | 'replayed';

export class BallotBox {
  private readonly cast: CastBallot[] = [];
  private readonly trackers = new Set<string>();

  constructor(private readonly eligibility: Eligibility) {}

  weightOf(credential: bigint): bigint | undefined {
    return this.eligibility.weights.get(credential.toString());
  }

  /** Bookkeeping checks only; call after checkBallot succeeded. */
  admissible(ballot: Ballot, tracker: string): BoxRejection | undefined {
    if (this.weightOf(ballot.credential) === undefined) return 'unknown-credential';
    if (this.trackers.has(tracker)) return 'replayed';
    return undefined;
  }

  add(ballot: Ballot, tracker: string): CastBallot {
    const entry = { ballot, tracker, weight: this.weightOf(ballot.credential)! };
    this.cast.push(entry);
    this.trackers.add(tracker);
    return entry;
  }

  get all(): readonly CastBallot[] {
    return this.cast;
  }

  /** last(B) with weights: what the encrypted tally is made of. */
  tallied(): CastBallot[] {
    return lastBallots(this.cast);
  }
}

/** Decodes a ballot and insists on Belenios's exact serialisation, so hashes stay meaningful. */
export function parseBallot(
  raw: string,
): { ok: true; ballot: Ballot; tracker: string } | { ok: false; problem: string } {
  try {
    const ballot = decodeText(ballotCodec, raw, 'ballot');
    if (encode(ballotCodec, ballot) !== raw)
      return { ok: false, problem: 'ballot is not in canonical compact JSON form' };
    return { ok: true, ballot, tracker: sha256B64(raw) };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
}
