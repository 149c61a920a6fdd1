/**
 * The HTTP client of the staff pages (admin pages and scrutineer console): JSON in and out, the
 * session cookie sent by the browser, and the CSRF token (from sign-in or /auth/me) on every write.
 * Failures come back as values carrying the server's coded, already-translated message and its
 * non-secret detail (e.g. the per-line problems of a voter list), so pages can show them as they are.
 */
import type { Language } from '../../i18n/index.js';

export type Failure =
  | { kind: 'http'; status: number; code: string; message: string; detail: unknown }
  | { kind: 'network' }
  | { kind: 'bad-response'; status: number };

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Account {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** When the account was created and its password last set (shown on the first page). */
  readonly createdAt?: string;
  readonly passwordSetAt?: string | null;
}

export class StaffApi {
  private csrfToken = '';

  constructor(private readonly language: () => Language) {}

  /** Who is signed in (and the session's CSRF token), or undefined when nobody with an account is. */
  async me(): Promise<Result<Account | undefined>> {
    const answer = await this.request('GET', '/api/v1/auth/me');
    if (!answer.ok) return answer;
    const value = answer.value;
    if (isRecord(value) && value.kind === 'account' && isRecord(value.account)) {
      this.csrfToken = typeof value.csrfToken === 'string' ? value.csrfToken : '';
      return { ok: true, value: value.account as unknown as Account };
    }
    return { ok: true, value: undefined };
  }

  async signIn(email: string, password: string): Promise<Result<Account>> {
    const answer = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (!answer.ok) return answer;
    const value = answer.value;
    if (!isRecord(value) || !isRecord(value.account) || typeof value.csrfToken !== 'string')
      return { ok: false, failure: { kind: 'bad-response', status: 200 } };
    this.csrfToken = value.csrfToken;
    return { ok: true, value: value.account as unknown as Account };
  }

  async signOut(): Promise<void> {
    await this.request('POST', '/api/v1/auth/logout');
    this.csrfToken = '';
  }

  get<T = unknown>(path: string): Promise<Result<T>> {
    return this.request('GET', path) as Promise<Result<T>>;
  }

  send<T = unknown>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Result<T>> {
    return this.request(method, path, body) as Promise<Result<T>>;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          'accept-language': this.language(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' || this.csrfToken === '' ? {} : { 'x-csrf-token': this.csrfToken }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return { ok: false, failure: { kind: 'network' } };
    }
    if (response.status === 204) return { ok: true, value: undefined };
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { ok: false, failure: { kind: 'bad-response', status: response.status } };
    }
    if (response.ok) return { ok: true, value: json };
    const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return {
        ok: false,
        failure: {
          kind: 'http',
          status: response.status,
          code: error.code,
          message: error.message,
          detail: error.detail,
        },
      };
    }
    return { ok: false, failure: { kind: 'bad-response', status: response.status } };
  }
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
