/**
 * Probes for orchestrators and load balancers. `/healthz` (liveness) says the process answers HTTP
 * and touches nothing else, so a slow database never gets a healthy process restarted. `/readyz`
 * (readiness) says this process can serve: the store answers and its schema is the one this code
 * expects; otherwise 503 naming what is wrong (a check name and pending migration names only, never
 * a connection string or a driver's message, which can carry a password).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context.js';

/** A store that does not answer within this delay is reported unreachable rather than awaited. */
const STORE_TIMEOUT_MS = 5000;

const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  checks: Type.Object({
    store: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('current'), Type.Literal('pending'), Type.Literal('unknown')]),
  }),
  pendingMigrations: Type.Array(Type.String()),
});

type Outcome = { kind: 'answered'; pending: string[] } | { kind: 'failed' };

async function probeStore(ctx: ServerContext): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'failed' }), STORE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      ctx.store.pendingMigrations().then(
        (pending): Outcome => ({ kind: 'answered', pending }),
        (): Outcome => ({ kind: 'failed' }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } }, config: { probe: true } },
      async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/readyz',
      { schema: { response: { 200: Ready, 503: Ready } }, config: { probe: true } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const outcome = await probeStore(ctx);
        if (outcome.kind === 'failed') {
          request.log.warn('readiness: the store does not answer');
          return reply.status(503).send({
            status: 'not-ready',
            checks: { store: 'unreachable', migrations: 'unknown' },
            pendingMigrations: [],
          });
        }
        const current = outcome.pending.length === 0;
        return reply.status(current ? 200 : 503).send({
          status: current ? 'ready' : 'not-ready',
          checks: { store: 'ok', migrations: current ? 'current' : 'pending' },
          pendingMigrations: outcome.pending,
        });
      },
    );
  };
}
