/**
 * `belenios-tool setup generate-trustee-key-threshold --group G --step N` (Belenios 2.0) as pure
 * functions over the contents of the files it reads and writes, so that a CLI (or a test) only has to
 * move bytes. Every file and every stdout line is compact JSON followed by one newline, and
 * multi-line inputs (`--certs`, `--polynomials`, stdin of step 6) hold one JSON value per line, in
 * the order of the certificates. Trustee files are named by `<id>` = hex SHA-256 of the certificate's
 * message (pki.ts `certId`):
 *   1 → writes `<id>.cert` (signed_msg, 0444) and `<id>.key` (the seed, 0400);
 *   2 --certs → checks only;
 *   3 --certs --key --threshold → stdout: one polynomial;
 *   4 --certs --polynomials → writes `<id>.vinput` (0444) for every trustee;
 *   5 --certs --key, stdin: one vinput → stdout: one voutput;
 *   6 --certs --polynomials, stdin: the voutputs → writes `<id>.dkey` (the voutput's private_key,
 *     0400) for every trustee; stdout: threshold_parameters.
 * The protocol itself is in key-establishment.ts (spec §3.1.1, §4.6).
 */
import { type Codec, DecodeError, decodeText, encode } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { type Secret, secret } from '../../core/secret.js';
import {
  polynomialCodec,
  type SignedMsg,
  signedMsgCodec,
  thresholdParametersCodec,
  vinputCodec,
  voutputCodec,
} from '../messages.js';
import {
  checkCertificates,
  makeCertificate,
  makePolynomial,
  makeThresholdParameters,
  makeVinputs,
  makeVoutput,
} from './key-establishment.js';
import { certId, parseSeed } from './pki.js';

/** The `.key` file holds the seed: it stays boxed until the caller writes it on purpose. */
export type KeyFileContent = Secret<string, 'TrusteeKeyFile'>;

export interface ToolFile {
  readonly name: string;
  /** Unix permissions belenios-tool gives the file. */
  readonly mode: 0o444 | 0o400;
  readonly content: string | KeyFileContent;
}

export type ToolStepResult = { ok: true; files: ToolFile[]; stdout: string } | { ok: false; problem: string };

const line = (json: string) => `${json}\n`;

/** One JSON value per line; a final newline and blank lines are ignored. */
function decodeLines<T>(
  codec: Codec<T>,
  text: string,
  what: string,
): { ok: true; values: T[] } | { ok: false; problem: string } {
  const values: T[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    try {
      values.push(decodeText(codec, raw, `${what} line ${i + 1}`));
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, problem: error.message };
      throw error;
    }
  }
  return { ok: true, values };
}

function decodeOne<T>(
  codec: Codec<T>,
  text: string,
  what: string,
): { ok: true; value: T } | { ok: false; problem: string } {
  // Like the tool's read_line: the first line only.
  const first = text.split('\n')[0] ?? '';
  try {
    return { ok: true, value: decodeText(codec, first, what) };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
}

function readCerts(certsFile: string): { ok: true; values: SignedMsg[] } | { ok: false; problem: string } {
  const certs = decodeLines(signedMsgCodec, certsFile, 'certs');
  if (certs.ok && certs.values.length === 0) return { ok: false, problem: 'certs: no certificate' };
  return certs;
}

/** Step 1: a new trustee's `<id>.cert` and `<id>.key`. */
export function thresholdKeyStep1(group: Group): { ok: true; id: string; files: ToolFile[]; stdout: string } {
  const { seed, cert, id } = makeCertificate(group);
  return {
    ok: true,
    id,
    stdout: '',
    files: [
      { name: `${id}.cert`, mode: 0o444, content: line(encode(signedMsgCodec, cert)) },
      { name: `${id}.key`, mode: 0o400, content: secret(line(seed.reveal()), 'TrusteeKeyFile') },
    ],
  };
}

/** Step 2: checks the certificates (`--certs`). */
export function thresholdKeyStep2(group: Group, input: { certs: string }): ToolStepResult {
  const certs = readCerts(input.certs);
  if (!certs.ok) return certs;
  const checked = checkCertificates(group, certs.values);
  if (!checked.ok) return checked;
  return { ok: true, files: [], stdout: '' };
}

/** Step 3: a trustee's polynomial on stdout (`--certs`, `--key`, `--threshold` = t + 1). */
export function thresholdKeyStep3(
  group: Group,
  input: { certs: string; key: string; threshold: number },
): ToolStepResult {
  const certs = readCerts(input.certs);
  if (!certs.ok) return certs;
  const seed = parseSeed(input.key);
  if (!seed.ok) return seed;
  const made = makePolynomial(group, certs.values, seed.seed, input.threshold);
  if (!made.ok) return made;
  return { ok: true, files: [], stdout: line(encode(polynomialCodec, made.polynomial)) };
}

/** Step 4: `<id>.vinput` for every trustee (`--certs`, `--polynomials`). */
export function thresholdKeyStep4(
  group: Group,
  input: { certs: string; polynomials: string },
): ToolStepResult {
  const certs = readCerts(input.certs);
  if (!certs.ok) return certs;
  const polynomials = decodeLines(polynomialCodec, input.polynomials, 'polynomials');
  if (!polynomials.ok) return polynomials;
  const made = makeVinputs(group, certs.values, polynomials.values);
  if (!made.ok) return made;
  const files = made.vinputs.map(
    (vinput, i): ToolFile => ({
      name: `${certId(certs.values[i]!)}.vinput`,
      mode: 0o444,
      content: line(encode(vinputCodec, vinput)),
    }),
  );
  return { ok: true, files, stdout: '' };
}

/** Step 5: a trustee's voutput on stdout (`--certs`, `--key`, its vinput on stdin). */
export function thresholdKeyStep5(
  group: Group,
  input: { certs: string; key: string; vinput: string },
): ToolStepResult {
  const certs = readCerts(input.certs);
  if (!certs.ok) return certs;
  const seed = parseSeed(input.key);
  if (!seed.ok) return seed;
  const vinput = decodeOne(vinputCodec, input.vinput, 'vinput');
  if (!vinput.ok) return vinput;
  const made = makeVoutput(group, certs.values, seed.seed, vinput.value);
  if (!made.ok) return made;
  return { ok: true, files: [], stdout: line(encode(voutputCodec, made.voutput)) };
}

/**
 * Step 6: threshold_parameters on stdout and `<id>.dkey` for every trustee (`--certs`,
 * `--polynomials`, the voutputs on stdin in certificate order).
 */
export function thresholdKeyStep6(
  group: Group,
  input: { certs: string; polynomials: string; voutputs: string },
): ToolStepResult {
  const certs = readCerts(input.certs);
  if (!certs.ok) return certs;
  const polynomials = decodeLines(polynomialCodec, input.polynomials, 'polynomials');
  if (!polynomials.ok) return polynomials;
  const voutputs = decodeLines(voutputCodec, input.voutputs, 'voutputs');
  if (!voutputs.ok) return voutputs;
  const made = makeThresholdParameters(group, certs.values, polynomials.values, voutputs.values);
  if (!made.ok) return made;
  const files = made.encryptedKeys.map(
    (key, i): ToolFile => ({ name: `${certId(certs.values[i]!)}.dkey`, mode: 0o400, content: line(key) }),
  );
  return { ok: true, files, stdout: line(encode(thresholdParametersCodec, made.parameters)) };
}
