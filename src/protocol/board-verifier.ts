/**
 * The auditor's checks of spec §3.5 as a state machine that consumes a public board one event at a
 * time: chaining (parent and height), setup (election, trustees, credentials), every ballot
 * (eligibility, proofs, signature, no replay), the encrypted tally of last(B), each partial
 * decryption and the result. Each event is checked once against the running state, so a server
 * can follow its board as it grows and a whole archive is just all its events in order
 * (verifyArchive). The first failure is final and names the check and the object at fault.
 *
 * Non-homomorphic answers are decrypted one by one, so they must be shuffled first (spec §3.4 step 3,
 * §4.17): a decryption of them with no Shuffle before it is refused, whatever the order of the
 * ciphertexts (belenios-tool 2.0 only fails "check_result" when its own order of them differs from
 * the tally's, so it passes some such archives). Each Shuffle must come from a trustee of the
 * election, at most once each, and prove a shuffle of the previous shuffle's output (the encrypted
 * tally's NH rows for the first); after EndShuffles the last output is what trustees decrypt.
 * Stricter than belenios-tool 2.0, which checks the chain of proofs but not who shuffled.
 */
import { type Codec, DecodeError, decodeText } from '../core/codec.js';
import { sha256B64 } from '../core/hash.js';
import type { EventRecord } from './archive/archive.js';
import { type BallotCheck, type BallotRejection, checkBallot } from './ballot.js';
import { BallotBox, parseBallot } from './ballot-box.js';
import { type ElectionContext, loadElection } from './election.js';
import {
  type EncryptedTally,
  encryptedTallyCodec,
  isHomomorphic,
  type NhCiphertexts,
  ownedCodec,
  type PartialDecryption,
  partialDecryptionCodec,
  publicCredentialsCodec,
  resultCodec,
  setupDataCodec,
  shuffleCodec,
  sizedEncryptedTallyCodec,
  trusteesCodec,
} from './messages.js';
import { checkShuffle, extractNhCiphertexts, mergeNhCiphertexts, serializeShuffle } from './mixnet.js';
import type { ShuffleProofRejection } from './proofs/shuffle.js';
import { type CredentialsRejection, parsePublicCredentials } from './public-credentials.js';
import {
  checkPartialDecryption,
  checkResult,
  combineFactors,
  computeEncryptedTally,
  type PartialDecryptionRejection,
} from './tally.js';
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

/**
 * What was wrong, as a closed code beside the check's name, where a check can fail in several ways:
 * tools and tests map on it, never on the message, whose wording is for people.
 */
export type FailureReason =
  | BallotRejection
  | 'invalid-credential'
  | 'replay'
  | 'unknown-trustee'
  | 'decrypted-twice'
  | 'election-key'
  | 'not-the-product'
  | 'num-tallied'
  | 'total-weight'
  | 'missing-decryption'
  | 'not-the-decryption'
  | 'not-shuffled'
  | 'shuffled-twice'
  | 'no-nh-questions'
  | ShuffleProofRejection
  | PartialDecryptionRejection
  | CredentialsRejection;

export interface VerificationFailure {
  readonly check: CheckName;
  readonly reason?: FailureReason;
  readonly message: string;
  readonly height?: number;
  readonly ballot?: string;
  readonly trustee?: number;
  /**
   * The archive uses something this verifier cannot check yet (shuffles): it is NOT verified, but
   * not shown to be wrong either. Absent on every other failure.
   */
  readonly unsupported?: true;
}

export type Phase = 'setup' | 'voting' | 'ended' | 'tallied' | 'decrypting' | 'result';

export interface CheckStatus {
  name: CheckName;
  /** `unsupported`: the check was needed but cannot be done by this version (the archive is not verified). */
  status: 'pass' | 'fail' | 'unsupported' | 'not-reached' | 'not-applicable';
  count: number;
  ms: number;
}

