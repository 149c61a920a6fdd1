/**
 * The archive of issue 15 (part 3): an RFC-3526-2048 election with a non-homomorphic (ranking)
 * question whose ballots were decrypted one by one with no shuffle, so the result lists every
 * voter's ranking in casting order. Built with the calls the election server made before it refused
 * such questions (src/election/service.ts: tally → computeEncryptedTally, publish →
 * computePartialDecryption with the server-held key, combineFactors, computeResult), events written
 * straight to the archive since the board's verifier now refuses the decryption.
 *
 * Kept as a fixture (test/fixtures/nh-no-shuffle/, see its README.md): every verifier, and
 * belenios-tool, must reject it. Regenerate with
 *   node --import tsx test/fixtures/nh-no-shuffle/make.ts
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from '../../src/core/codec.js';
import { requireGroup } from '../../src/core/group.js';
import { ArchiveAppender } from '../../src/protocol/archive/archive.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { BallotBox, parseBallot } from '../../src/protocol/ballot-box.js';
import { loadElection } from '../../src/protocol/election.js';
import {
  encryptedTallyCodec,
  ownedCodec,
  partialDecryptionCodec,
  publicCredentialsCodec,
  type Question,
  resultCodec,
  setupDataCodec,
  sizedEncryptedTallyCodec,
  trusteesCodec,
} from '../../src/protocol/messages.js';
import { parsePublicCredentials } from '../../src/protocol/public-credentials.js';
import {
  generateCredentials,
  generateToken,
  generateTrusteeKey,
  makeElection,
  makeTrustees,
  parseVoterLines,
} from '../../src/protocol/setup.js';
import {
  combineFactors,
  computeEncryptedTally,
  computePartialDecryption,
  computeResult,
  resultToJson,
} from '../../src/protocol/tally.js';
import { checkTrustees } from '../../src/protocol/trustees.js';

/** The committed fixture: test/fixtures/nh-no-shuffle/UUID.bel. */
export function nhNoShufflePath(): string {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'nh-no-shuffle');
  const name = readdirSync(dir).find((f) => f.endsWith('.bel'));
  if (!name) throw new Error(`no archive in ${dir}`);
  return join(dir, name);
}

export const NH_QUESTIONS: Question[] = [
  { answers: ['Yes', 'No'], min: 1, max: 1, question: 'H: yes or no' },
  { type: 'NonHomomorphic', value: { answers: ['A', 'B', 'C'], question: 'NH: rank A, B, C' } },
];

/** In casting order: voter index, then one array per question. */
export const NH_VOTES: readonly { voter: number; plaintext: number[][] }[] = [
  {
    voter: 0,
    plaintext: [
      [1, 0],
      [1, 2, 3],
    ],
  },
  {
    voter: 1,
    plaintext: [
      [0, 1],
      [3, 1, 2],
    ],
  },
  {
    voter: 2,
    plaintext: [
      [1, 0],
      [2, 3, 1],
    ],
  },
];

export interface NhNoShuffleArchive {
  readonly uuid: string;
  readonly bytes: Uint8Array;
  readonly result: unknown[];
  readonly trackers: string[];
}

/**
 * `endShuffles`: an `EndShuffles` event (with no `Shuffle` before it) right after the encrypted
 * tally, as if every trustee had skipped their shuffle.
 */
export function makeNhNoShuffleArchive(
  options: { timestamp?: number; endShuffles?: boolean } = {},
): NhNoShuffleArchive {
  const timestamp = options.timestamp ?? 1_767_225_600;
  const group = requireGroup('RFC-3526-2048');
  const uuid = generateToken();
  const parsed = parseVoterLines(NH_VOTES.map((_, i) => `voter${i + 1}@example.org,voter${i + 1}`));
  if (!parsed.ok) throw new Error(parsed.problem);
  const credentials = generateCredentials(uuid, group, parsed.voters);
  const trustee = generateTrusteeKey(group);
  const kinds = makeTrustees([trustee.publicKey]);
  const made = makeElection(
    {
      description: 'Non-homomorphic question decrypted without a shuffle',
      name: 'NH no shuffle',
      questions: NH_QUESTIONS,
    },
    uuid,
    group,
    kinds,
  );
  if (!made.ok) throw new Error(made.problem);
  const ctx = loadElection(made.raw);
  const eligibility = parsePublicCredentials(group, credentials.publicCredentials);
  if (!eligibility.ok) throw new Error(eligibility.problem);
  const box = new BallotBox(eligibility.eligibility);

  const archive = ArchiveAppender.create(timestamp);
  const election = archive.addData(made.raw);
  const trustees = archive.addData(encode(trusteesCodec, kinds));
  const creds = archive.addData(encode(publicCredentialsCodec, credentials.publicCredentials));
  archive.addEvent(
    'Setup',
    archive.addData(encode(setupDataCodec, { election, trustees, credentials: creds })),
  );
  const trackers: string[] = [];
  for (const vote of NH_VOTES) {
    const credential = credentials.privateCredentials[vote.voter]!.credential;
    const raw = serializeBallot(createBallot(ctx, credential, vote.plaintext));
    const ballot = parseBallot(raw);
    if (!ballot.ok) throw new Error(ballot.problem);
    box.add(ballot.ballot, ballot.tracker);
    trackers.push(ballot.tracker);
    archive.addEvent('Ballot', archive.addData(raw));
  }
  archive.addEvent('EndBallots');

  // What ElectionService.tally and .publish computed: no Shuffle, no EndShuffles.
  const tallied = box.tallied();
  const tally = computeEncryptedTally(ctx, tallied);
  const totalWeight = tallied.reduce((sum, b) => sum + b.weight, 0n);
  const tallyHash = archive.addData(encode(encryptedTallyCodec, tally));
  archive.addEvent(
    'EncryptedTally',
    archive.addData(
      encode(sizedEncryptedTallyCodec, {
        num_tallied: tallied.length,
        total_weight: totalWeight,
        encrypted_tally: tallyHash,
      }),
    ),
  );
  if (options.endShuffles) archive.addEvent('EndShuffles');
  const partial = computePartialDecryption(ctx, tally, trustee.privateKey.reveal());
  const partialHash = archive.addData(encode(partialDecryptionCodec, partial));
  archive.addEvent(
    'PartialDecryption',
    archive.addData(encode(ownedCodec, { owner: 1, payload: partialHash })),
  );
  const set = checkTrustees(group, kinds);
  if (!set.ok) throw new Error(set.problem);
  const combined = combineFactors(group, set.set, new Map([[1, partial]]), tally);
  if (!combined.ok) throw new Error(combined.problem);
  const computed = computeResult(ctx, tally, combined.factors, totalWeight);
  if (!computed.ok) throw new Error(computed.problem);
  const result = resultToJson(computed.result);
  archive.addEvent('Result', archive.addData(encode(resultCodec, { result })));
  return { uuid, bytes: archive.take(), result, trackers };
}
