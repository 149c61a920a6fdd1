/**
 * `scrutin serve`: the election server on a port, with the store given by DATABASE_URL (SQLite file
 * by default), ballot checks on a worker-thread pool, the scheduler that opens and closes
 * elections at their times, and the mail sender (src/delivery/run-sender.ts).
 *
 * Stopping (`stop()`, on SIGTERM) is graceful: the listener stops taking connections and answers 503
 * on the ones already open, requests in flight (casts included) finish and are answered, then the
 * sender, the worker pool and the store close, in that order, so nothing acknowledged is lost.
 */
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServices } from '../../app/services.js';
import { systemClock } from '../../core/clock.js';
import type { MailMode } from '../../delivery/index.js';
import {
  demoTerminalTransport,
  loggingTransport,
  mailTransportFromEnvironment,
  smsConfigured,
  smtpConfigured,
  startSenderFromEnvironment,
  type Transport,
} from '../../delivery/index.js';
import { BallotWorkerPool } from '../../node/ballot-worker-pool.js';
import { installNodePlatform } from '../../node/platform.js';
import { type BuiltServer, buildServer } from '../../server/app.js';
import type { ServerContext, TrustProxy } from '../../server/context.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';

export interface RunningServer extends BuiltServer {
  readonly url: string;
  readonly store: Store;
  stop(): Promise<void>;
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`: unset, empty, `false` or `0` trusts nobody; `true` trusts
 * any peer (only when nothing but the proxy can reach the port); a whole number is the count of
 * proxy hops; otherwise a comma-separated list of addresses and CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`).
 * Anything else is refused at start-up rather than guessed.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^[0-9]+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || rest.length > 0)
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an IP address or CIDR range (expected true, a hop count, or a comma-separated list such as 127.0.0.1,10.0.0.0/8)`,
      );
  }
  return entries;
}

/**
 * BASE_URL from the environment. Vite and Vitest put `BASE_URL=/` (their asset base, not ours) in
 * the environment of everything they start, server processes under test included: that one value
 * means "unset". Any other value is checked by parseBaseUrl.
 */
export function baseUrlFromEnvironment(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' || raw === '/' ? undefined : raw;
}

/**
 * The public base URL: absolute http(s), no trailing slash. Refused otherwise, since it decides
 * HSTS and `Secure` cookies: `vote.example.org` without its scheme must not quietly mean http.
 */
export function parseBaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.host === '')
    throw new Error(
      `base URL "${raw}" must be an absolute http:// or https:// address, e.g. https://vote.example.org`,
    );
  return raw.replace(/\/+$/, '');
}

/** The mail mode `scrutin serve` runs in: SMTP when SMTP_URL is set, none otherwise. */
export function mailModeFromEnvironment(env: NodeJS.ProcessEnv): MailMode {
  return smtpConfigured(env) ? 'smtp' : 'none';
}

export async function startServer(options: {
  port: number;
  host: string;
  databaseUrl?: string;
  baseUrl?: string;
  log?: boolean;
  /**
   * `scrutin serve` passes mailModeFromEnvironment (no SMTP_URL: 'none'), the demo 'terminal-demo'.
   * Default, for embedders such as the browser tests: 'smtp' when SMTP_URL is set, else
   * 'terminal-demo' (actions allowed, every message marked failed "not sent", never "sent").
   */
  mail?: MailMode;
  /** Default: false (TRUST_PROXY is read by the CLI, see parseTrustProxy). */
  trustProxy?: TrustProxy;
  /** Where invitation and reset mails go, for embedders (tests read them there); default from `mail`. */
  accountMail?: Transport;
}): Promise<RunningServer> {
  installNodePlatform();
  const store = await openStore(options.databaseUrl);
  const pool = new BallotWorkerPool();
  const baseUrl =
    options.baseUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
  const mail = options.mail ?? (smtpConfigured(process.env) ? 'smtp' : 'terminal-demo');
  // Invitation and reset mails to staff leave at once (src/delivery/account-mail.ts): by SMTP, or,
  // in the demo, noted by account id only and answered "not sent". Assigned once the log exists.
  let accountMail: Transport | undefined;
  const accountTransport: Transport = {
    channel: 'email',
    send: (message) => accountMail!.send(message),
    close: async () => accountMail?.close(),
  };
  const ctx: ServerContext = {
    store,
    clock: systemClock,
    checker: pool.check,
    config: {
      baseUrl,
      secureCookies: baseUrl.startsWith('https:'),
      bodyLimit: 1024 * 1024,
      trustProxy: options.trustProxy ?? false,
      mail,
      // SMS needs a gateway (SMS_URL) and a sender that uses it: not in the demo.
      sms: mail !== 'terminal-demo' && smsConfigured(process.env) ? 'http' : 'none',
    },
    ...(mail === 'none' ? {} : { accountMail: accountTransport }),
  };
  // The domain services, built once by the composition root; the server's routes and the
  // scheduler below share them.
  const services = buildServices(ctx);
  const built = await buildServer(
    ctx,
    options.log === false ? false : { level: process.env.LOG_LEVEL ?? 'info' },
    services,
  );
  const app: FastifyInstance = built.app;
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = options.baseUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  // On port 0 (tests) the address is known only now: links in mails must name the real one.
  if (options.baseUrl === undefined && options.port === 0) (ctx.config as { baseUrl: string }).baseUrl = url;
  // The mail sender (SMTP_URL and DELIVERY_* settings; DELIVERY_SENDER=off to run it elsewhere).
  // The demo (no logs) notes each message it does not send on its terminal, by voter id only.
  const note =
    options.mail === 'terminal-demo' && options.log === false
      ? (line: string) => void process.stdout.write(`${line}\n`)
      : (line: string) => app.log.info(line);
  const demoTerminal = options.mail === 'terminal-demo' && options.log === false;
  accountMail =
    options.accountMail ??
    (mail === 'smtp'
      ? mailTransportFromEnvironment(process.env, note)
      : demoTerminal
        ? demoTerminalTransport(note)
        : loggingTransport('email', note));
  const sender = startSenderFromEnvironment(store, process.env, note, { mail });
  const timer = setInterval(() => {
    services.elections.tick().catch((error: unknown) => app.log.error({ err: error }, 'scheduler failed'));
  }, 5000);
  timer.unref();
  let stopping: Promise<void> | undefined;
  return {
    ...built,
    url,
    store,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        // Resolves once every request in flight has been answered (casts need the pool and store).
        await app.close();
        await sender?.stop();
        await accountTransport.close();
        await pool.close();
        await store.close();
      })();
      return stopping;
    },
  };
}
