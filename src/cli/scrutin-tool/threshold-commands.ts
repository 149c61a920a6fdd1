/**
 * Threshold (Pedersen) trustees on the command line: `setup generate-trustee-key-threshold --step 1…6`
 * and `election decrypt-threshold`. The protocol is in src/protocol/threshold; this only moves bytes
 * between files, standard input and output, with belenios-tool's names and permissions.
 */
import type { Command } from 'commander';
import { decryptTrusteeShare } from '../../protocol/threshold/share.js';
import {
  type ToolFile,
  type ToolStepResult,
  thresholdKeyStep1,
  thresholdKeyStep2,
  thresholdKeyStep3,
  thresholdKeyStep4,
  thresholdKeyStep5,
  thresholdKeyStep6,
} from '../../protocol/threshold/tool-steps.js';
import { emitPartialDecryption, verifiedBoard } from './election-commands.js';
import { fail, info, readStdin, readText, writePrivate, writePublic } from './io.js';
import { requireGroupOption } from './setup-commands.js';

interface StepOptions {
  group?: string;
  step?: string;
  certs?: string;
  key?: string;
  threshold?: string;
  polynomials?: string;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined) fail(`${option} is mandatory for this step`);
  return value;
}

function writeFiles(files: readonly ToolFile[]): void {
  for (const file of files) {
    const content = typeof file.content === 'string' ? file.content : file.content.reveal();
    if (file.mode === 0o400) writePrivate(file.name, content);
    else writePublic(file.name, content);
  }
}

function runStep(options: StepOptions): ToolStepResult {
  const group = requireGroupOption(options.group);
  const certs = () => readText(required(options.certs, '--certs'), 'certificates file');
  const key = () => readText(required(options.key, '--key'), 'key file');
  const polynomials = () => readText(required(options.polynomials, '--polynomials'), 'polynomials file');
  switch (options.step) {
    case '1': {
      const made = thresholdKeyStep1(group);
      info(`certificate ${made.id} has been generated`);
      return made;
    }
    case '2':
      return thresholdKeyStep2(group, { certs: certs() });
    case '3': {
      const threshold = Number(required(options.threshold, '--threshold'));
      if (!Number.isInteger(threshold) || threshold < 1) fail('--threshold must be a positive integer');
      return thresholdKeyStep3(group, { certs: certs(), key: key(), threshold });
    }
    case '4':
      return thresholdKeyStep4(group, { certs: certs(), polynomials: polynomials() });
    case '5':
      return thresholdKeyStep5(group, { certs: certs(), key: key(), vinput: readStdin() });
    case '6':
      return thresholdKeyStep6(group, { certs: certs(), polynomials: polynomials(), voutputs: readStdin() });
    default:
      return fail('--step must be 1, 2, 3, 4, 5 or 6');
  }
}

export function registerThresholdCommands(setup: Command, election: Command): void {
  setup
    .command('generate-trustee-key-threshold')
    .description('threshold (Pedersen) key establishment, one step at a time (run by each trustee)')
    .option('--group <GROUP>', 'group')
    .option('--step <STEP>', 'step to execute (1 to 6)')
    .option('--certs <CERTS>', 'file with the certificates, one per line')
    .option('--key <KEY>', 'file with the trustee key (seed)')
    .option('--threshold <T>', 'number of trustees needed to decrypt')
    .option('--polynomials <POLYNOMIALS>', 'file with the polynomials, one per line')
    .option('--protocol-version <VERSION>', 'protocol version', '1')
    .action((options: StepOptions) => {
      const result = runStep(options);
      if (!result.ok) fail(result.problem);
      writeFiles(result.files);
      process.stdout.write(result.stdout);
    });

  election
    .command('decrypt-threshold')
    .description("compute a threshold trustee's partial decryption")
    .option('--dir <DIR>', 'election directory', '.')
    .option('--key <KEY>', 'file with the trustee key (seed)')
    .option('--decryption-key <KEY>', 'file with the encrypted decryption key (.dkey)')
    .option('--trustee-id <TRUSTEE-ID>', 'trustee identifier (1-based over the trustees list)')
    .action(async (options: { dir: string; key?: string; decryptionKey?: string; trusteeId?: string }) => {
      const trusteeId = Number(options.trusteeId);
      if (!options.trusteeId || !Number.isInteger(trusteeId) || trusteeId < 1)
        fail('--trustee-id must be a positive integer');
      const keyFile = readText(required(options.key, '--key'), 'key file');
      const dkeyFile = readText(required(options.decryptionKey, '--decryption-key'), 'decryption key file');
      const board = await verifiedBoard(options.dir);
      const opened = decryptTrusteeShare(board.state.ctx.group, keyFile, dkeyFile);
      if (!opened.ok) fail(opened.problem);
      emitPartialDecryption(board, trusteeId, opened.share.reveal());
    });
}
