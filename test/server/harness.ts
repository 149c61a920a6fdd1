/**
 * An election server for tests: real store (SQLite in a temp dir, or PostgreSQL in a fresh
 * schema), in-process ballot checks, `app.inject()` clients that keep cookies and CSRF tokens.
 */
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Clock, systemClock } from '../../src/core/clock.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { inProcessChecker } from '../../src/protocol/verifier.js';
import { type BuiltServer, buildServer } from '../../src/server/app.js';
import type { ServerConfig, ServerContext } from '../../src/server/context.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../support/tools.js';

export interface TestServer extends BuiltServer {
  readonly store: Store;
  readonly logs: string[];
  /** Invitation and reset mails to staff accounts, as the mail server received them. */
  readonly mails?: TestTransport;
  close(): Promise<void>;
}

export async function testServer(
  options: { databaseUrl?: string; clock?: Clock; config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  installNodePlatform();
  const store = await openStore(options.databaseUrl ?? `sqlite:${join(tempDir('store'), 'scrutin.db')}`);
  const logs: string[] = [];
  const mails = testTransport();
  const ctx: ServerContext = {
    store,
    clock: options.clock ?? systemClock,
    checker: inProcessChecker,
    config: {
      baseUrl: 'http://127.0.0.1:8080',
      secureCookies: false,
      bodyLimit: 1024 * 1024,
      ...options.config,
    },
    accountMail: mails,
  };
  const built = await buildServer(ctx, {
    level: 'debug',
    stream: { write: (line: string) => void logs.push(line) },
  });
  return {
    ...built,
    store,
    logs,
    mails,
    close: async () => {
      await built.app.close();
      await store.close();
    },
  };
}

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
