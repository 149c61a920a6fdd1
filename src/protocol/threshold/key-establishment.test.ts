/**
 * The Pedersen key establishment (spec §3.1.1, §4.6.4–4.6.7) run in memory: a 2-of-3 run in both
 * groups whose threshold parameters pass the public verifier's `checkTrustees`, and whose shares
 * recombine (Lagrange at 0, §4.19) into the secret behind the sub-key; then the refusals each step
 * owes its inputs, including (fast-check) any changed digit of a certificate, polynomial, vinput or
 * voutput as the tool's files carry them.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mod } from '../../core/bigint.js';
import { encode } from '../../core/codec.js';
import { type Group, requireGroup } from '../../core/group.js';
import {
  type Polynomial,
  polynomialCodec,
  type SignedMsg,
  signedMsgCodec,
  type Vinput,
  type Voutput,
  vinputCodec,
  voutputCodec,
} from '../messages.js';
import { checkTrustees, lagrangeCoefficient } from '../trustees.js';
import {
  checkCertificates,
  checkPolynomial,
  checkVoutput,
  makeCertificate,
  makePolynomial,
  makeThresholdParameters,
  makeVinputs,
  makeVoutput,
} from './key-establishment.js';
import { deriveKeys, signMessage, type TrusteeSeed } from './pki.js';
import { decryptTrusteeShare, openShare } from './share.js';
import { thresholdKeyStep2, thresholdKeyStep4, thresholdKeyStep5, thresholdKeyStep6 } from './tool-steps.js';

function unwrap<T>(outcome: ({ ok: true } & T) | { ok: false; problem: string }): T {
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome;
}

interface Run {
  group: Group;
  seeds: TrusteeSeed[];
  certs: SignedMsg[];
  polynomials: Polynomial[];
  vinputs: Vinput[];
  voutputs: Voutput[];
}

/** Steps 1–5 for m trustees needing `threshold` of them. */
function runSteps1To5(group: Group, m: number, threshold: number): Run {
  const made = Array.from({ length: m }, () => makeCertificate(group));
  const seeds = made.map((t) => t.seed);
  const certs = made.map((t) => t.cert);
  unwrap(checkCertificates(group, certs));
  const polynomials = seeds.map((seed) => unwrap(makePolynomial(group, certs, seed, threshold)).polynomial);
  for (const [z, p] of polynomials.entries()) unwrap(checkPolynomial(group, certs, z + 1, p));
  const { vinputs } = unwrap(makeVinputs(group, certs, polynomials));
  const voutputs = seeds.map((seed, j) => unwrap(makeVoutput(group, certs, seed, vinputs[j]!)).voutput);
  for (const [j, v] of voutputs.entries()) unwrap(checkVoutput(group, certs, polynomials, j + 1, v));
  return { group, seeds, certs, polynomials, vinputs, voutputs };
}

