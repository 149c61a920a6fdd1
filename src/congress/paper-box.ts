/**
 * A paper box's entry: the totals someone counted elsewhere, checked against the consultation's
 * questions, and the report they come with (a plain file name, its content kept when small
 * enough, its SHA-256 always, given or computed and compared).
 */

import { Buffer } from 'node:buffer';
import { sha256Hex } from '../core/hash.js';
import { DomainError } from '../errors/catalogue.js';
import type { ConsultationTemplate, PaperBoxInput } from './consultation-types.js';
import { type BoxFigures, figuresFromJson, figuresProblem } from './figures.js';

/** Reports up to this size are kept in the store; larger ones only by name and SHA-256. */
export const MAX_KEPT_REPORT_BYTES = 256 * 1024;

/** Checks a paper box's label, who entered it, its figures against the questions, and its report. */
export function checkPaperBox(
  input: PaperBoxInput,
  template: ConsultationTemplate,
): { label: string; figures: BoxFigures; report: ReturnType<typeof readReport> } {
  const label = input.label.trim();
  if (label.length === 0 || label.length > 200)
    throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: 'the label has 1 to 200 characters' });
  if (input.enteredBy.trim().length < 2)
    throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: 'name the person who entered the totals' });
  const parsed = figuresFromJson(input.figures);
  if (!parsed.ok) throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: parsed.problem });
  const figures = (parsed as { figures: BoxFigures }).figures;
  const problem = figuresProblem(template.questions, figures);
  if (problem) throw new DomainError('SCR_INVALID_PAPER_BOX', { problem });
  const report = readReport(input.report);
  return { label, figures, report };
}

function readReport(report: PaperBoxInput['report']): {
  fileName: string;
  sha256: string;
  base64: string | null;
} {
  const fileName = report.fileName.trim();
  if (fileName.length === 0 || fileName.length > 200 || /[/\\]|\p{Cc}/u.test(fileName))
    throw new DomainError('SCR_INVALID_PAPER_BOX', {
      problem: 'the report needs a plain file name (no folders)',
    });
  if (report.contentBase64 !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(report.contentBase64) || report.contentBase64.length % 4 !== 0)
      throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: 'the report content must be Base64' });
    const bytes = Buffer.from(report.contentBase64, 'base64');
    if (bytes.length === 0)
      throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: 'the report file is empty' });
    const sha256 = sha256Hex(new Uint8Array(bytes));
    if (report.sha256 !== undefined && report.sha256.toLowerCase() !== sha256)
      throw new DomainError('SCR_INVALID_PAPER_BOX', {
        problem: 'the SHA-256 given does not match the report file',
      });
    return { fileName, sha256, base64: bytes.length <= MAX_KEPT_REPORT_BYTES ? report.contentBase64 : null };
  }
  if (report.sha256 === undefined || !/^[0-9a-fA-F]{64}$/.test(report.sha256))
    throw new DomainError('SCR_INVALID_PAPER_BOX', {
      problem: 'attach the report file, or give its SHA-256 (64 hex digits)',
    });
  return { fileName, sha256: report.sha256.toLowerCase(), base64: null };
}
