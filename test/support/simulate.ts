/**
 * Whole-election simulation for tests: runs setup, voting, tally, partial decryptions and result
 * through the pure protocol API, writes the public archive in memory exactly as the digest (§7)
 * lays it out, and returns it with the secrets (private credentials, trustee keys), the trackers and
 * the result expected from the clear votes (computed here independently of src/protocol/tally.ts).
 *
 * The archive is also kept as an `ArchiveModel` (the payloads, before hashing), so tests can change
 * one piece and rebuild a well-formed archive with `writeArchive`: every file re-hashed, every
 * reference updated and the event chain re-linked, so that only the intended check can fail.
 */
import { encode } from '../../src/core/codec.js';
import { credentialSecret, type PrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import { sha256B64, sha256Hex } from '../../src/core/hash.js';
import { ArchiveAppender } from '../../src/protocol/archive/archive.js';
import { tarEntry } from '../../src/protocol/archive/tar.js';
import {
  type BallotCheck,
  createBallot,
  type Plaintext,
  serializeBallot,
} from '../../src/protocol/ballot.js';
import { BallotBox, parseBallot } from '../../src/protocol/ballot-box.js';
import { type ElectionContext, loadElection } from '../../src/protocol/election.js';
import {
  type ArchiveEvent,
  type Ballot,
  type EventType,
  encryptedTallyCodec,
  eventCodec,
  type HomomorphicQuestion,
  ownedCodec,
  type PartialDecryption,
  partialDecryptionCodec,
  publicCredentialsCodec,
  resultCodec,
  setupDataCodec,
  sizedEncryptedTallyCodec,
  type TrusteePublicKey,
  trusteesCodec,
  unsignedBallotCodec,
} from '../../src/protocol/messages.js';
import { ballotSignatureChallenge, proveDlog } from '../../src/protocol/proofs/schnorr.js';
import { parsePublicCredentials } from '../../src/protocol/public-credentials.js';
import {
  generateCredentials,
  generateToken,
  generateTrusteeKey,
  makeElection,
  makeTrustees,
  parseVoterLines,
  type TrusteePrivateKey,
} from '../../src/protocol/setup.js';
import {
  combineFactors,
  computeEncryptedTally,
  computePartialDecryption,
  computeResult,
  resultToJson,
} from '../../src/protocol/tally.js';
import { checkTrustees } from '../../src/protocol/trustees.js';
import { type BallotBatchChecker, inProcessChecker } from '../../src/protocol/verifier.js';

export type GroupName = 'BELENIOS-2048' | 'RFC-3526-2048';

/** How far the election goes; each stage includes the previous ones. */
export const STAGES = ['setup', 'ballots', 'end-ballots', 'tally', 'decryptions', 'result'] as const;
export type Stage = (typeof STAGES)[number];

/** The phase verifyArchive reports for an archive stopped after each stage. */
export const PHASE_AFTER: Record<Stage, 'voting' | 'ended' | 'tallied' | 'decrypting' | 'result'> = {
  setup: 'voting',
  ballots: 'voting',
  'end-ballots': 'ended',
  tally: 'tallied',
  decryptions: 'decrypting',
  result: 'result',
};

export interface TrusteeOptions {
  /** Number of `Single` trustees (owners 1..singles). */
  readonly singles: number;
  // TODO(threshold): add `pedersen?: { members: number; threshold: number; decrypting: number[] }`, built with
  // src/protocol/threshold/ (key-establishment.ts: certificates, polynomials, vinputs/voutputs,
  // makeThresholdParameters) once it is finished, passed to makeTrustees(singles, parameters); members
  // take owners singles+1..singles+members, and `decrypting` picks which of them publish a partial
  // decryption (at least `threshold`).
}

export interface ClearVote {
  /** 0-based index into `voters`. */
  readonly voter: number;
  /** One array per question, blank slot first when the question allows blank votes. */
  readonly plaintext: Plaintext;
}

export interface SimulationOptions {
  readonly group: GroupName;
  readonly questions: readonly HomomorphicQuestion[];
  /** A number of unweighted voters, or one entry per voter: its weight (undefined = no weight written). */
  readonly voters: number | readonly (bigint | undefined)[];
  /** Default: one Single trustee. */
  readonly trustees?: TrusteeOptions;
  /** In casting order; a voter may vote several times, the last ballot counts. */
  readonly votes: readonly ClearVote[];
  /** Default 'result'. */
  readonly stopAfter?: Stage;
  /** Archive timestamp (tar mtime and header); default a fixed date. */
  readonly timestamp?: number;
}

/** The payloads of an archive, before hashing: what `writeArchive` serialises. */
export interface ArchiveModel {
  readonly timestamp: number;
  readonly election: string;
  readonly trustees: string;
  readonly credentials: string;
  readonly ballots: readonly string[];
  readonly endBallots: boolean;
  readonly tally?: {
    readonly encryptedTally: string;
    readonly numTallied: number;
    readonly totalWeight: bigint;
  };
  readonly partialDecryptions: readonly { readonly owner: number; readonly raw: string }[];
  readonly result?: string;
}

export interface SimulatedVoter {
  readonly login: string;
  readonly credential: PrivateCredential;
  readonly publicCredential: bigint;
  /** Effective weight (1 when none is written). */
  readonly weight: bigint;
}

export interface SimulatedTrustee {
  readonly owner: number;
  readonly privateKey: TrusteePrivateKey;
  readonly publicKey: TrusteePublicKey;
}

export interface ExpectedOutcome {
  /** Per question, per slot (blank first): Σ weights of the voters whose last vote ticks it. */
  readonly counts: bigint[][];
  /** The `result` array as belenios-tool writes it (numbers up to 2^30 − 1, decimal strings beyond). */
  readonly result: (number | string)[][];
  readonly numTallied: number;
  readonly totalWeight: bigint;
}

export interface SimulatedElection {
  readonly bytes: Uint8Array;
  readonly model: ArchiveModel;
  readonly context: ElectionContext;
  readonly voters: readonly SimulatedVoter[];
  readonly trustees: readonly SimulatedTrustee[];
  /** One per cast ballot, in casting order (same order as model.ballots). */
  readonly trackers: readonly string[];
  readonly expected: ExpectedOutcome;
  /** What verifyArchive should report as `phase`. */
  readonly phase: (typeof PHASE_AFTER)[Stage];
}

export const DEFAULT_TIMESTAMP = 1_767_225_600; // 2026-01-01T00:00:00Z

const reached = (stopAfter: Stage, stage: Stage) => STAGES.indexOf(stopAfter) >= STAGES.indexOf(stage);

export function simulateElection(options: SimulationOptions): SimulatedElection {
  const group = requireGroup(options.group);
  const stopAfter = options.stopAfter ?? 'result';
  const timestamp = options.timestamp ?? DEFAULT_TIMESTAMP;
  const weights =
    typeof options.voters === 'number'
      ? Array.from({ length: options.voters }, () => undefined)
      : options.voters;
  const singles = options.trustees?.singles ?? 1;
  if (singles < 1)
    throw new RangeError('simulateElection: at least one Single trustee (Pedersen is not wired yet)');

  // Setup: uuid, credentials, trustee keys, election.
  const uuid = generateToken();
  const parsedVoters = parseVoterLines(
    weights.map((w, i) => `voter${i + 1}@example.org,voter${i + 1}${w === undefined ? '' : `,${w}`}`),
  );
  if (!parsedVoters.ok) throw new RangeError(`simulateElection: ${parsedVoters.problem}`);
  const generated = generateCredentials(uuid, group, parsedVoters.voters);
  const publicByLogin = new Map(
    generated.publicWithLogins.map((line) => {
      const [credential, , login] = line.split(',');
      return [login!, BigInt(credential!)] as const;
    }),
  );
  const voters: SimulatedVoter[] = generated.privateCredentials.map(({ voter, credential }) => ({
    login: voter.login,
    credential,
    publicCredential: publicByLogin.get(voter.login)!,
    weight: voter.weight ?? 1n,
  }));
  const trustees: SimulatedTrustee[] = Array.from({ length: singles }, (_, i) => {
    const key = generateTrusteeKey(group);
    return { owner: i + 1, privateKey: key.privateKey, publicKey: key.publicKey };
  });
  const kinds = makeTrustees(trustees.map((t) => t.publicKey));
  const made = makeElection(
    { description: 'Simulated election', name: 'Simulation', questions: [...options.questions] },
    uuid,
    group,
    kinds,
  );
  if (!made.ok) throw new Error(`simulateElection: ${made.problem}`);
  const context = loadElection(made.raw);
  const trusteesRaw = encode(trusteesCodec, kinds);
  const credentialsRaw = encode(publicCredentialsCodec, generated.publicCredentials);

  // Voting, through the ballot box a bulletin board would keep.
  const eligibility = parsePublicCredentials(group, generated.publicCredentials);
  if (!eligibility.ok) throw new Error(`simulateElection: ${eligibility.problem}`);
  const box = new BallotBox(eligibility.eligibility);
  const votes = reached(stopAfter, 'ballots') ? options.votes : [];
  const ballots: string[] = [];
  const trackers: string[] = [];
  for (const vote of votes) {
    const voter = voters[vote.voter];
    if (!voter) throw new RangeError(`simulateElection: no voter ${vote.voter}`);
    const raw = serializeBallot(createBallot(context, voter.credential, vote.plaintext));
    const parsed = parseBallot(raw);
    if (!parsed.ok) throw new Error(`simulateElection: created ballot does not parse: ${parsed.problem}`);
    const rejection = box.admissible(parsed.ballot, parsed.tracker);
    if (rejection) throw new Error(`simulateElection: ballot ${parsed.tracker} refused (${rejection})`);
    box.add(parsed.ballot, parsed.tracker);
    // The smart ballot tracker, computed here from the bytes (digest §6), not taken from parseBallot.
    const tracker = sha256B64(raw);
    if (tracker !== parsed.tracker)
      throw new Error(`simulateElection: parseBallot gives tracker ${parsed.tracker}`);
    ballots.push(raw);
    trackers.push(tracker);
  }

  // Tally, partial decryptions, result: the library pipeline, as the election server would run it.
  let tally: ArchiveModel['tally'];
  const partialDecryptions: { owner: number; raw: string }[] = [];
  let result: string | undefined;
  if (reached(stopAfter, 'tally')) {
    // The box keeps the last ballot per credential with its weight from the public credentials.
    const weighted = box.tallied();
    const encrypted = computeEncryptedTally(context, weighted);
    const totalWeight = weighted.reduce((sum, b) => sum + b.weight, 0n);
    tally = {
      encryptedTally: encode(encryptedTallyCodec, encrypted),
      numTallied: weighted.length,
      totalWeight,
    };
    if (reached(stopAfter, 'decryptions')) {
      const shares = new Map<number, PartialDecryption>();
      for (const trustee of trustees) {
        const partial = computePartialDecryption(context, encrypted, trustee.privateKey.reveal());
        shares.set(trustee.owner, partial);
        partialDecryptions.push({ owner: trustee.owner, raw: encode(partialDecryptionCodec, partial) });
      }
      if (reached(stopAfter, 'result')) {
        const set = checkTrustees(group, kinds);
        if (!set.ok) throw new Error(`simulateElection: ${set.problem}`);
        const combined = combineFactors(group, set.set, shares, encrypted);
        if (!combined.ok) throw new Error(`simulateElection: ${combined.problem}`);
        const computed = computeResult(context, encrypted, combined.factors, totalWeight);
        if (!computed.ok) throw new Error(`simulateElection: ${computed.problem}`);
        result = encode(resultCodec, { result: resultToJson(computed.result) });
      }
    }
  }

  const model: ArchiveModel = {
    timestamp,
    election: made.raw,
    trustees: trusteesRaw,
    credentials: credentialsRaw,
    ballots,
    endBallots: reached(stopAfter, 'end-ballots'),
    tally,
    partialDecryptions,
    result,
  };
  const appender = ArchiveAppender.create(timestamp);
  emitArchive(model, appender);
  return {
    bytes: appender.take(),
    model,
    context,
    voters,
    trustees,
    trackers,
    expected: expectedOutcome(options.questions, voters, votes),
    phase: PHASE_AFTER[stopAfter],
  };
}

/** last(B) by voter, in order of their last cast (how Belenios orders the tally does not matter). */
function lastOf<T extends { voter: number }>(entries: readonly T[]): T[] {
  const latest = new Map<number, T>();
  for (const entry of entries) {
    latest.delete(entry.voter);
    latest.set(entry.voter, entry);
  }
  return [...latest.values()];
}

/** belenios-tool writes counts up to OCaml's 31-bit max_int (2^30 − 1) as numbers, larger ones as strings. */
export function countToJson(count: bigint): number | string {
  return count < 2n ** 30n ? Number(count) : count.toString();
}

export function expectedOutcome(
  questions: readonly HomomorphicQuestion[],
  voters: readonly { weight: bigint }[],
  votes: readonly ClearVote[],
): ExpectedOutcome {
  const last = lastOf(votes);
  const counts = questions.map((question, i) => {
    const slots = question.answers.length + (question.blank ? 1 : 0);
    const row = Array.from({ length: slots }, () => 0n);
    for (const vote of last) {
      vote.plaintext[i]!.forEach((m, j) => {
        if (m === 1) row[j]! += voters[vote.voter]!.weight;
      });
    }
    return row;
  });
  return {
    counts,
    result: counts.map((row) => row.map(countToJson)),
    numTallied: last.length,
    totalWeight: last.reduce((sum, vote) => sum + voters[vote.voter]!.weight, 0n),
  };
}

/** What both ArchiveAppender and the raw writer below offer. */
interface ArchiveSink {
  addData(raw: string): string;
  addEvent(type: EventType, payload?: string): string;
}

/** The layout of digest §7, one call per file, in order. */
function emitArchive(model: ArchiveModel, sink: ArchiveSink): void {
  const election = sink.addData(model.election);
  const trustees = sink.addData(model.trustees);
  const credentials = sink.addData(model.credentials);
  sink.addEvent('Setup', sink.addData(encode(setupDataCodec, { election, trustees, credentials })));
  for (const ballot of model.ballots) sink.addEvent('Ballot', sink.addData(ballot));
  if (!model.endBallots) return;
  sink.addEvent('EndBallots');
  if (!model.tally) return;
  const encryptedTally = sink.addData(model.tally.encryptedTally);
  const sized = encode(sizedEncryptedTallyCodec, {
    num_tallied: model.tally.numTallied,
    total_weight: model.tally.totalWeight,
    encrypted_tally: encryptedTally,
  });
  sink.addEvent('EncryptedTally', sink.addData(sized));
  for (const { owner, raw } of model.partialDecryptions) {
    const payload = sink.addData(raw);
    sink.addEvent('PartialDecryption', sink.addData(encode(ownedCodec, { owner, payload })));
  }
  if (model.result !== undefined) sink.addEvent('Result', sink.addData(model.result));
}

/** Replaces an event before it is written: a changed structure, or raw text written as is. */
export type EventEdit = (index: number, event: ArchiveEvent) => ArchiveEvent | string;

export interface WriteOptions {
  readonly editEvent?: EventEdit;
  /** Data files written after the rest, e.g. a payload an edited event points to. */
  readonly extraData?: readonly string[];
}

/**
 * Writes the archive of a model independently of ArchiveAppender (tar entries built here), with
 * optional event edits. Events after an edited one are chained to its new hash and keep their
 * heights, so an edit breaks exactly the field it changes.
 */
export function writeArchive(model: ArchiveModel, options: WriteOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const header = `{"version":1,"timestamp":"${model.timestamp}"}`;
  chunks.push(tarEntry('BELENIOS', encoder.encode(header), model.timestamp));
  let previous: string | undefined;
  let index = 0;
  const file = (raw: string, kind: 'data' | 'event') => {
    const bytes = encoder.encode(raw);
    const hash = sha256Hex(bytes);
    chunks.push(tarEntry(`${hash}.${kind}.json`, bytes, model.timestamp));
    return hash;
  };
  const sink: ArchiveSink = {
    addData: (raw) => file(raw, 'data'),
    addEvent(type, payload) {
      const event: ArchiveEvent = { parent: previous, height: index, type, payload };
      const edited = options.editEvent ? options.editEvent(index, event) : event;
      const raw = typeof edited === 'string' ? edited : JSON.stringify(eventCodec.toJson(edited));
      previous = file(raw, 'event');
      index++;
      return previous;
    },
  };
  for (const raw of options.extraData ?? []) sink.addData(raw);
  emitArchive(model, sink);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The types of the events of a model, in order (index = height). */
export function eventTypes(model: ArchiveModel): EventType[] {
  const types: EventType[] = [];
  emitArchive(model, {
    addData: () => '',
    addEvent: (type) => {
      types.push(type);
      return '';
    },
  });
  return types;
}

/** Signs an (edited) ballot again with a voter's private credential, as a cheating voter could. */
export function resign(context: ElectionContext, credential: PrivateCredential, ballot: Ballot): Ballot {
  const { group } = context;
  const s = credentialSecret(credential, context.election.uuid, group).reveal();
  const { signature: _old, ...unsigned } = ballot;
  const hash = sha256B64(encode(unsignedBallotCodec, unsigned));
  return {
    ...unsigned,
    signature: { hash, proof: proveDlog(group, s, ballotSignatureChallenge(group, hash)) },
  };
}

/**
 * A ballot checker for verifyArchive that remembers verdicts by (election fingerprint, exact ballot
 * bytes): checkBallot is a pure function of both, so tests that verify many variants of one archive
 * pay for each distinct ballot once. Misses go to the verifier's own in-process checker.
 */
export function memoizedChecker(): BallotBatchChecker {
  const verdicts = new Map<string, BallotCheck>();
  return async (context, raws) => {
    const keys = raws.map((raw) => `${context.fingerprint}\n${raw}`);
    const missing = raws.filter((_, i) => !verdicts.has(keys[i]!));
    const fresh = await inProcessChecker(context, missing);
    missing.forEach((raw, i) => {
      verdicts.set(`${context.fingerprint}\n${raw}`, fresh[i]!);
    });
    return keys.map((key) => verdicts.get(key)!);
  };
}
