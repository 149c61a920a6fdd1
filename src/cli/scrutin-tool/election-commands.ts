/**
 * `scrutin-tool election …`: voters' ballots, auditors' verification, and the tally steps. Every
 * command that reads the board first replays and verifies it, as belenios-tool does, so no step is
 * ever computed on top of an invalid archive.
 */
import type { Command } from 'commander';
import { encode } from '../../core/codec.js';
import { parsePrivateCredential } from '../../core/credential.js';
import { sha256Hex } from '../../core/hash.js';
import type { ParsedArchive } from '../../protocol/archive/archive.js';
import { checkPlaintext, createBallot, serializeBallot } from '../../protocol/ballot.js';
import {
  encryptedTallyCodec,
  isHomomorphic,
  ownedCodec,
  partialDecryptionCodec,
  sizedEncryptedTallyCodec,
} from '../../protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../../protocol/mixnet.js';
import {
  combineFactors,
  computeEncryptedTally,
  computePartialDecryption,
  computeResult,
  resultToJson,
} from '../../protocol/tally.js';
import { type BoardState, type VerificationReport, verifyArchive } from '../../protocol/verifier.js';
import { ballotChecker } from './checker.js';
import { fail, info, loadArchive, readText } from './io.js';
import { loadElectionOrFail } from './setup-commands.js';

export async function verifiedBoard(dir: string): Promise<{ report: VerificationReport; state: BoardState }> {
  const { archive } = loadArchive(dir);
  const report = await verifyArchive(archive, await ballotChecker());
  if (!report.ok) fail(report.failure!.message);
  return { report, state: report.state! };
}

