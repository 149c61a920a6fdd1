/**
 * One voter roll for a whole consultation: `federation,email,login,weight,name[,language]` per line,
 * or the federation column wherever a header line names it (the other columns in voter-roll order). Lines are split by federation (a box
 * label), each part is checked as an ordinary voter roll (src/election/voter-roll.ts), and every
 * problem is reported with its line number in the whole file. A member belongs to one federation:
 * the same login in two federations is refused. Any problem, and nothing is imported.
 */
import { identityKey } from '../core/identity.js';
import { parseVoterRoll, type RollProblem } from '../election/voter-roll.js';

export type FederationRoll =
  | { ok: true; parts: ReadonlyMap<string, string> }
  | { ok: false; problems: RollProblem[] };

export function splitFederationRoll(csv: string, labels: readonly string[]): FederationRoll {
  const known = new Set(labels);
  const problems: RollProblem[] = [];
  const parts = new Map<string, { lines: string[]; origin: number[] }>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  // A header line naming a "federation" column says where it is; without one it is the first column.
  const header = rawFields(lines[0] ?? '')?.map((f) => unquote(f).toLowerCase());
  const hasHeader = header?.includes('federation') ?? false;
  const column = hasHeader ? header!.indexOf('federation') : 0;
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    if (text.trim() === '' || (index === 0 && hasHeader)) continue;
    const fields = rawFields(text);
    const federation = fields && fields.length > column ? unquote(fields[column]!) : undefined;
    if (!fields) problems.push({ line, problem: 'unterminated quote' });
    else if (federation === undefined) problems.push({ line, problem: 'no federation column' });
    else if (!known.has(federation)) problems.push({ line, problem: `unknown federation "${federation}"` });
    else {
      const part = parts.get(federation) ?? { lines: [], origin: [] };
      part.lines.push(fields.filter((_, i) => i !== column).join(','));
      part.origin.push(line);
      parts.set(federation, part);
    }
  }
  const federationOf = new Map<string, string>();
  for (const [label, part] of parts) {
    const parsed = parseVoterRoll(part.lines.join('\n'), 'fr', part.origin);
    if (!parsed.ok) problems.push(...parsed.problems);
    // Line by line, so a duplicate is reported even when another line of the same federation is wrong.
    for (const [i, text] of part.lines.entries()) {
      const single = parseVoterRoll(text, 'fr');
      if (!single.ok) continue;
      const login = single.voters[0]!.login;
      const other = federationOf.get(identityKey(login));
      if (other !== undefined && other !== label)
        problems.push({
          line: part.origin[i]!,
          problem: `login "${login}" is also in federation "${other}"`,
        });
      else federationOf.set(identityKey(login), label);
    }
  }
  if (parts.size === 0 && problems.length === 0) problems.push({ line: 0, problem: 'the list is empty' });
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, parts: new Map([...parts].map(([label, part]) => [label, part.lines.join('\n')])) };
}

/** The fields of a CSV line as written (quotes kept), split on commas outside quotes; undefined if a quote is open. */
function rawFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ',' && !quoted) {
      fields.push(line.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return undefined;
  fields.push(line.slice(start));
  return fields;
}

/** A field's value: surrounding spaces dropped, quotes removed and doubled quotes undone. */
function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2
    ? trimmed.slice(1, -1).replaceAll('""', '"').trim()
    : trimmed;
}
