/**
 * `scrutin-tool setup …`: what the credential authority, the trustees and the administrator run to
 * prepare an election, with belenios-tool's options, file names and outputs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DecodeError, decodeText, encode } from '../../core/codec.js';
import { parsePrivateCredential, publicCredential } from '../../core/credential.js';
import { type Group, groupByName } from '../../core/group.js';
import { type ElectionContext, loadElection } from '../../protocol/election.js';
import {
  electionTemplateCodec,
  isHomomorphic,
  type TrusteePublicKey,
  thresholdParametersCodec,
  trusteePublicKeyCodec,
  trusteesCodec,
} from '../../protocol/messages.js';
import {
  generateCredentials,
  generateToken,
  generateTrusteeKey,
  makeElection,
  makeTrustees,
  parseVoterLines,
  serializeTrusteePublicKey,
  type VoterIdentity,
  votersByCount,
} from '../../protocol/setup.js';
import { fail, nonEmptyLines, readText, writePrivate, writePublic } from './io.js';

export function requireGroupOption(name: string | undefined): Group {
  if (!name) fail('--group is mandatory');
  const group = groupByName(name);
  if (!group) fail(`unknown group: ${name} (known: BELENIOS-2048, RFC-3526-2048)`);
  return group;
}

export function requireUuid(uuid: string | undefined): string {
  if (!uuid) fail('--uuid is mandatory');
  if (!/^[1-9A-HJ-NP-Za-km-z]{14,}$/.test(uuid))
    fail(`invalid UUID ${uuid}: expected at least 14 Base58 characters`);
  return uuid;
}

export function loadElectionOrFail(raw: string): ElectionContext {
  try {
    return loadElection(raw);
  } catch (error) {
    if (error instanceof DecodeError) fail(`invalid election: ${error.message}`);
    throw error;
  }
}

export function decodeOrFail<T>(codec: Parameters<typeof decodeText<T>>[0], text: string, what: string): T {
  try {
    return decodeText(codec, text.trim(), what);
  } catch (error) {
    if (error instanceof DecodeError) fail(`invalid ${what}: ${error.message}`);
    throw error;
  }
}

export function registerSetupCommands(program: Command): Command {
  const setup = program.command('setup').description('election setup commands');

  setup
    .command('generate-token')
    .description('generate a random election identifier')
    .option('--length <L>', 'token length', '14')
    .action((options: { length: string }) => {
      const length = Number(options.length);
      if (!Number.isInteger(length) || length < 1) fail('--length must be a positive integer');
      process.stdout.write(`${generateToken(length)}\n`);
    });

  setup
    .command('generate-credentials')
    .description('generate voter credentials (credential authority)')
    .option('--count <N>', 'generate N credentials')
    .option('--file <FILE>', 'read identities (email[,login[,weight]]) from FILE')
    .option('--derive <PRIVATE_CRED>', 'print the public credential of PRIVATE_CRED')
    .option('--dir <DIR>', 'directory for the generated files', '.')
    .option('--group <GROUP>', 'group')
    .option('--uuid <UUID>', 'UUID of the election')
    .option('--protocol-version <VERSION>', 'protocol version', '1')
    .action(
      (options: {
        count?: string;
        file?: string;
        derive?: string;
        dir: string;
        group?: string;
        uuid?: string;
      }) => {
        const group = requireGroupOption(options.group);
        const uuid = requireUuid(options.uuid);
        if (options.derive !== undefined) {
          const parsed = parsePrivateCredential(options.derive);
          if (!parsed.ok) fail(`invalid private credential (${parsed.error})`);
          process.stdout.write(`${publicCredential(parsed.credential, uuid, group)}\n`);
          return;
        }
        let voters: VoterIdentity[];
        if (options.file !== undefined) {
          const parsed = parseVoterLines(nonEmptyLines(readText(options.file, 'identity file')));
          if (!parsed.ok) fail(`${options.file}: ${parsed.problem}`);
          voters = parsed.voters;
        } else if (options.count !== undefined) {
          const count = Number(options.count);
          if (!Number.isInteger(count) || count < 1) fail('--count must be a positive integer');
          voters = votersByCount(count);
        } else {
          fail('--count or --file is mandatory');
        }
        const generated = generateCredentials(uuid, group, voters);
        const stamp = Math.floor(Date.now() / 1000);
        const privPath = join(options.dir, `${stamp}.privcreds`);
        const pubPath = join(options.dir, `${stamp}.pubcreds`);
        if (existsSync(privPath) || existsSync(pubPath)) fail(`${privPath} already exists`);
        writePrivate(
          privPath,
          generated.privateCredentials
            .map(({ voter, credential }) => `${voter.id} ${credential.reveal()}\n`)
            .join(''),
        );
        writePublic(pubPath, JSON.stringify(generated.publicWithLogins));
        const n = voters.length;
        process.stdout.write(
          `${n} private credentials with ids saved to ${privPath.startsWith('/') ? privPath : `./${privPath.replace(/^\.\//, '')}`}\n`,
        );
        process.stdout.write(
          `${n} public credentials saved to ${pubPath.startsWith('/') ? pubPath : `./${pubPath.replace(/^\.\//, '')}`}\n`,
        );
        process.stdout.write(`The fingerprint of public credentials is ${generated.fingerprint}\n`);
      },
    );

  setup
    .command('generate-trustee-key')
    .description('generate a trustee key pair (private key stays with the trustee)')
    .option('--group <GROUP>', 'group')
    .option('--protocol-version <VERSION>', 'protocol version', '1')
    .action((options: { group?: string }) => {
      const group = requireGroupOption(options.group);
      const { privateKey, publicKey, id } = generateTrusteeKey(group);
      writePublic(`${id}.pubkey`, `${serializeTrusteePublicKey(publicKey)}\n`);
      writePrivate(`${id}.privkey`, `"${privateKey.reveal()}"\n`);
      process.stdout.write(`I: keypair ${id} has been generated\n`);
      process.stdout.write(`I: public key saved to ${id}.pubkey\n`);
      process.stdout.write(`I: private key saved to ${id}.privkey\n`);
    });

  setup
    .command('make-trustees')
    .description('build trustees.json from public_keys.jsons and threshold.json (if any)')
    .option('--dir <DIR>', 'election directory', '.')
    .action((options: { dir: string }) => {
      const keysPath = join(options.dir, 'public_keys.jsons');
      const thresholdPath = join(options.dir, 'threshold.json');
      const singles: TrusteePublicKey[] = existsSync(keysPath)
        ? nonEmptyLines(readText(keysPath, 'public keys file')).map((line, i) =>
            decodeOrFail(trusteePublicKeyCodec, line, `public key ${i + 1} of public_keys.jsons`),
          )
        : [];
      const threshold = existsSync(thresholdPath)
        ? decodeOrFail(thresholdParametersCodec, readText(thresholdPath, 'threshold file'), 'threshold.json')
        : undefined;
      if (singles.length === 0 && !threshold) fail('neither public_keys.jsons nor threshold.json found');
      writePublic(
        join(options.dir, 'trustees.json'),
        encode(trusteesCodec, makeTrustees(singles, threshold)),
      );
    });

  setup
    .command('make-election')
    .description('build election.json from a template and the trustees')
    .option('--dir <DIR>', 'election directory', '.')
    .option('--group <GROUP>', 'group')
    .option('--uuid <UUID>', 'UUID of the election')
    .option('--template <TEMPLATE>', 'election template file')
    .option('--protocol-version <VERSION>', 'protocol version', '1')
    .action((options: { dir: string; group?: string; uuid?: string; template?: string }) => {
      const group = requireGroupOption(options.group);
      const uuid = requireUuid(options.uuid);
      if (!options.template) fail('--template is mandatory');
      const template = decodeOrFail(
        electionTemplateCodec,
        readText(options.template, 'template'),
        'template',
      );
      // Their ballots must be shuffled before decryption (spec §3.4), which scrutin-tool cannot do yet:
      // refused up front rather than after the vote (issue 15).
      const nonHomomorphic = template.questions.flatMap((q, i) => (isHomomorphic(q) ? [] : [i + 1]));
      if (nonHomomorphic.length > 0)
        fail(
          `non-homomorphic questions are not supported yet (question ${nonHomomorphic.join(', ')}): their ballots must be shuffled before decryption, which this version cannot do; use belenios-tool for such an election`,
        );
      const trusteesPath = join(options.dir, 'trustees.json');
      const trustees = decodeOrFail(trusteesCodec, readText(trusteesPath, 'trustees file'), 'trustees.json');
      const made = makeElection(template, uuid, group, trustees);
      if (!made.ok) fail(`invalid trustees: ${made.problem}`);
      try {
        loadElection(made.raw);
      } catch (error) {
        if (error instanceof DecodeError) fail(`invalid template: ${error.message}`);
        throw error;
      }
      writePublic(join(options.dir, 'election.json'), made.raw);
    });
  return setup;
}
