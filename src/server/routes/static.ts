/**
 * Pages and static assets: every page of the one list src/web/pages.ts at the paths it declares
 * (the voting booth at /vote/:electionId…), and the built assets under /assets/ (dist/web, produced
 * by `npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { HASHED_OUTPUT, PAGES, type PageName } from '../../web/pages.js';
import { requirePublicElection } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * dist/web next to the compiled server (dist/server/routes → dist/web), next to the bundled command
 * (dist/scrutin.mjs → dist/web), or from the sources' build.
 */
export function webRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [
    join(here, '..', '..', 'web'),
    join(here, 'web'),
    join(here, '..', '..', '..', 'dist', 'web'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'booth.html'))) ?? candidates.at(-1)!;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A ballot box with a ballot going in, in the pages' blue: 32×32, no script, no external reference. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="4" y="14" width="24" height="15" rx="2" fill="#1d4ed8"/><rect x="10" y="16" width="12" height="2" rx="1" fill="#fff"/><rect x="11" y="3" width="10" height="13" rx="1" fill="#fff" stroke="#1d4ed8" stroke-width="2"/><path d="M13 9l2 2 4-4" fill="none" stroke="#1d4ed8" stroke-width="2"/></svg>`;

export function staticRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    const root = webRoot();
    app.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
      const relative = normalize(request.params['*']).replace(/^(\.\.(\/|\\|$))+/, '');
      const path = join(root, relative);
      // Only the bundle's content-hashed files are served, so they can be cached for ever.
      if (
        !path.startsWith(root) ||
        !HASHED_OUTPUT.test(relative) ||
        !existsSync(path) ||
        !TYPES[extname(path)]
      ) {
        throw new ApiError('SCR_NOT_FOUND');
      }
      return reply
        .header('content-type', TYPES[extname(path)]!)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(readFileSync(path));
    });
    // One page per role, at the paths its declaration gives (src/web/pages.ts); each page reads
    // what it shows from the JSON API. The public pages of an election answer 404 where its public
    // API does (a draft, to anyone but its staff; an unknown id): the same page, which then says so,
    // with the status a crawler sees.
    const publicPage = (page: PageName) => async (request: FastifyRequest, reply: FastifyReply) => {
      const { electionId } = request.params as { electionId: string };
      const visible = await requirePublicElection(ctx, request, electionId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 'SCR_NOT_FOUND') return false;
          throw error;
        },
      );
      return sendPage(visible ? reply : reply.status(404), root, page);
    };
    for (const page of PAGES)
      for (const { path, access } of page.routes)
        app.get(
          path,
          access === 'election'
            ? publicPage(page.name)
            : async (_request, reply) => sendPage(reply, root, page.name),
        );
    // The icon browsers ask for (and the pages name): a ballot box, as SVG under both names.
    for (const path of ['/favicon.ico', '/favicon.svg'])
      app.get(path, async (_request, reply) =>
        reply
          .header('content-type', 'image/svg+xml')
          .header('cache-control', 'public, max-age=86400')
          .header('x-content-type-options', 'nosniff')
          .send(FAVICON),
      );
  };
}

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A built page (dist/web/<page>.html) under a strict CSP: no inline script or style anywhere. */
export function sendPage(reply: FastifyReply, root: string, page: PageName) {
  const file = join(root, `${page}.html`);
  if (!existsSync(file)) throw new ApiError('SCR_NOT_FOUND');
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', PAGE_CSP)
    .send(readFileSync(file));
}
