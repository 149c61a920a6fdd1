/**
 * Searching recorded answers and log lines for planted secrets, in every form a careless line of
 * code could write them: as is, JSON- and URL-escaped, base64 and base64url (at each of the three
 * byte alignments, so a secret inside a larger encoded blob is found too), hex; keys and exponents
 * also in decimal, hex and as big-endian bytes; private credentials with and without dashes.
 */
import type { RecordedResponse } from '../world/recorder.js';

export interface PlantedSecret {
  /** What it is, for the failure message (never the value itself). */
  readonly name: string;
  /** The forms to search for. */
  readonly forms: readonly string[];
  /** Session tokens may appear in the Set-Cookie of the sign-in that created them, nowhere else. */
  readonly allowedInLoginCookie?: boolean;
}

export interface Leak {
  readonly secret: string;
  readonly form: number;
  readonly where: string;
}

/** Forms shorter than this would match by chance; every planted secret is far longer. */
const MIN_FORM_LENGTH = 12;

/** The base64 text that encodes `bytes` wherever they sit in a longer byte string. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const text = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Drop the characters that also encode the unknown bytes before and after.
    const start = offset === 0 ? 0 : 4;
    const end = (offset + bytes.length) % 3 === 0 ? text.length : Math.floor((offset + bytes.length) / 3) * 4;
    const core = text.slice(start, end);
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

function bytesForms(bytes: Buffer): string[] {
  return [...base64Cores(bytes), bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
}

/** A text secret: as is, escaped, and its UTF-8 bytes encoded. */
export function textForms(text: string): string[] {
  return [
    text,
    JSON.stringify(text).slice(1, -1),
    encodeURIComponent(text),
    ...bytesForms(Buffer.from(text, 'utf8')),
  ];
}

/** A number secret (a private key, an exponent): decimal, hex, and its big-endian bytes encoded. */
export function bigintForms(value: bigint): string[] {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return [
    ...textForms(value.toString()),
    value.toString(16),
    value.toString(16).toUpperCase(),
    ...bytesForms(bytes),
    ...bytesForms(Buffer.concat([Buffer.alloc(Math.max(0, 32 - bytes.length)), bytes])),
  ];
}

/** A private credential XXX-XXX-XXX-XXX-XXX, written with and without its dashes. */
export function credentialForms(dashed: string): string[] {
  return [...textForms(dashed), ...textForms(dashed.replaceAll('-', ''))];
}

/** A session token (base64url of 32 bytes): as is, in standard base64, and its bytes in hex. */
export function tokenForms(token: string): string[] {
  const bytes = Buffer.from(token, 'base64url');
  return [...textForms(token), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('hex')];
}

export function planted(
  name: string,
  forms: readonly string[],
  options: { allowedInLoginCookie?: boolean } = {},
): PlantedSecret {
  return { name, forms: [...new Set(forms.filter((form) => form.length >= MIN_FORM_LENGTH))], ...options };
}

export interface Corpus {
  readonly responses: readonly RecordedResponse[];
  readonly logs: readonly string[];
}

/** Every place a planted secret appears where it must not. */
export function findPlanted(corpus: Corpus, secrets: readonly PlantedSecret[]): Leak[] {
  const leaks: Leak[] = [];
  const search = (where: string, text: string, allowToken: boolean) => {
    for (const secret of secrets) {
      if (allowToken && secret.allowedInLoginCookie) continue;
      const form = secret.forms.findIndex((f) => text.includes(f));
      if (form >= 0) leaks.push({ secret: secret.name, form, where });
    }
  };
  for (const [i, line] of corpus.logs.entries()) search(`log line ${i}`, line, false);
  for (const [i, response] of corpus.responses.entries()) {
    const what = `response ${i} (${response.method} ${response.url} → ${response.status})`;
    search(`body of ${what}`, response.body, false);
    for (const [name, value] of Object.entries(response.headers)) {
      search(`header ${name} of ${what}`, value, name === 'set-cookie' && response.isLogin);
    }
  }
  return leaks;
}
