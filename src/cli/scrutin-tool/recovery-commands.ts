/**
 * `scrutin-tool recovery …`: what the credential-recovery officer runs on their own computer. The
 * private key is made and kept here (a file readable by its owner only) and never uploaded; the
 * public key is printed for the election page. Decrypting is a file in, a file out: the escrow batch
 * downloaded from the server becomes the recovered-credentials file the officer uploads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  generateOfficerKey,
  officerKeyFingerprint,
  serializeOfficerPrivateKey,
  serializeOfficerPublicKey,
} from '../../protocol/credential-escrow.js';
import { decryptBatch } from '../../recovery/batch-files.js';
import { fail, info, readText, writePrivate, writePublic } from './io.js';
import { requireGroupOption } from './setup-commands.js';

export const PRIVATE_KEY_FILE = 'recovery.privkey';
export const PUBLIC_KEY_FILE = 'recovery.pubkey';

export function registerRecoveryCommands(program: Command): Command {
  const recovery = program
    .command('recovery')
    .description("credential-recovery officer's commands (server-authority elections)");

  recovery
    .command('generate-key')
    .description('make the recovery key pair: the private key stays in --dir, the public key is printed')
    .option('--group <GROUP>', "the election's group (BELENIOS-2048 or RFC-3526-2048)")
    .option('--dir <DIR>', 'directory for recovery.privkey and recovery.pubkey', '.')
    .action((options: { group?: string; dir: string }) => {
      const group = requireGroupOption(options.group);
      if (!existsSync(options.dir)) fail(`directory ${options.dir} not found`);
      const privatePath = join(options.dir, PRIVATE_KEY_FILE);
      if (existsSync(privatePath)) fail(`${privatePath} exists: refusing to overwrite a private key`);
      const { privateKey, publicKey } = generateOfficerKey(group);
      writePrivate(privatePath, `${serializeOfficerPrivateKey(group, privateKey)}\n`);
      const serialized = serializeOfficerPublicKey(publicKey);
      writePublic(join(options.dir, PUBLIC_KEY_FILE), `${serialized}\n`);
      process.stdout.write(`${serialized}\n`);
      info(`private key in ${privatePath}: keep it offline, never upload it`);
      info(`fingerprint of the public key: ${officerKeyFingerprint(publicKey)}`);
    });

  recovery
    .command('decrypt')
    .description('open the escrow batch downloaded from the server into a recovered-credentials file')
    .option('--key <FILE>', 'your private key (recovery.privkey)')
    .option('--in <FILE>', 'the escrow batch downloaded from the election page')
    .option('--out <FILE>', 'where to write the recovered credentials (to upload, then delete)')
    .action((options: { key?: string; in?: string; out?: string }) => {
      if (!options.key || !options.in || !options.out) fail('--key, --in and --out are mandatory');
      if (existsSync(options.out)) fail(`${options.out} exists: refusing to overwrite it`);
      const opened = decryptBatch(readText(options.key, 'key'), readText(options.in, 'batch'));
      if (!opened.ok) fail(opened.problem);
      writePrivate(options.out, `${opened.output}\n`);
      info(`${opened.logins.length} credential(s) recovered for: ${opened.logins.join(', ') || '(none)'}`);
      info(`upload ${options.out}, then delete it`);
    });
  return recovery;
}