describe.each(['BELENIOS-2048', 'RFC-3526-2048'])('a 2-of-3 key establishment in %s', (groupName) => {
  const group = requireGroup(groupName);
  let run: Run;
  beforeAll(() => {
    run = runSteps1To5(group, 3, 2);
  });

  it('gives threshold parameters the verifier accepts, with sub-key Π A_z0', () => {
    const { parameters, encryptedKeys } = unwrap(
      makeThresholdParameters(group, run.certs, run.polynomials, run.voutputs),
    );
    expect(parameters.threshold).toBe(2);
    expect(parameters.certs).toEqual(run.certs);
    expect(parameters.coefexps).toEqual(run.polynomials.map((p) => p.coefexps));
    expect(encryptedKeys).toEqual(run.voutputs.map((v) => v.private_key));
    const checked = checkTrustees(group, [['Pedersen', parameters]]);
    if (!checked.ok) throw new Error(checked.problem);
    expect(checked.set.members.map((m) => m.publicKey)).toEqual(
      run.voutputs.map((v) => v.public_key.public_key),
    );
  });

  it('recombines any two shares (and not one) into the secret behind the sub-key', () => {
    const { parameters } = unwrap(makeThresholdParameters(group, run.certs, run.polynomials, run.voutputs));
    const checked = checkTrustees(group, [['Pedersen', parameters]]);
    if (!checked.ok) throw new Error(checked.problem);
    const subKey = checked.set.electionKey;
    const shares = run.seeds.map((seed, j) => {
      const opened = unwrap(openShare(group, deriveKeys(group, seed), run.voutputs[j]!.private_key));
      expect(opened.publicKey).toBe(parameters.verification_keys[j]!.public_key);
      return opened.share.reveal();
    });
    for (const pair of [
      [1, 2],
      [1, 3],
      [2, 3],
    ]) {
      const secret = pair.reduce(
        (acc, j) => mod(acc + lagrangeCoefficient(group, pair, j) * shares[j - 1]!, group.q),
        0n,
      );
      expect(group.gPow(secret)).toBe(subKey);
    }
    for (const share of shares) expect(group.gPow(share)).not.toBe(subKey);
  });
});

describe('refusals', () => {
  const group = requireGroup('BELENIOS-2048');
  let run: Run;
  beforeAll(() => {
    run = runSteps1To5(group, 3, 2);
  });

  it('step 2: an empty list, a forged certificate, a duplicated trustee', () => {
    expect(checkCertificates(group, []).ok).toBe(false);
    const [a, b] = run.certs as [SignedMsg, SignedMsg];
    const forged = {
      ...b,
      signature: signMessage(group, deriveKeys(group, run.seeds[0]!).signingKey, b.message).signature,
    };
    expect(checkCertificates(group, [a, forged])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('certificate 2'),
    });
    expect(checkCertificates(group, [a, b, a])).toEqual({
      ok: false,
      problem: 'certificates 1 and 3 share a key',
    });
  });

  it('step 3: a threshold outside 1..m, a key whose certificate is not in Γ', () => {
    const seed = run.seeds[0]!;
    for (const threshold of [0, 4, 1.5])
      expect(makePolynomial(group, run.certs, seed, threshold).ok).toBe(false);
    expect(makePolynomial(group, run.certs.slice(1), seed, 2)).toEqual({
      ok: false,
      problem: 'could not find my certificate',
    });
    expect(makePolynomial(group, run.certs, seed, 3).ok).toBe(true);
  });

  it('step 4: polynomials missing, swapped, or of different degrees', () => {
    const [p1, p2, p3] = run.polynomials as [Polynomial, Polynomial, Polynomial];
    expect(makeVinputs(group, run.certs, [p1, p2]).ok).toBe(false);
    expect(makeVinputs(group, run.certs, [p2, p1, p3])).toEqual({
      ok: false,
      problem: 'coefexps 1 does not validate',
    });
    const p3Degree2 = unwrap(makePolynomial(group, run.certs, run.seeds[2]!, 3)).polynomial;
    expect(makeVinputs(group, run.certs, [p1, p2, p3Degree2])).toEqual({
      ok: false,
      problem: 'coefexps 3 has wrong length',
    });
  });

  it('step 5: a vinput meant for another trustee, or a share that does not match its commitment', () => {
    expect(makeVoutput(group, run.certs, run.seeds[0]!, run.vinputs[1]!).ok).toBe(false);
    // Trustee 2 sends trustee 1 a share of a different polynomial than the one it committed to.
    const other = unwrap(makePolynomial(group, run.certs, run.seeds[1]!, 2)).polynomial;
    const vinput = {
      ...run.vinputs[0]!,
      secrets: run.vinputs[0]!.secrets.map((s, i) => (i === 1 ? other.secrets[0]! : s)),
    };
    expect(makeVoutput(group, run.certs, run.seeds[0]!, vinput)).toEqual({
      ok: false,
      problem: 'secret 2 does not validate',
    });
  });

  it('step 6: voutputs missing, swapped, or with another public key', () => {
    const [v1, v2, v3] = run.voutputs as [Voutput, Voutput, Voutput];
    expect(makeThresholdParameters(group, run.certs, run.polynomials, [v1, v2]).ok).toBe(false);
    expect(makeThresholdParameters(group, run.certs, run.polynomials, [v2, v1, v3])).toEqual({
      ok: false,
      problem: 'verification key 1 is incorrect',
    });
    expect(checkVoutput(group, run.certs, run.polynomials, 3, { ...v3, public_key: v1.public_key })).toEqual({
      ok: false,
      problem: 'verification key 3 is incorrect',
    });
  });
});

