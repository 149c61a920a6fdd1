/**
 * HTTP clients for whole-API tests that record every answer (status, headers, body) for later
 * searches, each from its own client address (the login rate limits count per address), keeping
 * the session cookie and CSRF token like a browser. The session tokens seen in Set-Cookie are kept,
 * so a test can check they appear nowhere else.
 */
import type { FastifyInstance } from 'fastify';

export interface RecordedResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** A successful sign-in: its Set-Cookie carries a session token, by design. */
  readonly isLogin: boolean;
}

export interface RequestOptions {
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is, with `contentType` (text/csv by default). */
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** Send this CSRF token instead of the session's (null: none). */
  readonly csrf?: string | null;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  readonly json: any;
}

const LOGIN = /\/(auth|voter)\/login$/;

export class Recorder {
  readonly responses: RecordedResponse[] = [];
  /** Every session token the server set in a cookie. */
  readonly sessionTokens: string[] = [];
  private addresses = 0;

  constructor(readonly app: FastifyInstance) {}

  client(): RecordingClient {
    this.addresses++;
    return new RecordingClient(
      this,
      `10.${(this.addresses >> 16) & 255}.${(this.addresses >> 8) & 255}.${this.addresses & 255}`,
    );
  }
}

export class RecordingClient {
  private cookie: string | undefined;
  private csrfToken: string | undefined;

  constructor(
    private readonly recorder: Recorder,
    readonly remoteAddress: string,
  ) {}

  get csrf(): string | undefined {
    return this.csrfToken;
  }

  /** Acts with a session opened elsewhere (e.g. by `openSession` in a test). */
  useSession(token: string, csrfToken: string): this {
    this.cookie = `scrutin_session=${token}`;
    this.csrfToken = csrfToken;
    return this;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    options: RequestOptions = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let payload: string | undefined;
    if (options.json !== undefined) {
      payload = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.text !== undefined) {
      payload = options.text;
      headers['content-type'] ??= options.contentType ?? 'text/csv';
    }
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    const response = await this.recorder.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.remoteAddress,
      ...(payload === undefined ? {} : { payload }),
    });
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join('\n') : String(value);
    }
    const body = response.rawPayload.toString('utf8');
    const isLogin = method === 'POST' && LOGIN.test(url.split('?')[0]!) && response.statusCode === 200;
    this.recorder.responses.push({ method, url, status: response.statusCode, headers: flat, body, isLogin });
    for (const cookie of response.cookies) {
      if (cookie.name !== 'scrutin_session') continue;
      if (cookie.value) this.recorder.sessionTokens.push(cookie.value);
      this.cookie = cookie.value ? `${cookie.name}=${cookie.value}` : undefined;
    }
    let json: unknown;
    if ((flat['content-type'] ?? '').includes('json')) json = JSON.parse(body);
    const token = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: response.statusCode, body, headers: flat, json };
  }

  get = (url: string, options?: RequestOptions) => this.request('GET', url, options);
  post = (url: string, json: unknown = {}, options: RequestOptions = {}) =>
    this.request('POST', url, { ...options, json });
  put = (url: string, json: unknown, options: RequestOptions = {}) =>
    this.request('PUT', url, { ...options, json });

  /** Signs in an account; throws unless the server says yes. */
  async signIn(email: string, password: string): Promise<this> {
    const answer = await this.post('/api/v1/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`sign-in of ${email} answered ${answer.status}`);
    return this;
  }

  async signInVoter(electionId: string, login: string, password: string): Promise<this> {
    const answer = await this.post(`/api/v1/elections/${electionId}/voter/login`, { login, password });
    if (answer.status !== 200) throw new Error(`voter sign-in of ${login} answered ${answer.status}`);
    return this;
  }
}
