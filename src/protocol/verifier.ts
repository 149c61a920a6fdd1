/**
 * Verification of a whole public archive (spec §3.5): every event fed in order to a BoardVerifier.
 * Ballot checks, the costly part, are done first in one batch through an injectable checker so the
 * Node CLI can spread them over worker threads; the verdicts are then consumed in board order, so the
 * first failure reported is the first in the archive.
 */

import { decodeText } from '../core/codec.js';
import type { ParsedArchive } from './archive/archive.js';
import { type BallotCheck, checkBallot } from './ballot.js';
import { parseBallot } from './ballot-box.js';
import {
  type BoardState,
  BoardVerifier,
  type CheckStatus,
  type Phase,
  type VerificationFailure,
} from './board-verifier.js';
import type { ElectionContext } from './election.js';
import { loadElection } from './election.js';
import { setupDataCodec } from './messages.js';

export {
  type BoardState,
  CHECKS,
  type CheckName,
  type CheckStatus,
  type FailureReason,
  type VerificationFailure,
} from './board-verifier.js';

/**
 * What a front shows: `verified` only when every check passed; `cannot-verify` when the archive uses
 * something this version cannot check (shuffles) — NOT verified, and never shown as a pass.
 */
export type VerificationOutcome = 'verified' | 'invalid' | 'cannot-verify';

export function outcomeOf(failure: VerificationFailure | undefined): VerificationOutcome {
  if (!failure) return 'verified';
  return failure.unsupported ? 'cannot-verify' : 'invalid';
}

export interface VerificationReport {
  /** True only when every check passed (never for `cannot-verify`). */
  readonly ok: boolean;
  readonly outcome: VerificationOutcome;
  readonly failure?: VerificationFailure;
  readonly checks: CheckStatus[];
  readonly counts: { events: number; ballots: number; tallied: number; partialDecryptions: number };
  readonly phase: Phase;
  readonly result?: unknown[];
  readonly ms: number;
  /** On success, the replayed board: what tally, decryption and result computations continue from. */
  readonly state?: BoardState;
}

/** Checks many ballots against one election; may run them in parallel. */
export type BallotBatchChecker = (ctx: ElectionContext, ballots: readonly string[]) => Promise<BallotCheck[]>;

export const inProcessChecker: BallotBatchChecker = async (ctx, raws) =>
  raws.map((raw) => {
    const parsed = parseBallot(raw);
    return parsed.ok
      ? checkBallot(ctx, parsed.ballot)
      : { ok: false, reason: 'malformed', detail: parsed.problem };
  });

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** The election of an archive, if its Setup event and election payload can be read (for batching). */
function electionOf(archive: ParsedArchive): ElectionContext | undefined {
  try {
    const setup = archive.events[0];
    const setupRaw =
      setup?.event.type === 'Setup' && setup.event.payload
        ? archive.data.get(setup.event.payload)
        : undefined;
    const electionRaw =
      setupRaw && archive.data.get(decodeText(setupDataCodec, setupRaw, 'setup_data').election);
    return electionRaw ? loadElection(electionRaw) : undefined;
  } catch {
    return undefined; // the verifier reports it precisely
  }
}

export async function verifyArchive(
  archive: ParsedArchive,
  checker: BallotBatchChecker = inProcessChecker,
): Promise<VerificationReport> {
  const started = now();
  const verifier = new BoardVerifier();
  const data = (hash: string) => archive.data.get(hash);
  const ballotEvents = archive.events.filter((r) => r.event.type === 'Ballot');
  const ctx = electionOf(archive);
  let verdicts: BallotCheck[] = [];
  if (ctx && ballotEvents.length > 0) {
    const raws = ballotEvents.map((r) => (r.event.payload && archive.data.get(r.event.payload)) ?? '');
    const batchStarted = now();
    verdicts = await checker(ctx, raws);
    verifier.addBallotTime(now() - batchStarted);
  }
  let ballotIndex = 0;
  let failure: VerificationFailure | undefined;
  for (const record of archive.events) {
    const verdict = record.event.type === 'Ballot' ? verdicts[ballotIndex++] : undefined;
    failure = verifier.apply(record, data, verdict);
    if (failure) break;
  }
  if (!failure && archive.events.length === 0) {
    failure = { check: 'chain', message: 'archive has no Setup event' };
  }
  const base = {
    outcome: outcomeOf(failure),
    checks: verifier.statuses(!failure),
    counts: { ...verifier.counts, events: archive.events.length },
    phase: verifier.phase,
    result: verifier.result,
    ms: now() - started,
  };
  return failure ? { ok: false, failure, ...base } : { ok: true, ...base, state: verifier.state };
}
