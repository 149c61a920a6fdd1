/**
 * A paper box's entry as checkPaperBox takes it: the label and the person who entered the totals,
 * the figures read and checked against the consultation's questions, and the report (a plain file
 * name; its content kept when small enough; its SHA-256 computed, or given and compared).
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../core/hash.js';
import type { ConsultationTemplate, PaperBoxInput } from './consultation-types.js';
import { checkPaperBox, MAX_KEPT_REPORT_BYTES } from './paper-box.js';

const TEMPLATE: ConsultationTemplate = {
  groupName: 'RFC-3526-2048',
  timeZone: 'Europe/Paris',
  opensAt: null,
  closesAt: null,
  questions: [{ question: 'Leader?', answers: ['Ann', 'Bob'], blank: true, min: 1, max: 1 }],
};

const PDF = Buffer.from('%PDF-1.7 the returning officer’s report');

const input = (over: Partial<PaperBoxInput> = {}): PaperBoxInput => ({
  label: 'Lyon',
  enteredBy: 'Returning officer',
  figures: { registeredVoters: 10, ballotsCounted: 6, counts: [[1, 3, 2]] },
  report: { fileName: 'lyon.pdf', contentBase64: PDF.toString('base64') },
  ...over,
});

const refusal = (problem: string | RegExp) => ({
  code: 'SCR_INVALID_PAPER_BOX',
  detail: { problem: expect.stringMatching(problem) },
});

describe('checkPaperBox', () => {
  it('reads a box: label trimmed, figures as numbers and weights (head counts by default), report hashed and kept', () => {
    const checked = checkPaperBox(input({ label: '  Lyon  ' }), TEMPLATE);
    expect(checked.label).toBe('Lyon');
    expect(checked.figures).toEqual({
      registeredVoters: 10,
      registeredWeight: 10n,
      ballotsCounted: 6,
      weightCast: 6n,
      counts: [[1n, 3n, 2n]],
    });
    expect(checked.report).toEqual({
      fileName: 'lyon.pdf',
      sha256: sha256Hex(new Uint8Array(PDF)),
      base64: PDF.toString('base64'),
    });
  });

  it('refuses an empty or too long label, and an entry nobody signs', () => {
    expect(() => checkPaperBox(input({ label: '   ' }), TEMPLATE)).toThrow(
      expect.objectContaining(refusal('label')),
    );
    expect(() => checkPaperBox(input({ label: 'x'.repeat(201) }), TEMPLATE)).toThrow(
      expect.objectContaining(refusal('label')),
    );
    expect(checkPaperBox(input({ label: 'x'.repeat(200) }), TEMPLATE).label).toHaveLength(200);
    expect(() => checkPaperBox(input({ enteredBy: ' A ' }), TEMPLATE)).toThrow(
      expect.objectContaining(refusal('entered the totals')),
    );
  });

  it('refuses figures that are not numbers, or impossible for the questions', () => {
    expect(() =>
      checkPaperBox(
        input({ figures: { registeredVoters: 'ten', ballotsCounted: 6, counts: [[1, 3, 2]] } }),
        TEMPLATE,
      ),
    ).toThrow(expect.objectContaining(refusal('registeredVoters must be a whole number')));
    // Two counts where the question has a blank slot and two answers.
    expect(() =>
      checkPaperBox(
        input({ figures: { registeredVoters: 10, ballotsCounted: 6, counts: [[3, 3]] } }),
        TEMPLATE,
      ),
    ).toThrow(expect.objectContaining(refusal('expected 3 counts')));
    expect(() =>
      checkPaperBox(
        input({ figures: { registeredVoters: 5, ballotsCounted: 6, counts: [[1, 3, 2]] } }),
        TEMPLATE,
      ),
    ).toThrow(expect.objectContaining(refusal('more ballots counted than registered voters')));
  });

  it('wants a plain file name for the report: no folder, no control character', () => {
    for (const fileName of ['', '../etc/passwd', 'reports\\lyon.pdf', 'lyon\u0000.pdf', 'x'.repeat(201)])
      expect(
        () => checkPaperBox(input({ report: { ...input().report, fileName } }), TEMPLATE),
        fileName,
      ).toThrow(expect.objectContaining(refusal('plain file name')));
  });

  it('refuses content that is not Base64, an empty file, and a SHA-256 that does not match the file', () => {
    for (const contentBase64 of ['not base64!', 'abc'])
      expect(() => checkPaperBox(input({ report: { fileName: 'a.pdf', contentBase64 } }), TEMPLATE)).toThrow(
        expect.objectContaining(refusal('Base64')),
      );
    expect(() =>
      checkPaperBox(input({ report: { fileName: 'a.pdf', contentBase64: '' } }), TEMPLATE),
    ).toThrow(expect.objectContaining(refusal('empty')));
    const other = sha256Hex(new Uint8Array(Buffer.from('another file')));
    expect(() =>
      checkPaperBox(
        input({ report: { fileName: 'a.pdf', contentBase64: PDF.toString('base64'), sha256: other } }),
        TEMPLATE,
      ),
    ).toThrow(expect.objectContaining(refusal('does not match')));
    // The right one, in capitals, is accepted.
    const own = sha256Hex(new Uint8Array(PDF)).toUpperCase();
    expect(
      checkPaperBox(
        input({ report: { fileName: 'a.pdf', contentBase64: PDF.toString('base64'), sha256: own } }),
        TEMPLATE,
      ).report.sha256,
    ).toBe(own.toLowerCase());
  });

  it(`keeps reports up to ${MAX_KEPT_REPORT_BYTES} bytes, and only the name and SHA-256 of larger ones`, () => {
    const atLimit = Buffer.alloc(MAX_KEPT_REPORT_BYTES, 1).toString('base64');
    expect(
      checkPaperBox(input({ report: { fileName: 'a.pdf', contentBase64: atLimit } }), TEMPLATE).report.base64,
    ).toBe(atLimit);
    const large = Buffer.alloc(MAX_KEPT_REPORT_BYTES + 1, 1);
    expect(
      checkPaperBox(
        input({ report: { fileName: 'a.pdf', contentBase64: large.toString('base64') } }),
        TEMPLATE,
      ).report,
    ).toEqual({ fileName: 'a.pdf', sha256: sha256Hex(new Uint8Array(large)), base64: null });
  });

  it('takes a report by its SHA-256 alone (lower-cased), and refuses neither file nor hash', () => {
    const hash = 'AB'.repeat(32);
    expect(
      checkPaperBox(input({ report: { fileName: 'kept-elsewhere.pdf', sha256: hash } }), TEMPLATE).report,
    ).toEqual({
      fileName: 'kept-elsewhere.pdf',
      sha256: hash.toLowerCase(),
      base64: null,
    });
    for (const report of [{ fileName: 'a.pdf' }, { fileName: 'a.pdf', sha256: 'abc' }])
      expect(() => checkPaperBox(input({ report }), TEMPLATE)).toThrow(
        expect.objectContaining(refusal('SHA-256')),
      );
  });
});
