/**
 * A browser-like client of an in-process test server (./server.ts): `app.inject()` requests that
 * keep the session cookie and send the CSRF token on writes. ./recorder.ts is the one that records
 * every answer for secret searches.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestAccount } from './scenario.js';

/** An answer as the tests read it. */
export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely; each test asserts the fields it reads
  readonly json: any;
  readonly body: Buffer;
  readonly response: LightMyRequestResponse;
}

/**
 * A browser-like client: remembers the session cookie and sends the CSRF token on writes, from its
 * own client address when given one (the login rate limits count per address).
 */
export class Client {
  /** The session cookie (`name=value`), once the server set one. */
  cookie: string | undefined;
  private csrf: string | undefined;
  readonly responses: LightMyRequestResponse[] = [];

  constructor(
    private readonly app: FastifyInstance,
    readonly remoteAddress?: string,
  ) {}

  /** JSON for an object `body`, text/csv for a string one. */
  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    return this.answer(
      await this.app.inject({
        method,
        url,
        ...this.addressed(),
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body, headers: { 'content-type': 'text/csv', ...headers } }
            : { payload: body as object }),
        headers: {
          ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : {}),
          ...headers,
          ...this.session(method),
        },
      }),
    );
  }

  /** Sends `payload` as it is, with `contentType` (none when undefined): for malformed requests. */
  async send(method: string, url: string, payload?: string | Buffer, contentType?: string): Promise<Answer> {
    return this.answer(
      await this.app.inject({
        method: method as 'POST',
        url,
        ...this.addressed(),
        ...(payload === undefined ? {} : { payload }),
        headers: {
          ...(contentType === undefined ? {} : { 'content-type': contentType }),
          ...this.session(method),
        },
      }),
    );
  }

  /** `body` serialised by the test, sent as application/json. */
  sendJson = (method: string, url: string, body: unknown) =>
    this.send(method, url, JSON.stringify(body), 'application/json');

  /** The same session seen from another client address. */
  from(address: string): Client {
    const moved = new Client(this.app, address);
    moved.cookie = this.cookie;
    moved.csrf = this.csrf;
    return moved;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body: unknown) => this.request('PUT', url, body);

  private addressed() {
    return this.remoteAddress === undefined ? {} : { remoteAddress: this.remoteAddress };
  }

  private session(method: string): Record<string, string> {
    return {
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
    };
  }

  private answer(response: LightMyRequestResponse): Answer {
    this.responses.push(response);
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) this.cookie = first.split(';')[0];
    const json = response.headers['content-type']?.toString().includes('json')
      ? (response.json() as Record<string, unknown>)
      : undefined;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: response.statusCode, json, body: response.rawPayload, response };
  }
}

/** Signs `account` in on `client` (a new one on `app` by default); throws unless the server says yes. */
export async function signedIn(
  client: Client | FastifyInstance,
  account: Pick<TestAccount, 'email' | 'password'>,
): Promise<Client> {
  const signed = client instanceof Client ? client : new Client(client);
  const answer = await signed.post('/api/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}`);
  return signed;
}
