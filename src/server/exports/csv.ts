/**
 * CSV as RFC 4180 writes it (header row, CRLF line breaks, a field quoted when it holds a comma, a
 * double quote, CR or LF, with quotes doubled), UTF-8 with a byte-order mark so spreadsheets read
 * accented names right. Exports end up in spreadsheets, so a cell that a spreadsheet would run as a
 * formula (OWASP "CSV injection": one starting with = + - @, tab or carriage return) gets a leading
 * apostrophe. A cell that already starts with an apostrophe gets one too, which makes the rule
 * reversible: a program reading the file drops one leading apostrophe from every cell that has one.
 */

/** What a cell may hold: scalars only, so no object (a `Secret` box, a row) can be written by accident. */
export type Cell = string | number | boolean | null;

/** U+FEFF: tells spreadsheet programs the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** Media type of RFC 4180 §3, with its optional `header` parameter. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of a cell, neutralised against formula injection (not yet quoted). */
export function cellText(value: Cell): string {
  if (value !== null && typeof value === 'object') throw new TypeError('a CSV cell must be a scalar');
  const text = value === null ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as written in the file. */
export function csvField(value: Cell): string {
  const text = cellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: BOM, header row, one record per row, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((fields, index) => {
    if (fields.length !== header.length) {
      throw new RangeError(`CSV record ${index} has ${fields.length} fields, the header ${header.length}`);
    }
    return fields.map(csvField).join(',');
  });
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
