/**
 * The file formats of `belenios-tool setup generate-trustee-key-threshold --step 1..6`, run in
 * memory: names `<sha256(cert message)>.{cert,key,vinput,dkey}`, modes, one compact JSON value per
 * line with a final newline, and stdout of steps 3, 5, 6. (Interop with the real tool is in
 * belenios-tool.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { Secret } from '../../core/secret.js';
import { signedMsgCodec, thresholdParametersCodec } from '../messages.js';
import { checkTrustees } from '../trustees.js';
import { certId } from './pki.js';
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

const text = (file: ToolFile) => (file.content instanceof Secret ? file.content.reveal() : file.content);

function ok(result: ToolStepResult): { files: ToolFile[]; stdout: string } {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

describe('generate-trustee-key-threshold steps 1–6, file formats', () => {
  const group = requireGroup('BELENIOS-2048');

  it('runs a 2-of-3 setup from files to threshold.json and .dkey files', () => {
    const trustees = [0, 1, 2].map(() => thresholdKeyStep1(group));
    for (const { id, files, stdout } of trustees) {
      expect(stdout).toBe('');
      const [cert, key] = files as [ToolFile, ToolFile];
      expect(cert).toMatchObject({ name: `${id}.cert`, mode: 0o444 });
      expect(key).toMatchObject({ name: `${id}.key`, mode: 0o400 });
      expect(key.content).toBeInstanceOf(Secret);
      expect(text(key)).toMatch(/^[1-9A-HJ-NP-Za-km-z]{22}\n$/);
      expect(text(cert).endsWith('}\n')).toBe(true);
      expect(certId(decodeText(signedMsgCodec, text(cert).trimEnd(), 'cert'))).toBe(id);
    }
    // `cat *.cert > certs.jsons`
    const ordered = [...trustees].sort((a, b) => (a.id < b.id ? -1 : 1));
    const certs = ordered.map((t) => text(t.files[0]!)).join('');
    const keys = ordered.map((t) => text(t.files[1]!));
    expect(thresholdKeyStep2(group, { certs })).toEqual({ ok: true, files: [], stdout: '' });

    const polynomials = keys
      .map((key) => ok(thresholdKeyStep3(group, { certs, key, threshold: 2 })).stdout)
      .join('');
    expect(polynomials.split('\n')).toHaveLength(4);

    const vinputs = ok(thresholdKeyStep4(group, { certs, polynomials })).files;
    expect(vinputs.map((f) => [f.name, f.mode])).toEqual(ordered.map((t) => [`${t.id}.vinput`, 0o444]));

    const voutputs = vinputs
      .map((vinput, j) => ok(thresholdKeyStep5(group, { certs, key: keys[j]!, vinput: text(vinput) })).stdout)
      .join('');
    const step6 = ok(thresholdKeyStep6(group, { certs, polynomials, voutputs }));
    expect(step6.files.map((f) => [f.name, f.mode])).toEqual(ordered.map((t) => [`${t.id}.dkey`, 0o400]));
    expect(step6.stdout.endsWith('\n')).toBe(true);
    const parameters = decodeText(thresholdParametersCodec, step6.stdout, 'threshold.json');
    expect(parameters.threshold).toBe(2);
    expect(checkTrustees(group, [['Pedersen', parameters]]).ok).toBe(true);

    step6.files.forEach((dkey, j) => {
      const opened = decryptTrusteeShare(group, keys[j]!, text(dkey));
      if (!opened.ok) throw new Error(opened.problem);
      expect(opened.publicKey).toBe(parameters.verification_keys[j]!.public_key);
    });
  });

  it('reports unreadable input by file and line', () => {
    const { files } = thresholdKeyStep1(group);
    const certs = text(files[0]!);
    expect(thresholdKeyStep2(group, { certs: '' })).toEqual({ ok: false, problem: 'certs: no certificate' });
    expect(thresholdKeyStep2(group, { certs: `${certs}{"message":1}\n` })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('certs line 2'),
    });
    expect(thresholdKeyStep3(group, { certs, key: 'short', threshold: 1 }).ok).toBe(false);
    expect(thresholdKeyStep4(group, { certs, polynomials: '' })).toEqual({
      ok: false,
      problem: 'expected 1 polynomials, got 0',
    });
  });
});
