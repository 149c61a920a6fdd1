/**
 * A browser-like client of an in-process test server (./server.ts): `app.inject()` requests that
 * keep the session cookie and send the CSRF token on writes. ./recorder.ts is the one that records
 * every answer for secret searches.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestAccount } from './scenario.js';

/** A browser-like client: remembers the session cookie and sends the CSRF token on writes. */
export class Client {
  private cookie: string | undefined;
  private csrf: string | undefined;
  readonly responses: LightMyRequestResponse[] = [];

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method,
      url,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body, headers: { 'content-type': 'text/csv', ...headers } }
          : { payload: body as object }),
      headers: {
        ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : {}),
        ...headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
      },
    });
    this.responses.push(response);
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) this.cookie = first.split(';')[0];
    const json = response.headers['content-type']?.toString().includes('json')
      ? (response.json() as Record<string, unknown>)
      : undefined;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely; each test asserts the fields it reads
    return { status: response.statusCode, json: json as any, body: response.rawPayload, response };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body: unknown) => this.request('PUT', url, body);
}

/** Signs `account` in on `client` (a new one on `app` by default); throws unless the server says yes. */
export async function signedIn(client: Client | FastifyInstance, account: TestAccount): Promise<Client> {
  const signed = client instanceof Client ? client : new Client(client);
  const answer = await signed.post('/api/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}`);
  return signed;
}
