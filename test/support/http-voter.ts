/**
 * A browser-like HTTP client for servers running in another process: node:http over a keep-alive
 * agent (one connection per client, as one browser tab), remembering the session cookie and sending
 * the CSRF token on writes, like test/world/client.ts's `Client` does over `app.inject()`.
 *
 * Each client may leave from its own loopback address (`localAddress`, any of 127.0.0.0/8 on Linux):
 * the server's per-address login budget (10 a minute) then applies per simulated voter, as it would
 * to voters on their own machines. Pure Node: no Scrutin module is imported, so the benchmark (which
 * loads the compiled tree) can share it with the tests (which load the sources).
 */
import http from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The parsed body when the server said it is JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: test code reads answers loosely, as test/world/client.ts does
  readonly json: any;
}

export interface RequestOptions {
  /** Sent as is (a string or bytes) instead of the JSON of `body`. */
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Milliseconds before the request is abandoned with an error. */
  readonly timeoutMs?: number;
}

/** The n-th loopback source address, 127.77.x.y (n < 65 000): one per simulated machine. */
export function loopbackAddress(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 250 * 250) throw new RangeError(`loopbackAddress: n = ${n}`);
  return `127.77.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`;
}

export class HttpVoter {
  private cookie: string | undefined;
  private csrf: string | undefined;
  private readonly agent: http.Agent;
  private readonly origin: URL;

  constructor(
    baseUrl: string,
    readonly localAddress?: string,
  ) {
    this.origin = new URL(baseUrl);
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: 1,
      ...(localAddress ? { localAddress } : {}),
    });
  }

  /** Sends later requests to another server (another process, or the same one restarted) with the same session. */
  moveTo(baseUrl: string): HttpVoter {
    const moved = new HttpVoter(baseUrl, this.localAddress);
    moved.cookie = this.cookie;
    moved.csrf = this.csrf;
    return moved;
  }

  get signedIn(): boolean {
    return this.cookie !== undefined;
  }

  request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpAnswer> {
    const payload =
      options.raw !== undefined
        ? Buffer.from(options.raw)
        : body === undefined
          ? undefined
          : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {
      ...(payload !== undefined && options.raw === undefined ? { 'content-type': 'application/json' } : {}),
      ...(payload !== undefined ? { 'content-length': payload.length } : {}),
      ...options.headers,
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(this.csrf && method !== 'GET' && method !== 'HEAD' ? { 'x-csrf-token': this.csrf } : {}),
    };
    return new Promise<HttpAnswer>((resolve, reject) => {
      const request = http.request(
        {
          protocol: this.origin.protocol,
          hostname: this.origin.hostname,
          port: this.origin.port,
          path,
          method,
          headers,
          agent: this.agent,
          ...(this.localAddress ? { localAddress: this.localAddress } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const answer = this.remember(response, bytes);
            resolve(answer);
          });
        },
      );
      request.on('error', reject);
      if (options.timeoutMs !== undefined) {
        request.setTimeout(options.timeoutMs, () =>
          request.destroy(new Error(`${method} ${path}: no answer in ${options.timeoutMs} ms`)),
        );
      }
      request.end(payload);
    });
  }

  private remember(response: http.IncomingMessage, body: Buffer): HttpAnswer {
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) {
      const pair = first.split(';')[0]!;
      // A cleared cookie (empty value) ends the session on our side too.
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    let json: unknown;
    if (response.headers['content-type']?.includes('json') && body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    if (
      json !== null &&
      typeof json === 'object' &&
      typeof (json as { csrfToken?: unknown }).csrfToken === 'string'
    ) {
      this.csrf = (json as { csrfToken: string }).csrfToken;
    }
    return { status: response.statusCode ?? 0, headers: response.headers, body, json };
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, undefined, options);
  post = (path: string, body: unknown = {}, options?: RequestOptions) =>
    this.request('POST', path, body, options);

  /** Closes idle keep-alive connections (a test ends with no socket open). */
  close(): void {
    this.agent.destroy();
  }
}