/** The replayed board: what tally, decryption and result computations continue from. */
export interface BoardState {
  readonly ctx: ElectionContext;
  readonly trustees: TrusteeSet;
  readonly box: BallotBox;
  /** What trustees decrypt: the encrypted tally, with the last shuffle's NH rows once shuffles ended. */
  readonly tally?: EncryptedTally;
  /** The NH rows the next shuffle takes as input: the tally's, then each shuffle's output. */
  readonly nhCiphertexts?: NhCiphertexts;
  /** Owners of the shuffles so far, in board order. */
  readonly shufflers: readonly number[];
  readonly totalWeight: bigint;
  readonly shares: ReadonlyMap<number, PartialDecryption>;
}

class Failure extends Error {
  constructor(readonly failure: VerificationFailure) {
    super(failure.message);
  }
}

const fail = (failure: VerificationFailure): never => {
  throw new Failure(failure);
};

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Data files by hash: the archive's map, or the server's store. */
export type DataLookup = (hash: string) => string | undefined;

export class BoardVerifier {
  private readonly checks = new Map<CheckName, CheckStatus>(
    CHECKS.map((name) => [name, { name, status: 'not-reached', count: 0, ms: 0 }]),
  );
  private head: { hash: string; height: number } | undefined;
  private setup: { ctx: ElectionContext; trustees: TrusteeSet; box: BallotBox } | undefined;
  private tally: EncryptedTally | undefined;
  /** The published encrypted tally (`tally` becomes the shuffled one after EndShuffles). */
  private encryptedTally: EncryptedTally | undefined;
  private nhCiphertexts: NhCiphertexts | undefined;
  private shufflers: number[] = [];
  private totalWeight = 0n;
  private readonly shares = new Map<number, PartialDecryption>();
  private failureValue: VerificationFailure | undefined;
  /** Set on probe copies: checks a ballot without adding it to the (shared) ballot box. */
  private dryRun = false;
  phase: Phase = 'setup';
  result: unknown[] | undefined;
  readonly counts = { events: 0, ballots: 0, tallied: 0, partialDecryptions: 0 };

  constructor() {
    this.pass('archive', 0);
  }

  get failure(): VerificationFailure | undefined {
    return this.failureValue;
  }

  get lastHeight(): number | undefined {
    return this.head?.height;
  }

  get state(): BoardState | undefined {
    if (!this.setup) return undefined;
    const { ctx, trustees, box } = this.setup;
    return {
      ctx,
      trustees,
      box,
      tally: this.tally,
      nhCiphertexts: this.nhCiphertexts,
      shufflers: this.shufflers,
      totalWeight: this.totalWeight,
      shares: this.shares,
    };
  }

  get context(): ElectionContext | undefined {
    return this.setup?.ctx;
  }

  statuses(final: boolean): CheckStatus[] {
    return [...this.checks.values()].map((status) =>
      final && status.status === 'not-reached' && !this.failureValue
        ? { ...status, status: 'not-applicable' }
        : { ...status },
    );
  }

  /**
   * Would this event be accepted next? Checked on a cheap copy (the ballot box is shared, not
   * copied, and left untouched), so a server can refuse an event before storing it.
   */
  probe(record: EventRecord, data: DataLookup, ballotVerdict?: BallotCheck): VerificationFailure | undefined {
    if (this.failureValue) return this.failureValue;
    return this.fork().apply(record, data, ballotVerdict);
  }

  /**
   * A dry-run copy on which several events can be applied in turn (a batch to be stored together),
   * leaving this verifier and its ballot box untouched. A fork does not record ballots in the box,
   * so the caller must itself refuse a tracker repeated within the batch.
   */
  fork(): BoardVerifier {
    const copy = new BoardVerifier();
    copy.head = this.head;
    copy.setup = this.setup;
    copy.tally = this.tally;
    copy.encryptedTally = this.encryptedTally;
    copy.nhCiphertexts = this.nhCiphertexts;
    copy.shufflers = [...this.shufflers];
    copy.totalWeight = this.totalWeight;
    for (const [owner, share] of this.shares) copy.shares.set(owner, share);
    copy.phase = this.phase;
    copy.result = this.result;
    Object.assign(copy.counts, this.counts);
    copy.dryRun = true;
    copy.failureValue = this.failureValue;
    return copy;
  }