/** Changes the digit at the `pick`-th digit position of a text (every number and hex digit is one). */
function changeDigit(text: string, pick: number, delta: number): string {
  const positions = [...text.matchAll(/[0-9]/g)].map((match) => match.index);
  const at = positions[pick % positions.length]!;
  const digit = (Number(text[at]) + 1 + (delta % 9)) % 10;
  return `${text.slice(0, at)}${digit}${text.slice(at + 1)}`;
}

describe('tampering with any digit of the tool’s files is detected', () => {
  const group = requireGroup('BELENIOS-2048');
  let run: Run;
  let certsFile: string;
  let polynomialLines: string[];
  let voutputLines: string[];
  const keyFile = (j: number) => `${run.seeds[j]!.reveal()}\n`;
  beforeAll(() => {
    run = runSteps1To5(group, 3, 2);
    certsFile = run.certs.map((c) => `${encode(signedMsgCodec, c)}\n`).join('');
    polynomialLines = run.polynomials.map((p) => encode(polynomialCodec, p));
    voutputLines = run.voutputs.map((v) => encode(voutputCodec, v));
  });
  const tamper = fc.record({ who: fc.nat({ max: 2 }), pick: fc.nat(), delta: fc.nat() });

  it('in a certificate: step 2 refuses', () => {
    fc.assert(
      fc.property(tamper, ({ who, pick, delta }) => {
        const lines = certsFile.split('\n');
        lines[who] = changeDigit(lines[who]!, pick, delta);
        expect(thresholdKeyStep2(group, { certs: lines.join('\n') }).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('in a polynomial: step 4 refuses it, or the trustee it is addressed to refuses at step 5', () => {
    fc.assert(
      fc.property(tamper, ({ who, pick, delta }) => {
        const lines = [...polynomialLines];
        lines[who] = changeDigit(lines[who]!, pick, delta);
        const step4 = thresholdKeyStep4(group, { certs: certsFile, polynomials: lines.join('\n') });
        if (!step4.ok) return;
        const refused = step4.files.some(
          (file, j) =>
            !thresholdKeyStep5(group, { certs: certsFile, key: keyFile(j), vinput: file.content as string })
              .ok,
        );
        expect(refused).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('in a vinput: its trustee refuses at step 5', () => {
    fc.assert(
      fc.property(tamper, ({ who, pick, delta }) => {
        const vinput = changeDigit(encode(vinputCodec, run.vinputs[who]!), pick, delta);
        expect(thresholdKeyStep5(group, { certs: certsFile, key: keyFile(who), vinput }).ok).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('in a voutput: step 6 refuses it, or its trustee cannot open the resulting .dkey', () => {
    fc.assert(
      fc.property(tamper, ({ who, pick, delta }) => {
        const lines = [...voutputLines];
        lines[who] = changeDigit(lines[who]!, pick, delta);
        const polynomials = polynomialLines.join('\n');
        const step6 = thresholdKeyStep6(group, { certs: certsFile, polynomials, voutputs: lines.join('\n') });
        if (!step6.ok) return;
        expect(decryptTrusteeShare(group, keyFile(who), step6.files[who]!.content as string).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
