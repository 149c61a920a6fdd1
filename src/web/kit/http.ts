/**
 * The one HTTP client of every page: JSON to and from the same origin, the session cookie sent by
 * the browser, the page's language in `accept-language` (the server answers errors in it) and, on
 * writes, the session's CSRF token. Every answer is checked here, at the boundary, against its
 * schema from src/contract (TypeBox's `Check`, which interprets the schema: no code is generated at
 * run time, as the CSP forbids) or a parser; failures come back as values, never thrown: an HTTP
 * error with the server's coded, already-translated message and its non-secret detail, a network
 * failure, or an answer of the wrong shape.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import type { Language } from '../../i18n/index.js';

export type Failure =
  | { kind: 'http'; status: number; code: string; message: string; detail?: unknown }
  | { kind: 'network' }
  | { kind: 'bad-response'; status: number };

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Reads an answer: its value, or undefined when it has the wrong shape. */
export type Parser<T> = (value: unknown) => T | undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

/** The parser of a contract schema: the answer itself when it matches the schema. */
export function checked<S extends TSchema>(schema: S): Parser<Static<S>> {
  return (value) => (Check(schema, value) ? (value as Static<S>) : undefined);
}

/** Any answer, unchecked: for the staff pages' plain reads (see StaffApi). */
export const anything: Parser<unknown> = (value) => value;

export interface RequestOptions {
  readonly body?: unknown;
  readonly csrfToken?: string;
  readonly language: Language;
  /** Appends the failure's `detail.problem` to its message, e.g. "(question 0 factor 1: invalid proof)". */
  readonly problemInMessage?: boolean;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One JSON request to the same origin; never throws for an expected failure. */
export async function requestJson<T>(
  method: Method,
  url: string,
  options: RequestOptions,
  parse: Parser<T>,
): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        'accept-language': options.language,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.csrfToken === undefined ? {} : { 'x-csrf-token': options.csrfToken }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  // No content (a sign-out): nothing to check, and callers of such routes use no value.
  if (response.status === 204) return { ok: true, value: undefined as T };
  const badResponse: Result<T> = { ok: false, failure: { kind: 'bad-response', status: response.status } };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return badResponse;
  }
  if (!response.ok) {
    const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
    if (!error || !isString(error.code) || !isString(error.message)) return badResponse;
    const problem =
      options.problemInMessage && isRecord(error.detail) && isString(error.detail.problem)
        ? ` (${error.detail.problem})`
        : '';
    return {
      ok: false,
      failure: {
        kind: 'http',
        status: response.status,
        code: error.code,
        message: `${error.message}${problem}`,
        detail: error.detail,
      },
    };
  }
  const value = parse(json);
  return value === undefined ? badResponse : { ok: true, value };
}

/** Lines describing a failure's detail: per-line CSV problems, setup problems, or a single problem. */
export function detailLines(detail: unknown, line: (n: number, problem: string) => string): string[] {
  if (!isRecord(detail)) return [];
  const lines: string[] = [];
  if (typeof detail.problem === 'string') lines.push(detail.problem);
  if (Array.isArray(detail.problems)) {
    for (const p of detail.problems) {
      if (typeof p === 'string') lines.push(p);
      else if (isRecord(p) && typeof p.problem === 'string')
        lines.push(typeof p.line === 'number' && p.line > 0 ? line(p.line, p.problem) : p.problem);
    }
  }
  return lines;
}
