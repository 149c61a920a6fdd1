/**
 * The staff pages' use of the HTTP client (admin pages, scrutineer, authority and operator consoles,
 * home page): the signed-in account, and the session's CSRF token (from sign-in or /auth/me) sent on
 * every write. Failures carry the server's non-secret detail (e.g. the per-line problems of a voter
 * list), which the staff shell lists under the message.
 */
import { AccountLoginReply, type AccountView, MeReply } from '../../contract/auth.js';
import type { Language } from '../../i18n/index.js';
import { anything, checked, type Method, type Parser, type Result, requestJson } from './http.js';

/** The signed-in account (its creation and last password change are shown on the first page). */
export type Account = AccountView;

export class StaffApi {
  private csrfToken = '';

  constructor(private readonly language: () => Language) {}

  /** Who is signed in (and the session's CSRF token), or undefined when nobody with an account is. */
  async me(): Promise<Result<Account | undefined>> {
    const answer = await this.request('GET', '/api/v1/auth/me', undefined, checked(MeReply));
    if (!answer.ok) return answer;
    const value = answer.value;
    if (value.kind !== 'account') return { ok: true, value: undefined };
    this.csrfToken = value.csrfToken;
    return { ok: true, value: value.account };
  }

  async signIn(email: string, password: string): Promise<Result<Account>> {
    const answer = await this.request(
      'POST',
      '/api/v1/auth/login',
      { email, password },
      checked(AccountLoginReply),
    );
    if (!answer.ok) return answer;
    this.csrfToken = answer.value.csrfToken;
    return { ok: true, value: answer.value.account };
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

  private request<T = unknown>(
    method: Method,
    path: string,
    body?: unknown,
    parse: Parser<T> = anything as Parser<T>,
  ): Promise<Result<T>> {
    const csrfToken = method === 'GET' || this.csrfToken === '' ? undefined : this.csrfToken;
    return requestJson(
      method,
      path,
      { body, language: this.language(), ...(csrfToken === undefined ? {} : { csrfToken }) },
      parse,
    );
  }
}
