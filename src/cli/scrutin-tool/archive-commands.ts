/**
 * `scrutin-tool archive …`: create `UUID.bel` from the setup files and append events to it. Every
 * payload is checked before anything is written, so a bad input leaves the archive untouched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { encode } from '../../core/codec.js';
import { ArchiveAppender, parseArchive } from '../../protocol/archive/archive.js';
import type { BallotCheck } from '../../protocol/ballot.js';
import {
  EVENT_TYPES,
  type EventType,
  publicCredentialsCodec,
  setupDataCodec,
  trusteesCodec,
} from '../../protocol/messages.js';
import { parsePublicCredentials } from '../../protocol/public-credentials.js';
import { stripLogins } from '../../protocol/setup.js';
import { checkTrustees } from '../../protocol/trustees.js';
import { type BallotBatchChecker, inProcessChecker, verifyArchive } from '../../protocol/verifier.js';
import { appendToArchive, fail, loadArchive, nonEmptyLines, readStdin, readText, writePublic } from './io.js';
import { decodeOrFail, loadElectionOrFail } from './setup-commands.js';

export function registerArchiveCommands(program: Command): void {
  const archive = program.command('archive').description('manage archives');

  archive
    .command('init')
    .description('create UUID.bel from election setup files')
    .option('--dir <DIR>', 'election directory', '.')
    .option('--election <ELECTION>', 'election parameters', 'election.json')
    .option('--public-creds <PUBLIC-CREDS>', 'public credentials', 'public_creds.json')
    .option('--trustees <TRUSTEES>', 'trustees', 'trustees.json')
    .action((options: { dir: string; election: string; publicCreds: string; trustees: string }) => {
      const at = (file: string) => (file.startsWith('/') ? file : join(options.dir, file));
      const electionRaw = readText(at(options.election), 'election file').trim();
      const ctx = loadElectionOrFail(electionRaw);
      const trustees = decodeOrFail(
        trusteesCodec,
        readText(at(options.trustees), 'trustees file'),
        'trustees',
      );
      const checked = checkTrustees(ctx.group, trustees);
      if (!checked.ok) fail(`invalid trustees: ${checked.problem}`);
      if (checked.set.electionKey !== ctx.y) fail('election public key does not match the trustees');
      const withLogins = decodeOrFail(
        publicCredentialsCodec,
        readText(at(options.publicCreds), 'public credentials file'),
        'public credentials',
      );
      const credentials = stripLogins(withLogins);
      const eligibility = parsePublicCredentials(ctx.group, credentials);
      if (!eligibility.ok) fail(`invalid public credentials: ${eligibility.problem}`);
      const path = join(options.dir, `${ctx.election.uuid}.bel`);
      if (existsSync(path)) fail(`${path} already exists`);
      const appender = ArchiveAppender.create(Math.floor(Date.now() / 1000));
      const election = appender.addData(electionRaw);
      const trusteesHash = appender.addData(encode(trusteesCodec, trustees));
      const credentialsHash = appender.addData(JSON.stringify(credentials));
      const setup = appender.addData(
        encode(setupDataCodec, { election, trustees: trusteesHash, credentials: credentialsHash }),
      );
      appender.addEvent('Setup', setup);
      writePublic(path, '');
      appendToArchive(path, appender.take());
    });

  archive
    .command('add-event')
    .description('append an event to UUID.bel; stdin lines are added first, the last one is the payload')
    .option('--dir <DIR>', 'election directory', '.')
    .option('--type <TYPE>', 'type of event')
    .action(async (options: { dir: string; type?: string }) => {
      const type = options.type as EventType | undefined;
      if (!type || !EVENT_TYPES.includes(type)) fail(`--type must be one of ${EVENT_TYPES.join(', ')}`);
      if (type === 'Setup') fail('the Setup event is written by "archive init"');
      const lines = nonEmptyLines(readStdin());
      if ((type === 'EndBallots' || type === 'EndShuffles') && lines.length > 0)
        fail(`a ${type} event has no payload`);
      if (type === 'Ballot' && lines.length !== 1) fail('a Ballot event takes exactly one ballot on stdin');
      const { path, archive: parsed, bytes: current } = loadArchive(options.dir);
      const appender = ArchiveAppender.after(parsed);
      let payload: string | undefined;
      for (const line of lines) payload = appender.addData(line);
      appender.addEvent(type, payload);
      const bytes = appender.take();
      // Replay the board with the new event before touching the file: an event that does not fit
      // (bad ballot, unknown credential, replay, wrong tally…) is refused and nothing is written.
      // Ballots already on the board are trusted here (`election verify` checks them); the new one is not.
      const next = new Uint8Array(current.length + bytes.length);
      next.set(current);
      next.set(bytes, current.length);
      const previousBallots = parsed.events.filter((r) => r.event.type === 'Ballot').length;
      const report = await verifyArchive(parseArchive(next), checkOnlyFrom(previousBallots));
      if (!report.ok) fail(`refusing ${type} event: ${report.failure!.message}`);
      appendToArchive(path, bytes);
    });
}

/** A batch checker that trusts the first `start` ballots and fully checks the rest. */
function checkOnlyFrom(start: number): BallotBatchChecker {
  return async (ctx, raws) => {
    const checked = await inProcessChecker(ctx, raws.slice(start));
    return [...raws.slice(0, start).map((): BallotCheck => ({ ok: true })), ...checked];
  };
}
