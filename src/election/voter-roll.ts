/**
 * Voter roll import from CSV: `email,login,weight,name[,language[,phone]]` per line (login defaults
 * to the email, weight to 1, name to the login; a header line is recognised and skipped). The phone
 * is a mobile number in E.164 (`+33612345678`; spaces, dots, dashes and brackets are dropped), where
 * SMS carries the voter's password or one-time code. Every line is checked
 * and every problem reported with its line number; if any line is bad, nothing is imported. Logins
 * are one person's whatever their case (`identityKey`): `alice` and `ALICE` are a duplicate, and
 * control characters (NUL, tab, DEL…) are refused in addresses, logins and names.
 */
import { hasControlCharacter, identityKey } from '../core/identity.js';

export interface RollEntry {
  readonly email: string;
  readonly login: string;
  readonly weight: bigint;
  readonly displayName: string;
  readonly language: string;
  /** E.164, when the roll gives one. */
  readonly phone?: string;
}

export interface RollProblem {
  readonly line: number;
  readonly problem: string;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const MAX_WEIGHT = 10n ** 15n;

/** Splits one CSV line, honouring double quotes (names may contain commas). */
function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"' && current === '') quoted = true;
    else if (char === ',') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  if (quoted) return undefined;
  fields.push(current);
  return fields.map((f) => f.trim());
}

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all (ITU-T E.164 §6). */
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** A phone number as E.164 (separators people type dropped), or undefined when it is not one. */
export function e164(phone: string): string | undefined {
  const compact = phone.replace(/[\s.()-]/g, '');
  return E164.test(compact) ? compact : undefined;
}

/** Whether this is an address the roll accepts. */
export function isRollAddress(email: string): boolean {
  return EMAIL.test(email) && !hasControlCharacter(email);
}

/** One line's fields (email,login,weight,name[,language]) checked: the entry, or what is wrong with it. */
export function rollEntry(fields: readonly string[], defaultLanguage: string): RollEntry | string {
  const [email = '', login = '', weight = '', name = '', language = '', phone = '', ...rest] = fields;
  if (rest.length > 0) return 'too many fields (expected email,login,weight,name[,language[,phone]])';
  const controlled = (
    [
      ['email address', email],
      ['login', login],
      ['name', name],
    ] as const
  ).find(([, value]) => hasControlCharacter(value));
  if (controlled) return `the ${controlled[0]} contains a control character (NUL, tab, DEL…)`;
  if (!EMAIL.test(email)) return `invalid email address "${email}"`;
  const effectiveLogin = login || email;
  if (effectiveLogin.length > 200 || /[\s]/.test(effectiveLogin))
    return 'login must be at most 200 characters without spaces';
  const weightProblem = rollWeightProblem(weight);
  if (weight !== '' && weightProblem) return weightProblem;
  if (language !== '' && !/^(en|fr)$/.test(language)) return 'language must be en or fr';
  const mobile = phone === '' ? undefined : e164(phone);
  if (phone !== '' && mobile === undefined)
    return `invalid phone number: expected E.164, a plus and the country code (+33612345678), got "${phone}"`;
  return {
    email,
    login: effectiveLogin,
    weight: weight === '' ? 1n : BigInt(weight),
    displayName: name || effectiveLogin,
    language: language || defaultLanguage,
    ...(mobile === undefined ? {} : { phone: mobile }),
  };
}

/** What is wrong with a weight (a whole number between 1 and 10^15), if anything. */
export function rollWeightProblem(weight: string): string | undefined {
  return !/^[1-9][0-9]*$/.test(weight) || BigInt(weight) > MAX_WEIGHT
    ? `weight must be a whole number between 1 and 10^15, got "${weight}"`
    : undefined;
}

/**
 * `origin`: each line's number in the file it came from (a consultation roll is split by
 * federation), so every problem, and the first line of a duplicate, names the line people see.
 */
export function parseVoterRoll(
  csv: string,
  defaultLanguage: string,
  origin?: readonly number[],
): { ok: true; voters: RollEntry[] } | { ok: false; problems: RollProblem[] } {
  const voters: RollEntry[] = [];
  const problems: RollProblem[] = [];
  const logins = new Map<string, { line: number; login: string }>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    const line = origin?.[index] ?? index + 1;
    if (text.trim() === '') continue;
    if (index === 0 && /^\s*e-?mail\s*(,|$)/i.test(text)) continue; // header
    const fields = splitCsvLine(text);
    if (!fields) {
      problems.push({ line, problem: 'unterminated quote' });
      continue;
    }
    const entry = rollEntry(fields, defaultLanguage);
    if (typeof entry === 'string') {
      problems.push({ line, problem: entry });
      continue;
    }
    const effectiveLogin = entry.login;
    const key = identityKey(effectiveLogin);
    const first = logins.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        problem:
          first.login === effectiveLogin
            ? `duplicate login "${effectiveLogin}" (first on line ${first.line})`
            : `duplicate login "${effectiveLogin}": the same as "${first.login}" on line ${first.line} (logins are compared without regard to case)`,
      });
      continue;
    }
    logins.set(key, { line, login: effectiveLogin });
    voters.push(entry);
  }
  if (voters.length === 0 && problems.length === 0) problems.push({ line: 0, problem: 'the list is empty' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, voters };
}
