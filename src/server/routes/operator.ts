/**
 * The platform operator creates organisations and their first admin, who is mailed an invitation
 * and chooses their own password (the operator never sees it). It sees organisations, never
 * election content (the guards give it nothing on elections).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { createOrganisation } from '../../accounts/organisations.js';
import { requireOperator } from '../auth/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { mailLink, requireInvitationMail } from './accounts.js';

const CreateOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    admin: Type.Object(
      {
        email: Type.String({ minLength: 3, maxLength: 320 }),
        displayName: Type.String({ minLength: 1, maxLength: 200 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export function operatorRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: { name: string; admin: { email: string; displayName: string } } }>(
      '/api/v1/organisations',
      {
        schema: {
          body: CreateOrganisationBody,
          summary: 'Create an organisation and its first admin (operator)',
        },
      },
      async (request, reply) => {
        requireOperator(request);
        // Without mail the invitation could reach nobody; `scrutin org create` prints it instead.
        requireInvitationMail(ctx);
        const { name, admin } = request.body;
        const created = await createOrganisation(ctx.store, ctx.clock, {
          name,
          admin: { email: admin.email, displayName: admin.displayName },
          baseUrl: ctx.config.baseUrl,
        });
        if (!created.ok)
          throw created.kind === 'control-character'
            ? new ApiError('SCR_CONTROL_CHARACTER', { field: created.field })
            : new ApiError('SCR_PERSON_EXISTS');
        const { organisation, admin: account, invitation } = created;
        const mail = await mailLink(ctx, request.log, account, 'invitation', invitation, organisation.name);
        return reply.status(201).send({
          organisation,
          admin: { id: account.id, email: account.email, displayName: account.displayName },
          invitation: { expiresAt: invitation.expiresAt, mail },
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
        const organisations = await ctx.store.accounts.listOrganisations();
        return {
          organisations: await Promise.all(
            organisations.map(async (o) => {
              const [members, elections] = await Promise.all([
                ctx.store.accounts.listOrganisationMembers(o.id),
                ctx.store.elections.list(o.id),
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
