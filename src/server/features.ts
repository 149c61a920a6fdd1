/**
 * THE LIST of the server's features, in the order `buildServer` registers them: each one a route
 * plugin of `routes/` (or `auth/`), given the context and the services built once by the composition
 * root. The order matters only where a plugin says so: health first (it answers even while the rest
 * starts), authentication before any route that reads a principal, the pages and assets last.
 *
 * A new feature: its plugin in `routes/<feature>.ts`, and one line here. Its pages are declared in
 * the web layer's one list (src/web/pages.ts), which the `pages` plugin serves.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app/services.js';
import { authPlugin } from './auth/index.js';
import type { ServerContext } from './context.js';
import { accountRoutes } from './routes/accounts.js';
import { adminRoutes } from './routes/admin.js';
import { consultationPageRoutes } from './routes/consultation-pages.js';
import { consultationRoutes } from './routes/consultations.js';
import { deliveryRoutes, voterSignInRecorder } from './routes/delivery.js';
import { electionRulesRoutes } from './routes/election-rules.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { operatorRoutes } from './routes/operator.js';
import { proxyRoutes } from './routes/proxies.js';
import { publicBoardRoutes } from './routes/public-board.js';
import { recoveryRoutes } from './routes/recovery.js';
import { rollRoutes } from './routes/roll.js';
import { scrutineerRoutes } from './routes/scrutineer.js';
import { shuffleRoutes } from './routes/shuffles.js';
import { staticRoutes } from './routes/static.js';
import { thresholdTrusteeRoutes } from './routes/threshold-trustees.js';
import { trusteeRoutes } from './routes/trustee.js';
import { voterRoutes } from './routes/voter.js';

export interface ServerFeature {
  /** For tests and messages. */
  readonly name: string;
  /** The feature's route plugin; it only reads the services (never builds one). */
  readonly plugin: (ctx: ServerContext, services: Services) => FastifyPluginAsync;
}

export const SERVER_FEATURES: readonly ServerFeature[] = [
  { name: 'health', plugin: (ctx) => healthRoutes(ctx) },
  { name: 'auth', plugin: (ctx) => authPlugin(ctx) },
  { name: 'public-board', plugin: (ctx, { elections }) => publicBoardRoutes(ctx, elections) },
  { name: 'voter', plugin: (ctx, { elections }) => voterRoutes(ctx, elections) },
  { name: 'admin', plugin: (ctx, { elections }) => adminRoutes(ctx, elections) },
  { name: 'trustee', plugin: (ctx, { elections }) => trusteeRoutes(ctx, elections) },
  { name: 'shuffles', plugin: (ctx, { elections }) => shuffleRoutes(ctx, elections) },
  { name: 'threshold-trustees', plugin: (ctx, services) => thresholdTrusteeRoutes(ctx, services) },
  { name: 'scrutineer', plugin: (ctx, { elections }) => scrutineerRoutes(ctx, elections) },
  { name: 'exports', plugin: (ctx, { elections }) => exportRoutes(ctx, elections) },
  { name: 'operator', plugin: (ctx) => operatorRoutes(ctx) },
  { name: 'voter-sign-in', plugin: (ctx) => voterSignInRecorder(ctx) },
  { name: 'delivery', plugin: (ctx, { elections }) => deliveryRoutes(ctx, elections) },
  { name: 'recovery', plugin: (ctx, services) => recoveryRoutes(ctx, services) },
  { name: 'roll', plugin: (ctx, services) => rollRoutes(ctx, services) },
  { name: 'congress', plugin: (ctx, services) => consultationRoutes(ctx, services) },
  { name: 'congress-pages', plugin: (ctx, services) => consultationPageRoutes(ctx, services) },
  { name: 'accounts', plugin: (ctx) => accountRoutes(ctx) },
  { name: 'election-rules', plugin: (ctx, services) => electionRulesRoutes(ctx, services) },
  { name: 'proxies', plugin: (ctx, services) => proxyRoutes(ctx, services) },
  { name: 'pages', plugin: (ctx) => staticRoutes(ctx) },
];