  /** Records that the ballot checks (done in a batch, possibly elsewhere) took `ms`. */
  addBallotTime(ms: number): void {
    this.checks.get('ballots')!.ms += ms;
  }

  private pass(name: CheckName, count = 1, ms = 0): void {
    const status = this.checks.get(name)!;
    status.status = 'pass';
    status.count += count;
    status.ms += ms;
  }

  /**
   * Checks one event (and the payloads it references) against the running state. `ballotVerdict`
   * lets the caller supply the cryptographic check of a ballot computed in a batch; without it the
   * ballot is checked here. Returns the failure, if any; after a failure every call returns it.
   */
  apply(record: EventRecord, data: DataLookup, ballotVerdict?: BallotCheck): VerificationFailure | undefined {
    if (this.failureValue) return this.failureValue;
    try {
      this.applyOrThrow(record, data, ballotVerdict);
      this.counts.events++;
      this.head = { hash: record.hash, height: record.event.height };
      return undefined;
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      this.failureValue = error.failure;
      this.checks.get(error.failure.check)!.status = error.failure.unsupported ? 'unsupported' : 'fail';
      return error.failure;
    }
  }

  private applyOrThrow(record: EventRecord, data: DataLookup, ballotVerdict?: BallotCheck): void {
    const { event } = record;
    const height = event.height;
    // Chain (spec §4.4): a missing or reordered event shows up as a parent that is not the previous event.
    const expectedParent = this.head?.hash;
    if (event.parent !== expectedParent) {
      fail({
        check: 'chain',
        height,
        message: `hash ${event.parent ?? '(none)'} not found: event at height ${height} does not follow ${expectedParent ?? 'the start of the archive'}`,
      });
    }
    const expectedHeight = this.head ? this.head.height + 1 : 0;
    if (height !== expectedHeight) {
      fail({
        check: 'chain',
        height,
        message: `event ${record.hash} has height ${height}, expected ${expectedHeight}`,
      });
    }
    this.pass('chain');
    const payloadOf = (hash: string | undefined, what: string): string => {
      if (hash === undefined)
        return fail({ check: 'chain', height, message: `event at height ${height} has no ${what} payload` });
      const raw = data(hash);
      if (raw === undefined)
        return fail({
          check: 'chain',
          height,
          message: `hash ${hash} not found (${what} of event at height ${height})`,
        });
      return raw;
    };
    const decode = <T>(check: CheckName, codec: Codec<T>, raw: string, what: string, trustee?: number): T => {
      try {
        return decodeText(codec, raw, what);
      } catch (error) {
        if (error instanceof DecodeError)
          return fail({
            check,
            height,
            trustee,
            reason: 'malformed',
            message: `malformed ${what}: ${error.message}`,
          });
        throw error;
      }
    };
    const expectPhase = (allowed: Phase[]) => {
      if (this.phase === 'setup' && !allowed.includes('setup')) {
        fail({ check: 'setup', height, message: `the first event must be Setup, not ${event.type}` });
      }
      if (!allowed.includes(this.phase)) {
        fail({
          check: 'chain',
          height,
          message: `unexpected ${event.type} event at height ${height} (phase ${this.phase})`,
        });
      }
    };
    const noPayload = () => {
      if (event.payload !== undefined)
        fail({ check: 'chain', height, message: `${event.type} carries no payload` });
    };

    switch (event.type) {
      case 'Setup':
        expectPhase(['setup']);
        this.applySetup(
          decode('setup', setupDataCodec, payloadOf(event.payload, 'setup'), 'setup_data'),
          payloadOf,
          decode,
        );
        this.phase = 'voting';
        return;
      case 'Ballot':
        expectPhase(['voting']);
        this.applyBallot(height, payloadOf(event.payload, 'ballot'), ballotVerdict);
        return;
      case 'EndBallots':
        expectPhase(['voting']);
        noPayload();
        this.phase = 'ended';
        return;
      case 'EncryptedTally': {
        expectPhase(['ended']);
        const started = now();
        const { ctx, box } = this.setup!;
        const sized = decode(
          'encrypted-tally',
          sizedEncryptedTallyCodec,
          payloadOf(event.payload, 'sized_encrypted_tally'),
          'sized_encrypted_tally',
        );
        const given = decode(
          'encrypted-tally',
          encryptedTallyCodec,
          payloadOf(sized.encrypted_tally, 'encrypted_tally'),
          'encrypted_tally',
        );
        const tallied = box.tallied();
        if (!sameEncryptedTally(ctx, computeEncryptedTally(ctx, tallied), given)) {
          fail({
            check: 'encrypted-tally',
            height,
            reason: 'not-the-product',
            message: 'encrypted tally is not the product of the last ballots',
          });
        }
        const totalWeight = tallied.reduce((sum, b) => sum + b.weight, 0n);
        // Stricter than belenios-tool 2.0, which does not check these two counts.
        if (sized.num_tallied !== tallied.length) {
          fail({
            check: 'encrypted-tally',
            height,
            reason: 'num-tallied',
            message: `num_tallied is ${sized.num_tallied} but ${tallied.length} ballots are counted`,
          });
        }
        if (sized.total_weight !== totalWeight) {
          fail({
            check: 'encrypted-tally',
            height,
            reason: 'total-weight',
            message: `total_weight is ${sized.total_weight} but the counted ballots weigh ${totalWeight}`,
          });
        }
        this.tally = given;
        this.encryptedTally = given;
        this.nhCiphertexts = extractNhCiphertexts(ctx, given);
        this.totalWeight = totalWeight;
        this.counts.tallied = tallied.length;
        this.pass('encrypted-tally', 1, now() - started);
        this.phase = 'tallied';
        return;
      }
      case 'Shuffle':
        expectPhase(['tallied']);
        this.applyShuffle(height, event.payload, payloadOf, decode);
        return;
      case 'EndShuffles':
        expectPhase(['tallied']);
        noPayload();
        if (this.hasNonHomomorphic() && this.shufflers.length === 0)
          fail({
            check: 'shuffles',
            height,
            reason: 'not-shuffled',
            message: `EndShuffles at height ${height} with no Shuffle before it: the non-homomorphic ciphertexts would be decrypted unshuffled, linking each answer to its ballot`,
          });
        if (this.shufflers.length > 0)
          this.tally = mergeNhCiphertexts(this.setup!.ctx, this.tally!, this.nhCiphertexts!);
        this.phase = 'decrypting';
        return;
      case 'PartialDecryption': {
        expectPhase(['tallied', 'decrypting']);
        if (this.phase === 'tallied' && this.hasNonHomomorphic())
          fail({
            check: 'shuffles',
            height,
            reason: 'not-shuffled',
            message: `non-homomorphic ciphertexts decrypted without a shuffle: PartialDecryption at height ${height} with no Shuffle/EndShuffles event before it (each answer would be linked to its ballot)`,
          });
        this.phase = 'decrypting';
        const started = now();
        const { ctx, trustees } = this.setup!;
        const owned = decode(
          'partial-decryptions',
          ownedCodec,
          payloadOf(event.payload, 'owned_partial_decryption'),
          'owned_partial_decryption',
        );
        const trustee = owned.owner;
        const member = trustees.members.find((m) => m.owner === trustee);
        if (!member)
          fail({
            check: 'partial-decryptions',
            height,
            trustee,
            reason: 'unknown-trustee',
            message: `partial decryption from unknown trustee ${trustee}`,
          });
        if (this.shares.has(trustee))
          fail({
            check: 'partial-decryptions',
            height,
            trustee,
            reason: 'decrypted-twice',
            message: `trustee ${trustee} decrypted twice`,
          });
        const partial = decode(
          'partial-decryptions',
          partialDecryptionCodec,
          payloadOf(owned.payload, 'partial_decryption'),
          'partial_decryption',
          trustee,
        );
        const problem = checkPartialDecryption(ctx, this.tally!, member!.publicKey, partial);
        // Say so when a trustee decrypted the ciphertexts as they were before the shuffles.
        if (
          problem?.reason === 'invalid-proof' &&
          this.shufflers.length > 0 &&
          !checkPartialDecryption(ctx, this.encryptedTally!, member!.publicKey, partial)
        )
          fail({
            check: 'shuffles',
            height,
            trustee,
            reason: 'not-shuffled',
            message: `partial decryption of trustee ${trustee} (height ${height}) decrypts the encrypted tally's non-homomorphic ciphertexts as they were before the shuffles, not the last shuffle's output: each answer would be linked to its ballot`,
          });
        if (problem)
          fail({
            check: 'partial-decryptions',
            height,
            trustee,
            reason: problem.reason,
            message: `partial decryption of trustee ${trustee}: ${problem.problem}`,
          });
        this.shares.set(trustee, partial);
        this.counts.partialDecryptions++;
        this.pass('partial-decryptions', 1, now() - started);
        return;
      }
      case 'Result': {
        expectPhase(['decrypting']);
        const started = now();
        const { ctx, trustees } = this.setup!;
        const given = decode('result', resultCodec, payloadOf(event.payload, 'result'), 'result');
        const combined = combineFactors(ctx.group, trustees, this.shares, this.tally!);
        if (!combined.ok)
          fail({ check: 'result', height, reason: 'missing-decryption', message: combined.problem });
        const problem = checkResult(
          ctx,
          this.tally!,
          (combined as { factors: bigint[][] }).factors,
          this.totalWeight,
          given.result,
        );
        if (problem)
          fail({
            check: 'result',
            height,
            reason: 'not-the-decryption',
            message: `result does not match the decryption: ${problem}`,
          });
        this.result = given.result;
        this.pass('result', 1, now() - started);
        this.phase = 'result';
        return;
      }
    }
  }

