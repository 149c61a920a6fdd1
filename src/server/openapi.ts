/**
 * The OpenAPI 3.1 description of the HTTP API, built from the routes' own JSON schemas as they are
 * registered (so it cannot drift from what the server validates), served at /api/openapi.json.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

interface Operation {
  summary?: string;
  parameters: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

export function collectOpenApi(app: FastifyInstance): () => unknown {
  const paths: Record<string, Record<string, Operation>> = {};
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url === '/api/openapi.json') return;
    const schema = (route.schema ?? {}) as {
      body?: unknown;
      params?: { properties?: Record<string, unknown> };
      querystring?: unknown;
      response?: Record<string, unknown>;
      summary?: string;
    };
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    for (const method of methods) {
      const parameters = Object.keys(schema.params?.properties ?? {}).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const responses: Record<string, unknown> = {};
      for (const [status, body] of Object.entries(schema.response ?? { 200: {} })) {
        responses[status] = {
          description: `HTTP ${status}`,
          content: { 'application/json': { schema: body } },
        };
      }
      responses.default = { description: 'Error: {error:{code,message,detail?}} (see the error catalogue)' };
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        ...(schema.summary ? { summary: schema.summary } : {}),
        parameters,
        ...(schema.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body } } } }
          : {}),
        responses,
      };
    }
  });
  return () => ({
    openapi: '3.1.0',
    info: {
      title: 'Scrutin API',
      version: '1',
      description: 'End-to-end verifiable elections (Belenios 2.0 compatible).',
    },
    paths,
  });
}

declare module 'fastify' {
  interface FastifySchema {
    /** One-line description of the route, shown in the OpenAPI document. */
    summary?: string;
  }
}
