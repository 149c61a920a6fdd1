/**
 * The auditor's verification of a public archive (spec §3.5): chaining, setup (election, trustees,
 * credentials), every ballot (eligibility, proofs, signature, no replay), the encrypted tally of
 * last(B), each partial decryption and the result. It stops at the first failure and names the check
 * and the object (event height, ballot tracker, trustee). Ballot checks, the costly part, go through
 * an injectable batch checker so the Node CLI can spread them over worker threads.
 */
import { type Codec, DecodeError, decodeText, encode } from '../core/codec.js';
import { sha256B64 } from '../core/hash.js';
import type { ParsedArchive } from './archive/archive.js';
import { type BallotCheck, checkBallot } from './ballot.js';
import { BallotBox, parseBallot } from './ballot-box.js';
import { type ElectionContext, loadElection } from './election.js';
import {
  type EncryptedTally,
  encryptedTallyCodec,
  ownedCodec,
  type PartialDecryption,
  partialDecryptionCodec,
  publicCredentialsCodec,
  resultCodec,
  setupDataCodec,
  sizedEncryptedTallyCodec,
  trusteesCodec,
} from './messages.js';
import { parsePublicCredentials } from './public-credentials.js';
import { checkPartialDecryption, checkResult, combineFactors, computeEncryptedTally } from './tally.js';
import { checkTrustees, type TrusteeSet } from './trustees.js';