  /** A Shuffle event (spec §4.17): owned by a trustee who has not shuffled yet, proved on the current NH rows. */
  private applyShuffle(
    height: number,
    payload: string | undefined,
    payloadOf: (hash: string | undefined, what: string) => string,
    decode: <T>(check: CheckName, codec: Codec<T>, raw: string, what: string, trustee?: number) => T,
  ): void {
    const started = now();
    const { ctx, trustees } = this.setup!;
    const owned = decode('shuffles', ownedCodec, payloadOf(payload, 'owned_shuffle'), 'owned_shuffle');
    const trustee = owned.owner;
    const failShuffle = (reason: FailureReason, message: string): never =>
      fail({ check: 'shuffles', height, trustee, reason, message });
    if (!this.hasNonHomomorphic())
      failShuffle(
        'no-nh-questions',
        `shuffle at height ${height}: the election has no non-homomorphic question`,
      );
    if (!trustees.members.some((m) => m.owner === trustee))
      failShuffle('unknown-trustee', `shuffle at height ${height} from unknown trustee ${trustee}`);
    if (this.shufflers.includes(trustee))
      failShuffle('shuffled-twice', `trustee ${trustee} shuffled twice (again at height ${height})`);
    const raw = payloadOf(owned.payload, 'shuffle');
    const shuffle = decode('shuffles', shuffleCodec, raw, 'shuffle', trustee);
    if (serializeShuffle(shuffle) !== raw)
      failShuffle('malformed', `shuffle of trustee ${trustee}: not in canonical compact JSON form`);
    const problem = checkShuffle(ctx, this.nhCiphertexts!, shuffle);
    if (problem) {
      const input = this.shufflers.length === 0 ? 'the encrypted tally' : `shuffle ${this.shufflers.length}`;
      failShuffle(
        problem.reason,
        `shuffle ${this.shufflers.length + 1} (trustee ${trustee}, height ${height}) is not a proven shuffle of ${input}'s non-homomorphic ciphertexts (tampered, out of order, or a shuffle before it is missing): ${problem.problem}`,
      );
    }
    this.nhCiphertexts = shuffle.ciphertexts;
    this.shufflers.push(trustee);
    this.pass('shuffles', 1, now() - started);
  }

