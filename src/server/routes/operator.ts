/**
 * The platform operator creates organisations and their first admin. It sees organisations, never
 * election content (the guards give it nothing on elections).
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { secret } from '../../core/secret.js';
import { hashPassword, requireOperator } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

const CreateOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    admin: Type.Object(
      {
        email: Type.String({ minLength: 3, maxLength: 320 }),
        displayName: Type.String({ minLength: 1, maxLength: 200 }),
        password: Type.String({ minLength: 10, maxLength: 1024 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export function operatorRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: { name: string; admin: { email: string; displayName: string; password: string } } }>(
      '/api/v1/organisations',
      { schema: { body: CreateOrganisationBody, summary: 'Create an organisation and its first admin (operator)' } },
      async (request, reply) => {
        requireOperator(request);
        const { name, admin } = request.body;
        if (await ctx.store.findAccountByEmail(admin.email)) throw new ApiError('SCR_CONFLICT', { problem: 'an account with this email exists' });
        const now = ctx.clock.now().toISOString();
        const organisation = { id: randomBytes(9).toString('base64url'), name, createdAt: now };
        await ctx.store.createOrganisation(organisation);
        const account = {
          id: randomBytes(9).toString('base64url'),
          email: admin.email,
          displayName: admin.displayName,
          passwordHash: await hashPassword(secret(admin.password, 'password')),
          isOperator: false,
          createdAt: now,
        };
        await ctx.store.createAccount(account);
        await ctx.store.addMembership({ organisationId: organisation.id, accountId: account.id, role: 'org-admin' });
        return reply.status(201).send({ organisation, admin: { id: account.id, email: account.email, displayName: account.displayName } });
      },
    );

    app.get('/api/v1/organisations', { schema: { summary: 'All organisations (operator)' } }, async (request) => {
      requireOperator(request);
      return { organisations: await ctx.store.listOrganisations() };
    });
  };
}
