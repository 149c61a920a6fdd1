/**
 * Interop with the real `belenios-tool` 2.0 (skipped when /usr/bin/belenios-tool is absent): a 2-of-3
 * `setup generate-trustee-key-threshold` run in a temporary directory where the tool and our
 * functions take turns — two certificates from the tool and one from us, polynomials and voutputs
 * from both — and where the deterministic steps (4: vinputs, 6: threshold.json and .dkey files) must
 * give byte-identical files from both. Then a one-ballot election is tallied by the tool with
 * `decrypt-threshold` on a .dkey we sealed (our AES-CCM and channel) and one it sealed, and both the
 * tool's `election verify` and our verifier accept the archive.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, encode } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { Secret } from '../../core/secret.js';
import { parseArchive } from '../archive/archive.js';
import { signedMsgCodec, thresholdParametersCodec } from '../messages.js';
import { checkTrustees } from '../trustees.js';
import { verifyArchive } from '../verifier.js';
import { decryptTrusteeShare } from './share.js';
import {
  type ToolFile,
  type ToolStepResult,
  thresholdKeyStep1,
  thresholdKeyStep2,
  thresholdKeyStep3,
  thresholdKeyStep4,
  thresholdKeyStep5,
  thresholdKeyStep6,
} from './tool-steps.js';

const TOOL = '/usr/bin/belenios-tool';
const GROUP = 'BELENIOS-2048';
const TEMPLATE =
  '{"description":"Interop","name":"Interop","questions":[{"answers":["A","B","C"],"min":1,"max":1,"question":"Q1"},{"answers":["X","Y","Z"],"blank":true,"min":1,"max":2,"question":"Q2"}]}';
const VOTE = [
  [0, 1, 0],
  [0, 1, 0, 1],
];

describe.skipIf(!existsSync(TOOL))('interop with belenios-tool 2.0: generate-trustee-key-threshold', () => {
  const group = requireGroup(GROUP);
  const dir = mkdtempSync(join(tmpdir(), 'scrutin-threshold-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[], stdin = ''): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(TOOL, args, {
      cwd: dir,
      input: stdin,
      encoding: 'utf8',
      env: { ...process.env, BELENIOS_USE_URANDOM: '1' },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  function tool(args: string[], stdin = ''): string {
    const result = run(args, stdin);
    if (result.status !== 0) throw new Error(`belenios-tool ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }
  const ttkeygen = (args: string[], stdin = '') =>
    tool(['setup', 'generate-trustee-key-threshold', '--group', GROUP, ...args], stdin);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const write = (file: ToolFile) =>
    writeFileSync(
      join(dir, file.name),
      file.content instanceof Secret ? file.content.reveal() : file.content,
      {
        mode: file.mode,
      },
    );
  const ok = (result: ToolStepResult) => {
    if (!result.ok) throw new Error(result.problem);
    return result;
  };
  const ids = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.cert'))
      .map((name) => name.slice(0, -'.cert'.length))
      .sort();

  it('runs steps 1–6 mixing the tool and us, with identical vinputs, threshold.json and .dkey files', () => {
    // Step 1: two trustees use the tool, one uses us.
    ttkeygen(['--step', '1']);
    ttkeygen(['--step', '1']);
    const ours = thresholdKeyStep1(group);
    ours.files.forEach(write);
    const order = ids();
    expect(order).toHaveLength(3);
    const certs = order.map((id) => read(`${id}.cert`)).join('');
    writeFileSync(join(dir, 'certs.jsons'), certs);
    const keyOf = (j: number) => read(`${order[j]}.key`);

    // Step 2: both accept the certificates.
    ttkeygen(['--certs', 'certs.jsons', '--step', '2']);
    expect(thresholdKeyStep2(group, { certs }).ok).toBe(true);

    // Step 3: polynomials alternately by the tool and by us, whoever made the key.
    const polynomials = order
      .map((id, j) =>
        j % 2 === 0
          ? ttkeygen(['--certs', 'certs.jsons', '--key', `${id}.key`, '--step', '3', '--threshold', '2'])
          : ok(thresholdKeyStep3(group, { certs, key: keyOf(j), threshold: 2 })).stdout,
      )
      .join('');
    writeFileSync(join(dir, 'polynomials.jsons'), polynomials);

    // Step 4 is deterministic: same files.
    ttkeygen(['--certs', 'certs.jsons', '--step', '4', '--polynomials', 'polynomials.jsons']);
    const vinputs = ok(thresholdKeyStep4(group, { certs, polynomials })).files;
    expect(vinputs.map((f) => f.name)).toEqual(order.map((id) => `${id}.vinput`));
    for (const file of vinputs) expect(file.content).toBe(read(file.name));

    // Step 5: voutputs alternately by us and by the tool.
    const voutputs = order
      .map((id, j) =>
        j % 2 === 0
          ? ok(thresholdKeyStep5(group, { certs, key: keyOf(j), vinput: read(`${id}.vinput`) })).stdout
          : ttkeygen(['--certs', 'certs.jsons', '--key', `${id}.key`, '--step', '5'], read(`${id}.vinput`)),
      )
      .join('');

    // Step 6 is deterministic too: same threshold.json and .dkey files.
    const thresholdJson = ttkeygen(
      ['--certs', 'certs.jsons', '--step', '6', '--polynomials', 'polynomials.jsons'],
      voutputs,
    );
    writeFileSync(join(dir, 'threshold.json'), thresholdJson);
    const step6 = ok(thresholdKeyStep6(group, { certs, polynomials, voutputs }));
    expect(step6.stdout).toBe(thresholdJson);
    for (const file of step6.files) expect(file.content).toBe(read(file.name));

    const parameters = decodeText(thresholdParametersCodec, thresholdJson, 'threshold.json');
    expect(checkTrustees(group, [['Pedersen', parameters]]).ok).toBe(true);
    order.forEach((id, j) => {
      const opened = decryptTrusteeShare(group, keyOf(j), read(`${id}.dkey`));
      if (!opened.ok) throw new Error(opened.problem);
      expect(opened.publicKey).toBe(parameters.verification_keys[j]!.public_key);
    });

    // Both refuse a certificate list where one signature was replaced.
    const forged = certs.split('\n');
    const first = decodeText(signedMsgCodec, forged[0]!, 'cert');
    const second = decodeText(signedMsgCodec, forged[1]!, 'cert');
    forged[0] = encode(signedMsgCodec, { ...first, signature: second.signature });
    writeFileSync(join(dir, 'forged.jsons'), forged.join('\n'));
    expect(
      run([
        'setup',
        'generate-trustee-key-threshold',
        '--group',
        GROUP,
        '--certs',
        'forged.jsons',
        '--step',
        '2',
      ]).status,
    ).not.toBe(0);
    expect(thresholdKeyStep2(group, { certs: forged.join('\n') }).ok).toBe(false);
    // Both refuse voutputs out of order at step 6.
    const swapped = voutputs.split('\n');
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(
      run(
        [
          'setup',
          'generate-trustee-key-threshold',
          '--group',
          GROUP,
          '--certs',
          'certs.jsons',
          '--step',
          '6',
          '--polynomials',
          'polynomials.jsons',
        ],
        swapped.join('\n'),
      ).status,
    ).not.toBe(0);
    expect(thresholdKeyStep6(group, { certs, polynomials, voutputs: swapped.join('\n') }).ok).toBe(false);
  });

  it('lets the tool tally with a .dkey sealed by us and one sealed by itself; both verifiers accept', async () => {
    const order = ids();
    writeFileSync(join(dir, 'public_keys.jsons'), '');
    tool(['setup', 'make-trustees']);
    const uuid = tool(['setup', 'generate-token']).trim();
    tool(['setup', 'generate-credentials', '--uuid', uuid, '--group', GROUP, '--count', '1']);
    const privateCredentials = readdirSync(dir).find((name) => name.endsWith('.privcreds'))!;
    const publicCredentials = readdirSync(dir).find((name) => name.endsWith('.pubcreds'))!;
    writeFileSync(join(dir, 'public_creds.json'), read(publicCredentials));
    writeFileSync(join(dir, 'template.json'), TEMPLATE);
    tool(['setup', 'make-election', '--uuid', uuid, '--group', GROUP, '--template', 'template.json']);
    tool(['archive', 'init']);
    for (const name of ['election.json', 'trustees.json', 'public_creds.json']) rmSync(join(dir, name));

    const credential = read(privateCredentials).trim().split(/\s+/)[1]!;
    writeFileSync(join(dir, 'credential'), `${credential}\n`);
    writeFileSync(join(dir, 'vote.json'), `${JSON.stringify(VOTE)}\n`);
    const ballot = tool(['election', 'generate-ballot', '--privcred', 'credential', '--ballot', 'vote.json']);
    tool(['archive', 'add-event', '--type=Ballot'], ballot);
    tool(['archive', 'add-event', '--type=EndBallots']);
    tool(['archive', 'add-event', '--type=EncryptedTally'], tool(['election', 'compute-encrypted-tally']));
    // Trustee 1's voutput (hence .dkey) was made by us at step 5, trustee 2's by the tool.
    for (const j of [0, 1]) {
      const id = order[j]!;
      const partial = tool([
        'election',
        'decrypt-threshold',
        '--key',
        `${id}.key`,
        '--decryption-key',
        `${id}.dkey`,
        '--trustee-id',
        String(j + 1),
      ]);
      tool(['archive', 'add-event', '--type=PartialDecryption'], partial);
    }
    tool(['archive', 'add-event', '--type=Result'], tool(['election', 'compute-result']));
    const verify = run(['election', 'verify']);
    expect(verify.status).toBe(0);
    expect(verify.stderr + verify.stdout).toContain('all checks passed');

    const report = await verifyArchive(parseArchive(new Uint8Array(readFileSync(join(dir, `${uuid}.bel`)))));
    expect(report.failure).toBeUndefined();
    expect(report.result).toEqual(VOTE);
  });
});
