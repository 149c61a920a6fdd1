/**
 * The one way tests start a Scrutin server, in one of three modes:
 * - `inject` (default): built in-process over a real store (SQLite in a temp dir, PostgreSQL in a
 *   fresh schema, or a store the test wraps), in-process ballot checks, log lines and staff mails
 *   kept for the test, reached through `app.inject()` (see ./client.ts and ./recorder.ts);
 * - `listen`: the same server on a port the kernel picks, with what `scrutin serve` runs beside it
 *   (the mail sender from the environment, the scheduler), for Chromium and HTTP clients;
 * - `process`: `scrutin serve` as a separate process from the compiled tree (./server-process.ts).
 * Every in-process server is built by `buildTestServer` below: a change in how the server is
 * composed (src/server/app.ts) is adapted here, once.
 */
import { join } from 'node:path';
import { type Clock, systemClock } from '../../src/core/clock.js';
import { startSenderFromEnvironment } from '../../src/delivery/run-sender.js';
import { smtpConfigured, type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { inProcessChecker } from '../../src/protocol/verifier.js';
import { type BuiltServer, buildServer } from '../../src/server/app.js';
import type { ServerConfig, ServerContext } from '../../src/server/context.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../support/tools.js';
import { type ServerProcess, type ServerProcessOptions, startServerProcess } from './server-process.js';

export { hasBuiltServer, MISSING_BUILD, SCRUTIN_CLI, type ServerProcess } from './server-process.js';

export interface TestServer extends BuiltServer {
  readonly store: Store;
  /** What the server was built from (store, clock, checker, configuration, staff mail). */
  readonly ctx: ServerContext;
  /** The server's configuration, as its routes read it: a test may change a field between requests. */
  readonly config: ServerConfig;
  /** Every log line, as the server wrote it. */
  readonly logs: string[];
  /** Invitation and reset mails to staff accounts, as the mail server received them. */
  readonly mails: TestTransport;
  close(): Promise<void>;
}

/** A server listening on a port: `url` is its address (also its configured base URL). */
export interface ListeningServer extends TestServer {
  readonly url: string;
}

export interface InProcessOptions {
  /** A `sqlite:`/`postgres:` URL; default a fresh SQLite file (named after `label`). */
  readonly databaseUrl?: string;
  readonly label?: string;
  /** Wraps the store the server uses (a test that makes some writes fail, for instance). */
  readonly wrapStore?: (store: Store) => Store;
  readonly clock?: Clock;
  readonly config?: Partial<ServerConfig>;
  /** Where staff mails go; default a fresh test transport. */
  readonly mails?: TestTransport;
  /** Default 'debug'. */
  readonly logLevel?: string;
  /** `listen` mode: whether the mail sender runs beside the server (default true). */
  readonly sender?: boolean;
  /**
   * `listen` mode: the mail server voters' messages go to (an SMTP sink's URL): mail is 'smtp' and
   * the sender looks for messages every 200 ms. Default: as SMTP_URL says.
   */
  readonly smtpUrl?: string;
}

export type TestServerOptions =
  | (InProcessOptions & { readonly mode?: 'inject' })
  | (InProcessOptions & { readonly mode: 'listen' })
  | (ServerProcessOptions & { readonly mode: 'process' });

export function startTestServer(
  options?: InProcessOptions & { readonly mode?: 'inject' },
): Promise<TestServer>;
export function startTestServer(
  options: InProcessOptions & { readonly mode: 'listen' },
): Promise<ListeningServer>;
export function startTestServer(
  options: ServerProcessOptions & { readonly mode: 'process' },
): Promise<ServerProcess>;
export async function startTestServer(
  options: TestServerOptions = {},
): Promise<TestServer | ListeningServer | ServerProcess> {
  if (options.mode === 'process') return startServerProcess(options);
  const built = await buildTestServer(options, options.mode === 'listen');
  return options.mode === 'listen' ? listen(built, options) : built;
}

/** The in-process server of both `inject` and `listen` modes. */
async function buildTestServer(options: InProcessOptions, listening: boolean): Promise<TestServer> {
  installNodePlatform();
  const opened = await openStore(
    options.databaseUrl ?? `sqlite:${join(tempDir(options.label ?? 'store'), 'scrutin.db')}`,
  );
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const logs: string[] = [];
  const mails = options.mails ?? testTransport();
  const config: ServerConfig = {
    baseUrl: 'http://127.0.0.1:8080',
    secureCookies: false,
    bodyLimit: 1024 * 1024,
    // On a port, mail is what `scrutin serve` would choose: SMTP when SMTP_URL names a server, the
    // demo's "noted, not sent" otherwise.
    ...(listening ? { mail: smtpConfigured(senderEnvironment(options)) ? 'smtp' : 'terminal-demo' } : {}),
    ...options.config,
  };
  const ctx: ServerContext = {
    store,
    clock: options.clock ?? systemClock,
    checker: inProcessChecker,
    config,
    accountMail: mails,
  };
  const built = await buildServer(ctx, {
    level: options.logLevel ?? 'debug',
    stream: {
      write: (line: string) => {
        logs.push(line);
        // STAFF_TEST_LOG=1 shows what a listening server logs while a browser test runs.
        if (listening && process.env.STAFF_TEST_LOG === '1') process.stderr.write(line);
      },
    },
  });
  let closing: Promise<void> | undefined;
  return {
    ...built,
    store,
    ctx,
    config,
    logs,
    mails,
    close() {
      closing ??= (async () => {
        await built.app.close();
        await opened.close();
      })();
      return closing;
    },
  };
}

/** The environment a listening server's mail sender reads, as `scrutin serve`'s would. */
function senderEnvironment(options: InProcessOptions): NodeJS.ProcessEnv {
  return options.smtpUrl === undefined
    ? process.env
    : { ...process.env, SMTP_URL: options.smtpUrl, DELIVERY_POLL_MS: '200' };
}

/** Listens on 127.0.0.1 (kernel-picked port) and runs the mail sender and scheduler as `scrutin serve` does. */
async function listen(server: TestServer, options: InProcessOptions): Promise<ListeningServer> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Links in mails must name the real address, known only now.
  (server.config as { baseUrl: string }).baseUrl = url;
  const note = (line: string) => server.app.log.info(line);
  const sender =
    options.sender === false
      ? undefined
      : startSenderFromEnvironment(server.store, senderEnvironment(options), note, {
          mail: server.config.mail,
        });
  const timer = setInterval(() => {
    server.elections
      .tick()
      .catch((error: unknown) => server.app.log.error({ err: error }, 'scheduler failed'));
  }, 5000);
  timer.unref();
  let closing: Promise<void> | undefined;
  return {
    ...server,
    url,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await sender?.stop();
        await server.close();
      })();
      return closing;
    },
  };
}
