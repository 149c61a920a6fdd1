/**
 * One online ballot box as an auditor sees it: its Belenios archive, verified in full by the same
 * verifier as `scrutin-tool election verify` (every ballot's proofs, the encrypted tally, each
 * partial decryption and the result), then read into figures. Only a box whose archive verifies to
 * a result yields figures; the registered voters and their weights come from the archive's public
 * credentials, so every number of the box can be recomputed from the archive alone.
 */
import { decodeText } from '../core/codec.js';
import { sha256B64, sha256Hex } from '../core/hash.js';
import { ArchiveFormatError, type ParsedArchive, parseArchive } from '../protocol/archive/archive.js';
import {
  type HomomorphicQuestion,
  isHomomorphic,
  publicCredentialsCodec,
  setupDataCodec,
} from '../protocol/messages.js';
import { weightFromJson } from '../protocol/tally.js';
import { type BallotBatchChecker, verifyArchive } from '../protocol/verifier.js';
import type { BoxFigures } from './figures.js';

export interface VerifiedBox {
  readonly uuid: string;
  readonly name: string;
  readonly questions: readonly HomomorphicQuestion[];
  readonly figures: BoxFigures;
  /** The hashes sealed in the Setup event (Base64 SHA-256 of election, trustees, credentials). */
  readonly sealed: { readonly election: string; readonly trustees: string; readonly credentials: string };
  /** The last event's hash pins the whole board; the file's SHA-256 pins these exact bytes. */
  readonly archive: { readonly finalHash: string; readonly height: number; readonly sha256: string };
}

export type BoxVerification = { ok: true; box: VerifiedBox } | { ok: false; problem: string };

export async function verifyBoxArchive(
  bytes: Uint8Array,
  checker: BallotBatchChecker,
): Promise<BoxVerification> {
  let archive: ParsedArchive;
  try {
    archive = parseArchive(bytes);
  } catch (error) {
    if (error instanceof ArchiveFormatError || (error instanceof Error && error.name === 'DecodeError'))
      return { ok: false, problem: `not a readable archive: ${error.message}` };
    throw error;
  }
  const report = await verifyArchive(archive, checker);
  if (!report.ok || !report.state) {
    const f = report.failure;
    return {
      ok: false,
      problem: `the archive does not verify (${f?.check ?? 'unknown'}: ${f?.message ?? 'no detail'})`,
    };
  }
  if (report.phase !== 'result' || !report.result)
    return { ok: false, problem: `the archive has no result yet (phase ${report.phase})` };
  const { ctx, box, totalWeight } = report.state;
  const questions = ctx.election.questions;
  if (!questions.every(isHomomorphic))
    return { ok: false, problem: 'only homomorphic questions can be consolidated' };
  const setup = archive.events[0]!;
  const setupData = decodeText(setupDataCodec, archive.data.get(setup.event.payload!)!, 'setup_data');
  const trusteesRaw = archive.data.get(setupData.trustees)!;
  const credentialsRaw = archive.data.get(setupData.credentials)!;
  const credentials = decodeText(publicCredentialsCodec, credentialsRaw, 'public_credentials');
  const registeredWeight = credentials.reduce((sum, line) => sum + BigInt(line.split(',')[1] ?? '1'), 0n);
  const counts = report.result.map((row) => (row as unknown[]).map((value) => weightFromJson(value)!));
  const last = archive.events.at(-1)!;
  return {
    ok: true,
    box: {
      uuid: ctx.election.uuid,
      name: ctx.election.name,
      questions: questions as HomomorphicQuestion[],
      figures: {
        registeredVoters: credentials.length,
        registeredWeight,
        ballotsCounted: box.tallied().length,
        weightCast: totalWeight,
        counts,
      },
      sealed: {
        election: sha256B64(ctx.raw),
        trustees: sha256B64(trusteesRaw),
        credentials: sha256B64(credentialsRaw),
      },
      archive: { finalHash: last.hash, height: last.event.height, sha256: sha256Hex(bytes) },
    },
  };
}