/** `election verify --dir DIR [--json]`, also the whole of `scrutin-verify DIR` (the single-file verifier). */
export async function verifyElectionDir(options: { dir: string; json?: boolean }): Promise<void> {
  info(`using directory ${options.dir}`);
  const { archive } = loadArchive(options.dir);
  const report = await verifyArchive(archive, await ballotChecker());
  if (options.json) {
    const { state: _state, ...printable } = report;
    process.stdout.write(
      `${JSON.stringify(printable, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
    );
  }
  if (report.outcome === 'cannot-verify') {
    // Not a pass: the archive is not verified (exit 124), only not shown to be wrong.
    process.stderr.write(
      `E: cannot verify: ${report.failure!.check} (not supported yet); the archive is NOT verified\n`,
    );
    fail(report.failure!.message);
  }
  if (!report.ok) {
    process.stderr.write(`E: failed check: ${report.failure!.check}\n`);
    fail(report.failure!.message);
  }
  if (report.phase !== 'result') process.stderr.write('W: no result to check\n');
  info('all checks passed');
}

function readPrivateKey(path: string): bigint {
  const text = readText(path, 'private key file').trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(`${path}: not a private key file`);
  }
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) fail(`${path}: not a private key file`);
  return BigInt(value);
}

function parseTrusteeId(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id < 1) fail('--trustee-id must be a positive integer');
  return id;
}

export function emitPartialDecryption(
  board: { report: VerificationReport; state: BoardState },
  trusteeId: number,
  x: bigint,
): void {
  const { state, report } = board;
  const { ctx, trustees, tally } = state;
  if (!tally) fail('the encrypted tally has not been computed yet');
  // Spec §3.4: non-homomorphic answers are decrypted only once shuffled, else each is linked to its ballot.
  if (report.phase === 'tallied' && !ctx.election.questions.every(isHomomorphic))
    fail(
      state.shufflers.length === 0
        ? 'this election has non-homomorphic questions: their ciphertexts must be shuffled ("election shuffle", then an EndShuffles event) before any decryption'
        : 'the shuffles are not closed yet: add the EndShuffles event before any decryption',
    );
  const member = trustees.members.find((m) => m.owner === trusteeId);
  if (!member) fail(`there is no trustee ${trusteeId} in this election`);
  if (ctx.group.gPow(x) !== member.publicKey) fail(`this key is not the key of trustee ${trusteeId}`);
  if (state.shares.has(trusteeId)) fail(`trustee ${trusteeId} has already decrypted`);
  const partial = encode(partialDecryptionCodec, computePartialDecryption(ctx, tally, x));
  process.stdout.write(`${partial}\n`);
  process.stdout.write(`${encode(ownedCodec, { owner: trusteeId, payload: sha256Hex(partial) })}\n`);
}

/**
 * `election shuffle --trustee-id N` (spec §4.17): shuffles the current non-homomorphic ciphertexts
 * (the encrypted tally's, or the last shuffle's output) and prints the shuffle and the
 * owned_shuffle, one per line, as belenios-tool does — ready for `archive add-event --type=Shuffle`.
 */
export function emitShuffle(
  board: { report: VerificationReport; state: BoardState },
  trusteeId: number,
): void {
  const { state, report } = board;
  const { ctx, trustees } = state;
  if (report.phase !== 'tallied' || !state.nhCiphertexts)
    fail(
      report.phase === 'voting' || report.phase === 'ended'
        ? 'the encrypted tally has not been computed yet'
        : 'the shuffles are closed (EndShuffles) or decryption has started',
    );
  if (ctx.election.questions.every(isHomomorphic))
    fail('this election has no non-homomorphic question: there is nothing to shuffle');
  if (!trustees.members.some((m) => m.owner === trusteeId))
    fail(`there is no trustee ${trusteeId} in this election`);
  if (state.shufflers.includes(trusteeId)) fail(`trustee ${trusteeId} has already shuffled`);
  const shuffle = serializeShuffle(shuffleCiphertexts(ctx, state.nhCiphertexts));
  process.stdout.write(`${shuffle}\n`);
  process.stdout.write(`${encode(ownedCodec, { owner: trusteeId, payload: sha256Hex(shuffle) })}\n`);
}

export function registerElectionCommands(program: Command): Command {
  const election = program.command('election').description('election management commands');

  election
    .command('generate-ballot')
    .description('create a ballot and print it on standard output')
    .option('--dir <DIR>', 'election directory', '.')
    .option('--privcred <PRIV_CRED>', 'file holding the private credential')
    .option('--ballot <BALLOT>', 'file holding the choices (array of arrays of 0/1)')
    .action((options: { dir: string; privcred?: string; ballot?: string }) => {
      if (!options.privcred) fail('--privcred is mandatory');
      if (!options.ballot) fail('--ballot is mandatory');
      const credential = parsePrivateCredential(readText(options.privcred, 'credential file'));
      if (!credential.ok)
        fail(
          `invalid private credential (${credential.error === 'checksum' ? 'checksum mismatch: check for typing errors' : 'expected XXX-XXX-XXX-XXX-XXX'})`,
        );
      let choices: unknown;
      try {
        choices = JSON.parse(readText(options.ballot, 'ballot file'));
      } catch {
        fail(`${options.ballot}: not valid JSON`);
      }
      const { archive } = loadArchive(options.dir, { untilFirstEvent: true });
      const setup = archive.events[0];
      const setupData = setup?.event.payload && archive.data.get(setup.event.payload);
      if (!setupData) fail('the archive has no setup');
      const electionRaw = archive.data.get(JSON.parse(setupData).election);
      if (!electionRaw) fail('the archive has no election');
      const ctx = loadElectionOrFail(electionRaw);
      if (
        !Array.isArray(choices) ||
        !choices.every((row) => Array.isArray(row) && row.every(Number.isInteger))
      ) {
        fail('choices must be an array of arrays of integers');
      }
      const problem = checkPlaintext(ctx, choices as number[][]);
      if (problem) fail(`invalid choices: ${problem}`);
      process.stdout.write(
        `${serializeBallot(createBallot(ctx, credential.credential, choices as number[][]))}\n`,
      );
    });

  election
    .command('verify')
    .description('perform all possible verifications')
    .option('--dir <DIR>', 'election directory', '.')
    .option('--json', 'print a machine-readable report on standard output')
    .action(verifyElectionDir);

  election
    .command('verify-diff')
    .description('check that DIR2 is a valid update of DIR1 (nothing removed or changed)')
    .option('--dir1 <DIR1>', 'first (older) directory')
    .option('--dir2 <DIR2>', 'second (newer) directory')
    .action(async (options: { dir1?: string; dir2?: string }) => {
      if (!options.dir1 || !options.dir2) fail('--dir1 and --dir2 are mandatory');
      const older = loadArchive(options.dir1).archive;
      const newer = loadArchive(options.dir2).archive;
      const problem = archiveDiffProblem(older, newer);
      if (problem) fail(problem);
      const report = await verifyArchive(newer, await ballotChecker());
      if (!report.ok) fail(`${options.dir2}: ${report.failure!.message}`);
      info('all checks passed');
    });

  election
    .command('compute-encrypted-tally')
    .description('compute the encrypted tally of the election')
    .option('--dir <DIR>', 'election directory', '.')
    .action(async (options: { dir: string }) => {
      const { state, report } = await verifiedBoard(options.dir);
      if (report.phase !== 'ended')
        fail(
          report.phase === 'voting'
            ? 'the voting phase has not ended (no EndBallots event)'
            : 'the encrypted tally already exists',
        );
      const tallied = state.box.tallied();
      const tally = encode(encryptedTallyCodec, computeEncryptedTally(state.ctx, tallied));
      const totalWeight = tallied.reduce((sum, b) => sum + b.weight, 0n);
      process.stdout.write(`${tally}\n`);
      process.stdout.write(
        `${encode(sizedEncryptedTallyCodec, { num_tallied: tallied.length, total_weight: totalWeight, encrypted_tally: sha256Hex(tally) })}\n`,
      );
    });

  election
    .command('decrypt')
    .description("compute a trustee's partial decryption (run by each trustee)")
    .option('--dir <DIR>', 'election directory', '.')
    .option('--privkey <PRIV_KEY>', 'private key file')
    .option('--trustee-id <TRUSTEE-ID>', 'trustee identifier (1-based over the trustees list)')
    .action(async (options: { dir: string; privkey?: string; trusteeId?: string }) => {
      if (!options.privkey) fail('--privkey is mandatory');
      const trusteeId = parseTrusteeId(options.trusteeId);
      const x = readPrivateKey(options.privkey);
      info(`loading ${options.privkey}...`);
      emitPartialDecryption(await verifiedBoard(options.dir), trusteeId, x);
    });

  election
    .command('shuffle')
    .description(
      'shuffle the non-homomorphic ciphertexts and print the shuffle (with its proof) and its owned_shuffle',
    )
    .option('--dir <DIR>', 'election directory', '.')
    .option('--trustee-id <TRUSTEE-ID>', 'trustee identifier (1-based over the trustees list)')
    .action(async (options: { dir: string; trusteeId?: string }) => {
      const trusteeId = parseTrusteeId(options.trusteeId);
      emitShuffle(await verifiedBoard(options.dir), trusteeId);
    });

  election
    .command('compute-result')
    .description('combine the partial decryptions and print the result')
    .option('--dir <DIR>', 'election directory', '.')
    .action(async (options: { dir: string }) => {
      const { state } = await verifiedBoard(options.dir);
      if (!state.tally) fail('the encrypted tally has not been computed yet');
      const combined = combineFactors(state.ctx.group, state.trustees, state.shares, state.tally);
      if (!combined.ok) fail(combined.problem);
      const tallied = state.box.tallied();
      const totalWeight = tallied.reduce((sum, b) => sum + b.weight, 0n);
      const computed = computeResult(state.ctx, state.tally, combined.factors, totalWeight);
      if (!computed.ok) fail(computed.problem);
      process.stdout.write(`${JSON.stringify({ result: resultToJson(computed.result) })}\n`);
    });
  return election;
}

/** verify-diff (spec §3.5.1 step 2): the older board's events and data are all in the newer one, in place. */
export function archiveDiffProblem(older: ParsedArchive, newer: ParsedArchive): string | undefined {
  if (older.header.timestamp !== newer.header.timestamp) return 'the two archives have different headers';
  for (let i = 0; i < older.events.length; i++) {
    if (newer.events[i]?.hash !== older.events[i]!.hash) {
      return `event ${older.events[i]!.hash} (height ${i}) of the first archive is missing or changed in the second`;
    }
  }
  for (const hash of older.data.keys())
    if (!newer.data.has(hash)) return `data ${hash} of the first archive is missing in the second`;
  return undefined;
}
