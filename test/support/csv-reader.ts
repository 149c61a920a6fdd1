/**
 * For tests only: a strict RFC 4180 reader of what `toCsv` writes (BOM, CRLF after every record,
 * quoted fields), undoing the formula neutralisation the way the module comment of
 * src/server/exports/csv.ts says.
 */
import { UTF8_BOM } from '../../src/server/exports/csv.js';

/** The records of a file, each a list of raw fields (leading apostrophes kept). */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith(UTF8_BOM)) throw new Error('no byte-order mark');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = UTF8_BOM.length; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === '"') throw new Error(`bare quote at ${i}`);
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (char === '\r' || char === '\n') throw new Error(`bare line break at ${i}`);
    else field += char;
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('the last record is not ended by CRLF');
  return records;
}

/** A cell as written before neutralisation: one leading apostrophe dropped. */
export const unneutralise = (text: string) => (text.startsWith("'") ? text.slice(1) : text);

/** Records as objects keyed by the header row, neutralisation undone. */
export function readCsvObjects(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, unneutralise(row[i] ?? '')])));
}
