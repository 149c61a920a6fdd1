/**
 * A voter roll (election or consultation) must be UTF-8; a byte-order mark is accepted and dropped.
 * Spreadsheets often save "CSV" as UTF-16 (Excel's "Unicode text") or Latin-1/Windows-1252: read as
 * UTF-8, the first turns into a NUL between every character and the second into replacement
 * characters, and the roll would fail with a misleading message about weights, or be imported with
 * names silently mangled. Both are refused with a message saying what the file looks like.
 *
 * Bytes (a text/csv upload) are decoded strictly; text (JSON `{csv}`, read by a browser with
 * `File.text()`, which decodes as UTF-8 with replacement) is checked for those traces.
 */
import { DomainError } from '../errors/catalogue.js';

/** A share of NULs no text roll has: one stray NUL is a control character on its line, not UTF-16. */
function mostlyNul(count: number, length: number): boolean {
  return count >= 2 && count * 10 >= length;
}

/** Decodes an uploaded file: UTF-8 (with or without BOM), or the coded refusal. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) throw new DomainError('SCR_CSV_UTF16');
  const head = bytes.subarray(0, 4096);
  if (mostlyNul(head.filter((b) => b === 0).length, head.length)) throw new DomainError('SCR_CSV_UTF16');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DomainError('SCR_CSV_LATIN1');
  }
  return text;
}

/** Checks text that was a file once; answers it without its BOM, or throws the coded refusal. */
export function checkCsvText(text: string): string {
  const body = text.replace(/^\uFEFF/, '');
  // A UTF-16 BOM read as UTF-8 is two replacement characters (FF FE) or U+FFFE.
  if (/^(\uFFFD\uFFFD|\uFFFE)/.test(body)) throw new DomainError('SCR_CSV_UTF16');
  const head = body.slice(0, 4096);
  if (mostlyNul(head.split('\u0000').length - 1, head.length)) throw new DomainError('SCR_CSV_UTF16');
  if (body.includes('\uFFFD')) throw new DomainError('SCR_CSV_LATIN1');
  return body;
}
