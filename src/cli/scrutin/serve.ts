/**
 * `scrutin serve`: the election server on a port, with the store given by DATABASE_URL (SQLite file
 * by default), ballot checks on a worker-thread pool, the scheduler that opens and closes
 * elections at their times, and the mail sender (src/delivery/run-sender.ts).
 */
import type { FastifyInstance } from 'fastify';
import { startSenderFromEnvironment } from '../../delivery/run-sender.js';
import { BallotWorkerPool } from '../../node/ballot-worker-pool.js';
import { installNodePlatform } from '../../node/platform.js';
import { type BuiltServer, buildServer } from '../../server/app.js';
import { type ServerContext, systemClock } from '../../server/context.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';

export interface RunningServer extends BuiltServer {
  readonly url: string;
  readonly store: Store;
  stop(): Promise<void>;
}

export async function startServer(options: {
  port: number;
  host: string;
  databaseUrl?: string;
  baseUrl?: string;
  log?: boolean;
}): Promise<RunningServer> {
  installNodePlatform();
  const store = await openStore(options.databaseUrl);
  const pool = new BallotWorkerPool();
  const baseUrl =
    options.baseUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
  const ctx: ServerContext = {
    store,
    clock: systemClock,
    checker: pool.check,
    config: { baseUrl, secureCookies: baseUrl.startsWith('https:'), bodyLimit: 1024 * 1024 },
  };
  const built = await buildServer(
    ctx,
    options.log === false ? false : { level: process.env.LOG_LEVEL ?? 'info' },
  );
  const app: FastifyInstance = built.app;
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = options.baseUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  // The mail sender (SMTP_URL and DELIVERY_* settings; DELIVERY_SENDER=off to run it elsewhere).
  const sender = startSenderFromEnvironment(store, process.env, (line) => app.log.info(line));
  const timer = setInterval(() => {
    built.elections.tick().catch((error: unknown) => app.log.error({ err: error }, 'scheduler failed'));
  }, 5000);
  timer.unref();
  return {
    ...built,
    url,
    store,
    async stop() {
      clearInterval(timer);
      await sender?.stop();
      await app.close();
      await pool.close();
      await store.close();
    },
  };
}