export const CHECKS = [
  'archive',
  'chain',
  'setup',
  'trustees',
  'credentials',
  'ballots',
  'encrypted-tally',
  'shuffles',
  'partial-decryptions',
  'result',
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface VerificationFailure {
  readonly check: CheckName;
  readonly message: string;
  readonly height?: number;
  readonly ballot?: string;
  readonly trustee?: number;
}

export interface CheckStatus {
  name: CheckName;
  status: 'pass' | 'fail' | 'not-reached' | 'not-applicable';
  count: number;
  ms: number;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly failure?: VerificationFailure;
  readonly checks: CheckStatus[];
  readonly counts: { events: number; ballots: number; tallied: number; partialDecryptions: number };
  readonly phase: 'setup' | 'voting' | 'ended' | 'tallied' | 'decrypting' | 'result';
  readonly result?: unknown[];
  readonly ms: number;
  /** On success, the replayed board: what tally, decryption and result computations continue from. */
  readonly state?: BoardState;
}

export interface BoardState {
  readonly ctx: ElectionContext;
  readonly trustees: TrusteeSet;
  readonly box: BallotBox;
  readonly tally?: EncryptedTally;
  readonly totalWeight: bigint;
  readonly shares: ReadonlyMap<number, PartialDecryption>;
}

/** Checks many ballots against one election; may run them in parallel. */
export type BallotBatchChecker = (ctx: ElectionContext, ballots: readonly string[]) => Promise<BallotCheck[]>;

export const inProcessChecker: BallotBatchChecker = async (ctx, raws) =>
  raws.map((raw) => {
    const parsed = parseBallot(raw);
    return parsed.ok ? checkBallot(ctx, parsed.ballot) : { ok: false, reason: 'malformed', detail: parsed.problem };
  });

class Failure extends Error {
  constructor(readonly failure: VerificationFailure) {
    super(failure.message);
  }
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export async function verifyArchive(
  archive: ParsedArchive,
  checker: BallotBatchChecker = inProcessChecker,
): Promise<VerificationReport> {
  const started = now();
  const checks = new Map<CheckName, CheckStatus>(
    CHECKS.map((name) => [name, { name, status: 'not-reached', count: 0, ms: 0 }]),
  );
  const pass = (name: CheckName, count = 1, ms = 0) => {
    const status = checks.get(name)!;
    status.status = 'pass';
    status.count += count;
    status.ms += ms;
  };
  const counts = { events: archive.events.length, ballots: 0, tallied: 0, partialDecryptions: 0 };
  let phase: VerificationReport['phase'] = 'setup';
  let result: unknown[] | undefined;
  const fail = (failure: VerificationFailure): never => {
    throw new Failure(failure);
  };
  const payloadOf = (height: number, hash: string | undefined, what: string): string => {
    if (hash === undefined) return fail({ check: 'chain', height, message: `event at height ${height} has no ${what} payload` });
    const raw = archive.data.get(hash);
    if (raw === undefined) return fail({ check: 'chain', height, message: `hash ${hash} not found (${what} of event at height ${height})` });
    return raw;
  };
  const decode = <T>(check: CheckName, height: number, codec: Codec<T>, raw: string, what: string): T => {
    try {
      return decodeText(codec, raw, what);
    } catch (error) {
      if (error instanceof DecodeError) return fail({ check, height, message: `malformed ${what}: ${error.message}` });
      throw error;
    }
  };

  try {
    pass('archive');
    // Chain: heights and parents (spec §4.4); a missing event shows up as a parent not found.
    let t = now();
    let previous: string | undefined;
    archive.events.forEach((record, index) => {
      const { event } = record;
      if (event.parent !== previous) {
        fail({
          check: 'chain',
          height: event.height,
          message: `hash ${event.parent ?? '(none)'} not found: event at height ${event.height} does not follow ${previous ?? 'the start of the archive'}`,
        });
      }
      if (event.height !== index) {
        fail({ check: 'chain', height: event.height, message: `event ${record.hash} has height ${event.height}, expected ${index}` });
      }
      previous = record.hash;
    });
    if (archive.events.length === 0) fail({ check: 'chain', message: 'archive has no Setup event' });
    pass('chain', archive.events.length, now() - t);

    // Setup (spec §3.1, §4.10).
    t = now();
    const setupRecord = archive.events[0]!;
    if (setupRecord.event.type !== 'Setup') fail({ check: 'setup', height: 0, message: 'first event is not Setup' });
    const setup = decode('setup', 0, setupDataCodec, payloadOf(0, setupRecord.event.payload, 'setup'), 'setup_data');
    let ctx: ElectionContext;
    try {
      ctx = loadElection(payloadOf(0, setup.election, 'election'));
    } catch (error) {
      if (error instanceof DecodeError) return fail({ check: 'setup', height: 0, message: `invalid election: ${error.message}` });
      throw error;
    }
    pass('setup', 1, now() - t);
    t = now();
    const kinds = decode('trustees', 0, trusteesCodec, payloadOf(0, setup.trustees, 'trustees'), 'trustees');
    const trusteesCheck = checkTrustees(ctx.group, kinds);
    if (!trusteesCheck.ok) fail({ check: 'trustees', height: 0, message: trusteesCheck.problem });
    const trustees = (trusteesCheck as { set: TrusteeSet }).set;
    if (trustees.electionKey !== ctx.y) {
      fail({ check: 'trustees', height: 0, message: 'election public key is not the product of the trustees\' keys' });
    }
    pass('trustees', trustees.members.length, now() - t);
    t = now();
    const lines = decode('credentials', 0, publicCredentialsCodec, payloadOf(0, setup.credentials, 'credentials'), 'public_credentials');
    const eligibility = parsePublicCredentials(ctx.group, lines);
    if (!eligibility.ok) return fail({ check: 'credentials', height: 0, message: eligibility.problem });
    pass('credentials', lines.length, now() - t);
    phase = 'voting';

    // Ballots: cryptographic checks in one batch (parallel when the checker allows), then in order.
    t = now();
    const ballotEvents = archive.events.filter((r) => r.event.type === 'Ballot');
    const raws = ballotEvents.map((r) => payloadOf(r.event.height, r.event.payload, 'ballot'));
    const verdicts = await checker(ctx, raws);
    const ballotMs = now() - t;
    const box = new BallotBox(eligibility.eligibility);
    let tally: EncryptedTally | undefined;
    let totalWeight = 0n;
    const shares = new Map<number, PartialDecryption>();
    let ballotIndex = 0;

    for (const record of archive.events.slice(1)) {
      const { event } = record;
      const height = event.height;
      const expectPhase = (allowed: VerificationReport['phase'][]) => {
        if (!allowed.includes(phase)) fail({ check: 'chain', height, message: `unexpected ${event.type} event at height ${height} (phase ${phase})` });
      };
      switch (event.type) {
        case 'Setup':
          fail({ check: 'chain', height, message: `second Setup event at height ${height}` });
          break;
        case 'Ballot': {
          expectPhase(['voting']);
          const raw = raws[ballotIndex]!;
          const verdict = verdicts[ballotIndex]!;
          ballotIndex++;
          const parsed = parseBallot(raw);
          const tracker = parsed.ok ? parsed.tracker : sha256B64(raw);
          if (!parsed.ok) fail({ check: 'ballots', height, ballot: tracker, message: `ballot at height ${height}: ${parsed.problem}` });
          const ballot = (parsed as { ballot: import('./messages.js').Ballot }).ballot;
          if (box.weightOf(ballot.credential) === undefined) {
            fail({ check: 'ballots', height, ballot: tracker, message: `ballot ${tracker} at height ${height}: invalid credential (not in the public credentials)` });
          }
          if (!verdict.ok) {
            fail({ check: 'ballots', height, ballot: tracker, message: `ballot ${tracker} at height ${height}: invalid ballot: ${describeRejection(verdict)}` });
          }
          if (box.admissible(ballot, tracker) === 'replayed') {
            fail({ check: 'ballots', height, ballot: tracker, message: `ballot ${tracker} at height ${height}: the same ballot was already cast (replay)` });
          }
          box.add(ballot, tracker);
          counts.ballots++;
          break;
        }
        case 'EndBallots':
          expectPhase(['voting']);
          if (event.payload !== undefined) fail({ check: 'chain', height, message: 'EndBallots carries no payload' });
          phase = 'ended';
          break;
        case 'EncryptedTally': {
          expectPhase(['ended']);
          const t2 = now();
          const sized = decode('encrypted-tally', height, sizedEncryptedTallyCodec, payloadOf(height, event.payload, 'sized_encrypted_tally'), 'sized_encrypted_tally');
          const given = decode('encrypted-tally', height, encryptedTallyCodec, payloadOf(height, sized.encrypted_tally, 'encrypted_tally'), 'encrypted_tally');
          const tallied = box.tallied();
          const expected = computeEncryptedTally(ctx, tallied);
          if (encode(encryptedTallyCodec, expected) !== encode(encryptedTallyCodec, given)) {
            fail({ check: 'encrypted-tally', height, message: 'encrypted tally is not the product of the last ballots' });
          }
          totalWeight = tallied.reduce((sum, b) => sum + b.weight, 0n);
          if (sized.num_tallied !== tallied.length) {
            fail({ check: 'encrypted-tally', height, message: `num_tallied is ${sized.num_tallied} but ${tallied.length} ballots are counted` });
          }
          if (sized.total_weight !== totalWeight) {
            fail({ check: 'encrypted-tally', height, message: `total_weight is ${sized.total_weight} but the counted ballots weigh ${totalWeight}` });
          }
          tally = given;
          counts.tallied = tallied.length;
          pass('encrypted-tally', 1, now() - t2);
          phase = 'tallied';
          break;
        }
        case 'Shuffle':
          fail({ check: 'shuffles', height, message: 'shuffle verification (non-homomorphic questions) is not supported yet' });
          break;
        case 'EndShuffles':
          expectPhase(['tallied']);
          if (event.payload !== undefined) fail({ check: 'chain', height, message: 'EndShuffles carries no payload' });
          phase = 'decrypting';
          break;
        case 'PartialDecryption': {
          expectPhase(['tallied', 'decrypting']);
          phase = 'decrypting';
          const t2 = now();
          const owned = decode('partial-decryptions', height, ownedCodec, payloadOf(height, event.payload, 'owned_partial_decryption'), 'owned_partial_decryption');
          const member = trustees.members.find((m) => m.owner === owned.owner);
          if (!member) fail({ check: 'partial-decryptions', height, trustee: owned.owner, message: `partial decryption from unknown trustee ${owned.owner}` });
          if (shares.has(owned.owner)) fail({ check: 'partial-decryptions', height, trustee: owned.owner, message: `trustee ${owned.owner} decrypted twice` });
          const partialRaw = payloadOf(height, owned.payload, 'partial_decryption');
          let partial: PartialDecryption;
          try {
            partial = decodeText(partialDecryptionCodec, partialRaw, 'partial_decryption');
          } catch (error) {
            if (!(error instanceof DecodeError)) throw error;
            return fail({ check: 'partial-decryptions', height, trustee: owned.owner, message: `malformed partial decryption of trustee ${owned.owner}: ${error.message}` });
          }
          const problem = checkPartialDecryption(ctx, tally!, member!.publicKey, partial);
          if (problem) fail({ check: 'partial-decryptions', height, trustee: owned.owner, message: `partial decryption of trustee ${owned.owner}: ${problem}` });
          shares.set(owned.owner, partial);
          counts.partialDecryptions++;
          pass('partial-decryptions', 1, now() - t2);
          break;
        }
        case 'Result': {
          expectPhase(['decrypting']);
          const t2 = now();
          const given = decode('result', height, resultCodec, payloadOf(height, event.payload, 'result'), 'result');
          const combined = combineFactors(ctx.group, trustees, shares, tally!);
          if (!combined.ok) return fail({ check: 'result', height, message: combined.problem });
          const problem = checkResult(ctx, tally!, combined.factors, totalWeight, given.result);
          if (problem) fail({ check: 'result', height, message: `result does not match the decryption: ${problem}` });
          result = given.result;
          pass('result', 1, now() - t2);
          phase = 'result';
          break;
        }
      }
    }
    if (ballotEvents.length > 0 || phase !== 'voting') pass('ballots', counts.ballots, ballotMs);
    for (const status of checks.values()) if (status.status === 'not-reached') status.status = 'not-applicable';
    const state: BoardState = { ctx, trustees, box, tally, totalWeight, shares };
    return { ok: true, checks: [...checks.values()], counts, phase, result, ms: now() - started, state };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    checks.get(error.failure.check)!.status = 'fail';
    return { ok: false, failure: error.failure, checks: [...checks.values()], counts, phase, result, ms: now() - started };
  }
}

function describeRejection(verdict: BallotCheck): string {
  if (verdict.ok) return 'ok';
  const reasons: Record<typeof verdict.reason, string> = {
    'wrong-election': 'wrong election',
    malformed: 'malformed',
    'not-in-group': 'element not in the group',
    'invalid-proof': 'invalid zero-knowledge proof',
    'invalid-signature': 'invalid signature',
  };
  return `${reasons[verdict.reason]} (${verdict.detail})`;
}
