/**
 * The platform operator creates organisations and their first admin. It sees organisations, never
 * election content (the guards give it nothing on elections).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { secret } from '../../core/secret.js';
import { createOrganisation } from '../../election/organisations.js';
import { requireOperator } from '../auth/index.js';
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
      {
        schema: {
          body: CreateOrganisationBody,
          summary: 'Create an organisation and its first admin (operator)',
        },
      },
      async (request, reply) => {
        requireOperator(request);
        const { name, admin } = request.body;
        const created = await createOrganisation(ctx.store, ctx.clock, {
          name,
          admin: {
            email: admin.email,
            displayName: admin.displayName,
            password: secret(admin.password, 'password'),
          },
        });
        if (!created.ok)
          throw created.kind === 'email-taken'
            ? new ApiError('SCR_CONFLICT', { problem: 'an account with this email exists' })
            : created.kind === 'control-character'
              ? new ApiError('SCR_CONTROL_CHARACTER', { field: created.field })
              : new ApiError('SCR_WEAK_PASSWORD');
        const { organisation, admin: account } = created;
        return reply.status(201).send({
          organisation,
          admin: { id: account.id, email: account.email, displayName: account.displayName },
        });
      },
    );

    // The operator console's list: names and sizes only. The response schema is the allowlist, so
    // nothing of an election (not even its name) reaches the operator.
    app.get(
      '/api/v1/organisations',
      {
        schema: {
          summary: 'All organisations with their number of admins and elections (operator)',
          response: {
            200: Type.Object({
              organisations: Type.Array(
                Type.Object({
                  id: Type.String(),
                  name: Type.String(),
                  createdAt: Type.String(),
                  admins: Type.Integer(),
                  elections: Type.Integer(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        requireOperator(request);
        reply.header('cache-control', 'no-store');
        const organisations = await ctx.store.listOrganisations();
        return {
          organisations: await Promise.all(
            organisations.map(async (o) => {
              const [members, elections] = await Promise.all([
                ctx.store.listOrganisationMembers(o.id),
                ctx.store.listElections(o.id),
              ]);
              return {
                id: o.id,
                name: o.name,
                createdAt: o.createdAt,
                admins: members.filter((m) => m.role === 'org-admin').length,
                elections: elections.length,
              };
            }),
          ),
        };
      },
    );
  };
}
