/**
 * Builds the HTTP server (Fastify) without listening, so tests use `app.inject()`: structured logs
 * (pino, with credentials, cookies and tokens redacted), the coded error catalogue, authentication,
 * and one plugin per role. The domain services come from the composition root (src/app/services.ts),
 * built once; route plugins only read them.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { buildServices, type Services } from '../app/services.js';
import type { ElectionService } from '../election/service.js';
import { messagesFor } from '../i18n/index.js';
import { isHttps, type ServerContext, type TrustProxy } from './context.js';
import { DomainError, errorBody, httpStatus, preferredLanguage } from './errors.js';
import { SERVER_FEATURES } from './features.js';
import { collectOpenApi } from './openapi.js';

export interface BuiltServer {
  readonly app: FastifyInstance;
  readonly elections: ElectionService;
  readonly services: Services;
}

/** Paths that may carry secrets in logs: never logged (pino redaction). */
const REDACT = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.credential',
];

/** Browsers that once reached the server over https never try plain http for it for a year. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * What a log line says about a request: the method and the route pattern, never the raw URL (a
 * voting link mistyped with "?" instead of "#", or a secret pasted into a path, would otherwise
 * reach the logs); an election id is kept when the route has one, for operations.
 */
function requestForLog(request: { method: string; routeOptions?: { url?: string }; params?: unknown }) {
  const electionId = (request.params as { electionId?: unknown } | undefined)?.electionId;
  return {
    method: request.method,
    route: request.routeOptions?.url ?? '(no route)',
    ...(typeof electionId === 'string' && /^[1-9A-HJ-NP-Za-km-z]{14}$/.test(electionId)
      ? { electionId }
      : {}),
  };
}

/** Fastify's form: a hop count becomes "trust the first n hops", as Fastify itself would do. */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

export async function buildServer(
  ctx: ServerContext,
  logger: FastifyServerOptions['logger'] = false,
  /** Built from `ctx` unless the caller (the CLI, a test) built them already. */
  services: Services = buildServices(ctx),
): Promise<BuiltServer> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            ...(typeof logger === 'object' ? logger : {}),
            redact: REDACT,
            serializers: { req: requestForLog },
          },
    bodyLimit: ctx.config.bodyLimit,
    // Off unless TRUST_PROXY says which peers may name the client (X-Forwarded-For): otherwise any
    // client could pick the address its rate limits are counted under.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy ?? false),
    // Refuse bad input rather than repair it: no type coercion, no silent removal of unknown fields.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  const openapi = collectOpenApi(app);
  const { elections } = services;

  app.setErrorHandler((caught, request, reply) => {
    const error = caught as Error & { statusCode?: number; validation?: unknown };
    const language = preferredLanguage(request.headers['accept-language']);
    if (error instanceof DomainError) {
      return reply.status(httpStatus(error)).send(errorBody(error.code, language, error.detail));
    }
    const status = error.statusCode;
    if (error.validation) {
      return reply.status(400).send(errorBody('SCR_BAD_REQUEST', language, { problem: error.message }));
    }
    if (status === 413) return reply.status(413).send(errorBody('SCR_PAYLOAD_TOO_LARGE', language));
    if (status === 415 || (status !== undefined && status >= 400 && status < 500)) {
      return reply.status(status).send(errorBody('SCR_BAD_REQUEST', language));
    }
    request.log.error({ err: { type: error.name, stack: error.stack } }, 'unexpected error');
    return reply.status(500).send({
      error: { code: 'SCR_INTERNAL', message: messagesFor(language).ops.internalError },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('SCR_NOT_FOUND', preferredLanguage(request.headers['accept-language']))),
  );

  // Graceful stop: once `app.close()` starts, each answer closes its connection. Otherwise a
  // keep-alive connection whose request was in flight when closing began stays open (idle, but
  // after the one-time sweep of idle connections) and `close()` never resolves.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  // Every answer (pages, JSON, assets, exports, errors, 404s) is what its content-type says: a
  // browser never guesses a script or a page out of an export or an uploaded file's echo.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  if (isHttps(ctx.config)) {
    // On every answer, errors and 404s included; never over a plain-http base URL, where it would
    // be ignored at best and lock out a test set-up at worst.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('strict-transport-security', HSTS);
      return payload;
    });
  }
  // Every feature's routes, from the one list (features.ts), in its order.
  for (const feature of SERVER_FEATURES) await app.register(feature.plugin(ctx, services));
  app.get('/api/openapi.json', async () => openapi());
  return { app, elections, services };
}