  private hasNonHomomorphic(): boolean {
    return this.setup!.ctx.election.questions.some((q) => !isHomomorphic(q));
  }

  private applySetup(
    setup: { election: string; trustees: string; credentials: string },
    payloadOf: (hash: string | undefined, what: string) => string,
    decode: <T>(check: CheckName, codec: Codec<T>, raw: string, what: string) => T,
  ): void {
    let started = now();
    let ctx: ElectionContext;
    try {
      ctx = loadElection(payloadOf(setup.election, 'election'));
    } catch (error) {
      if (error instanceof DecodeError)
        throw new Failure({
          check: 'setup',
          height: 0,
          reason: 'malformed',
          message: `invalid election: ${error.message}`,
        });
      throw error;
    }
    this.pass('setup', 1, now() - started);
    started = now();
    const kinds = decode('trustees', trusteesCodec, payloadOf(setup.trustees, 'trustees'), 'trustees');
    const checked = checkTrustees(ctx.group, kinds);
    if (!checked.ok) throw new Failure({ check: 'trustees', height: 0, message: checked.problem });
    if (checked.set.electionKey !== ctx.y) {
      fail({
        check: 'trustees',
        height: 0,
        reason: 'election-key',
        message: "election public key is not the product of the trustees' keys",
      });
    }
    this.pass('trustees', checked.set.members.length, now() - started);
    started = now();
    const lines = decode(
      'credentials',
      publicCredentialsCodec,
      payloadOf(setup.credentials, 'credentials'),
      'public_credentials',
    );
    const eligibility = parsePublicCredentials(ctx.group, lines);
    if (!eligibility.ok)
      throw new Failure({
        check: 'credentials',
        height: 0,
        reason: eligibility.reason,
        message: eligibility.problem,
      });
    this.pass('credentials', lines.length, now() - started);
    this.setup = { ctx, trustees: checked.set, box: new BallotBox(eligibility.eligibility) };
  }

  private applyBallot(height: number, raw: string, ballotVerdict: BallotCheck | undefined): void {
    const { ctx, box } = this.setup!;
    const parsed = parseBallot(raw);
    if (!parsed.ok) {
      throw new Failure({
        check: 'ballots',
        height,
        ballot: sha256B64(raw),
        reason: 'malformed',
        message: `ballot at height ${height}: ${parsed.problem}`,
      });
    }
    const { ballot, tracker } = parsed;
    if (box.weightOf(ballot.credential) === undefined) {
      fail({
        check: 'ballots',
        height,
        ballot: tracker,
        reason: 'invalid-credential',
        message: `ballot ${tracker} at height ${height}: invalid credential (not in the public credentials)`,
      });
    }
    const verdict = ballotVerdict ?? checkBallot(ctx, ballot);
    if (!verdict.ok) {
      fail({
        check: 'ballots',
        height,
        ballot: tracker,
        reason: verdict.reason,
        message: `ballot ${tracker} at height ${height}: invalid ballot: ${describeRejection(verdict)}`,
      });
    }
    if (box.admissible(ballot, tracker) === 'replayed') {
      fail({
        check: 'ballots',
        height,
        ballot: tracker,
        reason: 'replay',
        message: `ballot ${tracker} at height ${height}: the same ballot was already cast (replay)`,
      });
    }
    if (this.dryRun) return;
    box.add(ballot, tracker);
    this.counts.ballots++;
    this.pass('ballots', 1);
  }
}

/**
 * Homomorphic questions: the same products, slot by slot. Non-homomorphic questions: the same
 * ciphertexts in any order — belenios-tool lists them in an order of its own, and they are shuffled
 * before decryption anyway (spec §4.17).
 */
function sameEncryptedTally(ctx: ElectionContext, expected: EncryptedTally, given: EncryptedTally): boolean {
  if (expected.length !== given.length) return false;
  return expected.every((row, i) => {
    const encodeRow = (r: EncryptedTally[number]) => r.map((c) => `${c.alpha},${c.beta}`);
    const a = encodeRow(row);
    const b = encodeRow(given[i]!);
    if (isHomomorphic(ctx.election.questions[i]!)) return a.join('|') === b.join('|');
    return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
  });
}

export function describeRejection(verdict: BallotCheck): string {
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
