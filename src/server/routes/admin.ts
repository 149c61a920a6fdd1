/**
 * Organisation and election administration: create an election, set its questions, schedule and
 * voter roll, its trustees and credentials, then open, close, extend, tally, publish or annul it.
 * Every route names the role it needs; answers are built from allowlists (a voter is shown with
 * whether a credential is set, never with the credential or a password hash).
 */

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { addMember } from '../../accounts/members.js';
import { fieldWithControlCharacter } from '../../accounts/organisations.js';
import { sha256B64 } from '../../core/hash.js';
import type { ElectionId, OrganisationId } from '../../core/ids.js';
import { deliverySettings, messageLanguage } from '../../delivery/index.js';
import { assertRoleSeparation } from '../../election/role-separation.js';
import { grantElectionRole } from '../../election/roles.js';
import { maskAddress } from '../../election/roll-state.js';
import type { ElectionService } from '../../election/service.js';
import { storedQuestions } from '../../store/decode.js';
import type { ElectionRow, Store, VoterRow } from '../../store/store.js';
import {
  electionRolesOf,
  requireAccount,
  requireElectionRole,
  requireOrganisationAdmin,
} from '../auth/index.js';
import { strictValidator } from '../auth/strict-validator.js';
import type { ServerContext } from '../context.js';
import { acceptCsvBodies } from '../csv-body.js';
import { ApiError } from '../errors.js';
import { mailLink, requireInvitationMail } from './accounts.js';
import { ElectionParams } from './public-board.js';

type P = { Params: { electionId: ElectionId } };

const OrganisationParams = Type.Object({ organisationId: Type.String({ minLength: 1, maxLength: 64 }) });
const CreateElectionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 5000 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    group: Type.Optional(Type.Union([Type.Literal('BELENIOS-2048'), Type.Literal('RFC-3526-2048')])),
  },
  { additionalProperties: false },
);
const ScheduleBody = Type.Object(
  {
    opensAt: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
    closesAt: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** The CSV of a voter-roll import: a text body, or exactly {"csv": string}; anything else is refused. */
function csvOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  const csv = (body as { csv?: unknown }).csv;
  return keys.length === 1 && typeof csv === 'string' ? csv : undefined;
}

/** Actions without parameters take no body (or an empty JSON object): anything else is a mistake. */
async function noBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new ApiError('SCR_BAD_REQUEST', { problem: 'this action takes no body' });
}

/**
 * Who may read the roll, and how: election admins and the credential authority in full, scrutineers
 * (issue 15) with addresses masked; answers true for a scrutineer's masked view.
 */
export async function rollReadMasked(
  ctx: ServerContext,
  request: Parameters<typeof requireElectionRole>[1],
  electionId: string,
): Promise<boolean> {
  const { account } = await requireElectionRole(ctx, request, electionId, [
    'election-admin',
    'credential-authority',
    'scrutineer',
  ]);
  const held = await electionRolesOf(ctx.store, account.id, (await ctx.store.elections.get(electionId))!);
  return !held.has('election-admin') && !held.has('credential-authority');
}

/** `defaultLanguage`: the election's, which a voter imported without a language follows. */
export function voterView(v: VoterRow, defaultLanguage = 'fr') {
  return {
    id: v.id,
    login: v.login,
    email: v.email,
    displayName: v.displayName,
    weight: v.weight,
    language: messageLanguage(v.language, defaultLanguage),
    hasCredential: v.publicCredential !== null,
  };
}

export function electionAdminView(row: ElectionRow) {
  return {
    id: row.id,
    organisationId: row.organisationId,
    state: row.state,
    name: row.name,
    description: row.description,
    group: row.groupName,
    questions: storedQuestions(row),
    timeZone: row.timeZone,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    credentialMode: row.credentialMode,
    sealed: row.fingerprint
      ? { election: row.fingerprint, trustees: row.trusteesHash, credentials: row.credentialsHash }
      : null,
    annulReason: row.annulReason,
    version: row.version,
  };
}

export function adminRoutes(ctx: ServerContext, elections: ElectionService): FastifyPluginAsync {
  return async (app) => {
    const admin = (request: Parameters<typeof requireElectionRole>[1], electionId: string) =>
      requireElectionRole(ctx, request, electionId, ['election-admin']);

    app.post<{
      Params: { organisationId: OrganisationId };
      Body: {
        name: string;
        description: string;
        timeZone: string;
        group?: 'BELENIOS-2048' | 'RFC-3526-2048';
      };
    }>(
      '/api/v1/organisations/:organisationId/elections',
      {
        schema: {
          params: OrganisationParams,
          body: CreateElectionBody,
          summary: 'Create an election (draft)',
        },
      },
      async (request, reply) => {
        const { account } = await requireOrganisationAdmin(ctx, request, request.params.organisationId);
        // The election and its creator's role commit together with the entry.
        const row = await elections.create(
          request.params.organisationId,
          account,
          { ...request.body, groupName: request.body.group },
          (tx, created) =>
            tx.elections.addRole({ electionId: created.id, accountId: account.id, role: 'election-admin' }),
        );
        return reply.status(201).send(electionAdminView(row));
      },
    );

    app.get<{ Params: { organisationId: OrganisationId } }>(
      '/api/v1/organisations/:organisationId/elections',
      { schema: { params: OrganisationParams, summary: "The organisation's elections" } },
      async (request) => {
        await requireOrganisationAdmin(ctx, request, request.params.organisationId);
        return {
          elections: (await ctx.store.elections.list(request.params.organisationId)).map(electionAdminView),
        };
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/admin',
      { schema: { params: ElectionParams, summary: 'Election settings (admin view)' } },
      async (request) => {
        await admin(request, request.params.electionId);
        const row = await elections.get(request.params.electionId);
        // A published box annulled in its consultation keeps its state; its page shows the same reason.
        const box =
          row.annulReason === null ? await ctx.store.consultations.boxOfElection(row.id) : undefined;
        return electionAdminView(box?.annulReason ? { ...row, annulReason: box.annulReason } : row);
      },
    );

    app.put<P & { Body: { questions: unknown } }>(
      '/api/v1/elections/:electionId/questions',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { questions: Type.Array(Type.Unknown(), { maxItems: 50 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return electionAdminView(
          await elections.setQuestions(request.params.electionId, account, request.body.questions),
        );
      },
    );

    app.put<P & { Body: { opensAt: string | null; closesAt: string | null; timeZone?: string } }>(
      '/api/v1/elections/:electionId/schedule',
      {
        schema: {
          params: ElectionParams,
          body: ScheduleBody,
          summary: 'Opening and closing times, with explicit offsets',
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return electionAdminView(
          await elections.setSchedule(request.params.electionId, account, request.body),
        );
      },
    );

    app.post<P & { Body: { closesAt: string } }>(
      '/api/v1/elections/:electionId/extend',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object({ closesAt: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return electionAdminView(
          await elections.extendClosing(request.params.electionId, account, request.body.closesAt),
        );
      },
    );

    // CSV arrives as text on this route only: every other route takes JSON.
    await app.register(async (scoped) => {
      acceptCsvBodies(scoped);
      scoped.put<P & { Body: unknown }>(
        '/api/v1/elections/:electionId/voters',
        {
          schema: {
            params: ElectionParams,
            summary:
              "Import the voter roll (CSV text, or JSON {csv}: email,login,weight,name[,language[,phone]], phone in E.164; without a language, the election's default); all or nothing; once credentials are issued, refused unless identical (per-voter actions then)",
          },
        },
        async (request) => {
          const { account } = await admin(request, request.params.electionId);
          const csv = csvOf(request.body);
          if (csv === undefined)
            throw new ApiError('SCR_BAD_REQUEST', {
              problem: 'send the CSV as text/csv, or as JSON {"csv": "…"}',
            });
          const voters = await elections.importVoters(request.params.electionId, account, csv);
          // Once credentials are issued, only the same roll is accepted, and it changes nothing.
          return voters.unchanged
            ? { imported: voters.length, unchanged: true }
            : { imported: voters.length };
        },
      );
    });

    app.get<P>(
      '/api/v1/elections/:electionId/voters',
      {
        schema: {
          params: ElectionParams,
          summary: 'The voter roll (no secrets); scrutineers see addresses masked',
        },
      },
      async (request) => {
        const { electionId } = request.params;
        const masked = await rollReadMasked(ctx, request, electionId);
        const { defaultLanguage } = await deliverySettings(ctx.store, electionId);
        const voters = (await ctx.store.voters.list(electionId)).map((v) => voterView(v, defaultLanguage));
        return { voters: masked ? voters.map((v) => ({ ...v, email: maskAddress(v.email) })) : voters };
      },
    );

    app.post<P>(
      '/api/v1/elections/:electionId/trustees/server',
      {
        schema: {
          params: ElectionParams,
          summary: 'Let the server hold a decryption key (weakest mode: the platform can decrypt alone)',
        },
        preValidation: noBody,
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        await elections.useServerTrustee(request.params.electionId, account);
        return { ok: true };
      },
    );

    app.post<P & { Body: { displayName: string; publicKey: string } }>(
      '/api/v1/elections/:electionId/trustees/single',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            {
              displayName: Type.String({ minLength: 1, maxLength: 200 }),
              publicKey: Type.String({ maxLength: 20000 }),
            },
            { additionalProperties: false },
          ),
          summary: "Add an external trustee's public key (generated on the trustee's side)",
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        await elections.addSingleTrustee(request.params.electionId, account, {
          ...request.body,
          accountId: null,
        });
        return { ok: true };
      },
    );

    app.get<P>(
      '/api/v1/elections/:electionId/trustees',
      { schema: { params: ElectionParams } },
      async (request) => {
        await requireElectionRole(ctx, request, request.params.electionId, [
          'election-admin',
          'trustee',
          'scrutineer',
        ]);
        const trustees = await ctx.store.trustees.list(request.params.electionId);
        // Allowlist: a Single key's public part; a threshold group only as a summary (its protocol state
        // holds shares sealed for each trustee, which only that trustee may fetch).
        return {
          trustees: trustees.map((t) => ({
            position: t.position,
            kind: t.kind,
            displayName: t.displayName,
            publicKey: t.kind === 'pedersen' ? null : t.publicJson,
            fingerprint: t.kind === 'pedersen' || t.publicJson === null ? null : sha256B64(t.publicJson),
          })),
        };
      },
    );

    app.post<P & { Body: { publicCredentials: string[] } }>(
      '/api/v1/elections/:electionId/credentials/public',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { publicCredentials: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 200000 }) },
            { additionalProperties: false },
          ),
          summary:
            'Upload public credentials from an external credential authority (credential,weight,login); the credential authority only, never an admin',
        },
      },
      async (request) => {
        // Only the credential authority, never an admin of the election (see role-separation.ts).
        const { account } = await requireElectionRole(ctx, request, request.params.electionId, [
          'credential-authority',
        ]);
        const held = await electionRolesOf(
          ctx.store,
          account.id,
          await elections.get(request.params.electionId),
        );
        if (held.has('election-admin')) throw new ApiError('SCR_CREDENTIAL_AUTHORITY_SEPARATION');
        return elections.setExternalPublicCredentials(
          request.params.electionId,
          account,
          request.body.publicCredentials,
        );
      },
    );

    const transition = (
      path: string,
      summary: string,
      run: (electionId: ElectionId, actor: { id: string }) => Promise<ElectionRow>,
    ) =>
      app.post<P>(
        `/api/v1/elections/:electionId/${path}`,
        { schema: { params: ElectionParams, summary }, preValidation: noBody },
        async (request) => {
          const { account } = await admin(request, request.params.electionId);
          return electionAdminView(await run(request.params.electionId, account));
        },
      );
    transition('open', 'Open: freeze questions, voters and keys in the Setup event', (id, a) =>
      elections.open(id, a),
    );
    transition('close', 'Close the ballot box', (id, a) => elections.close(id, a));
    transition('tally', 'Compute the encrypted tally', (id, a) => elections.tally(id, a));
    transition('publish', 'Combine partial decryptions, write and publish the result', (id, a) =>
      elections.publish(id, a),
    );

    app.post<P & { Body: { reason: string } }>(
      '/api/v1/elections/:electionId/annul',
      {
        schema: {
          params: ElectionParams,
          body: Type.Object(
            { reason: Type.String({ minLength: 5, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { account } = await admin(request, request.params.electionId);
        return electionAdminView(
          await elections.annul(request.params.electionId, account, request.body.reason),
        );
      },
    );

    registerPeopleRoutes(app, ctx, elections);
  };
}

/** Roles an election admin may hand out here; trustees get theirs when declared in a threshold group. */
const GRANTABLE_ROLES = ['election-admin', 'credential-authority', 'scrutineer', 'trustee'] as const;

/**
 * The people of an organisation, for the admin pages: its admins and the accounts holding a role in
 * one of its elections (trustees, scrutineers…). An admin adds a person, who is mailed an invitation
 * to choose their own password (the admin never knows it); accounts of other tenants stay invisible.
 */
async function organisationPeople(store: Store, organisationId: string) {
  const people = new Map<string, { orgAdmin: boolean; roles: { electionId: string; role: string }[] }>();
  const person = (accountId: string) => {
    const known = people.get(accountId);
    if (known) return known;
    const found = { orgAdmin: false, roles: [] as { electionId: string; role: string }[] };
    people.set(accountId, found);
    return found;
  };
  for (const m of await store.accounts.listOrganisationMembers(organisationId)) {
    const found = person(m.accountId);
    if (m.role === 'org-admin') found.orgAdmin = true;
  }
  for (const election of await store.elections.list(organisationId)) {
    for (const grant of await store.elections.listRoles(election.id))
      person(grant.accountId).roles.push({ electionId: grant.electionId, role: grant.role });
  }
  const members = [];
  for (const [accountId, held] of people) {
    const account = await store.accounts.getAccount(accountId);
    if (account)
      members.push({
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        status: account.status,
        ...held,
      });
  }
  return members.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function registerPeopleRoutes(
  app: Parameters<FastifyPluginAsync>[0],
  ctx: ServerContext,
  elections: ElectionService,
): void {
  app.get(
    '/api/v1/account/organisations',
    { schema: { summary: 'The organisations the signed-in account administers' } },
    async (request) => {
      const { account } = requireAccount(request);
      const organisations = [];
      for (const m of await ctx.store.accounts.listMemberships(account.id)) {
        if (m.role !== 'org-admin') continue;
        const organisation = await ctx.store.accounts.getOrganisation(m.organisationId);
        if (organisation) organisations.push({ id: organisation.id, name: organisation.name });
      }
      return { organisations };
    },
  );

  app.get<{ Params: { organisationId: OrganisationId } }>(
    '/api/v1/organisations/:organisationId/members',
    {
      schema: { params: OrganisationParams, summary: "The organisation's admins and election role holders" },
    },
    async (request) => {
      await requireOrganisationAdmin(ctx, request, request.params.organisationId);
      return { members: await organisationPeople(ctx.store, request.params.organisationId) };
    },
  );

  app.post<{
    Params: { organisationId: OrganisationId };
    Body: { email: string; displayName: string; orgAdmin: boolean };
  }>(
    '/api/v1/organisations/:organisationId/members',
    {
      schema: {
        params: OrganisationParams,
        // No password field: the person chooses theirs on the invitation link (issue 15).
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            orgAdmin: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        summary:
          'Add a person, optionally as organisation admin: they are mailed an invitation (single use, 72 hours) to choose their own password',
      },
      validatorCompiler: strictValidator,
    },
    async (request, reply) => {
      const { organisationId } = request.params;
      const { account: actor } = await requireOrganisationAdmin(ctx, request, organisationId);
      const { email, displayName, orgAdmin } = request.body;
      const controlled = fieldWithControlCharacter({ email, displayName });
      if (controlled !== undefined) throw new ApiError('SCR_CONTROL_CHARACTER', { field: controlled });
      requireInvitationMail(ctx);
      // The account, its memberships, its invitation link (hashed) and the entry commit together;
      // the mail leaves after the commit.
      const { account, issued } = await addMember(
        ctx.store,
        ctx.clock,
        ctx.config.baseUrl,
        organisationId,
        actor.id,
        {
          email,
          displayName,
          orgAdmin,
        },
      );
      const organisation = await ctx.store.accounts.getOrganisation(organisationId);
      const mail = await mailLink(ctx, request.log, account, 'invitation', issued, organisation?.name);
      return reply.status(201).send({
        id: account.id,
        email,
        displayName,
        orgAdmin,
        status: account.status,
        invitation: { expiresAt: issued.expiresAt, mail },
      });
    },
  );

  app.get<P>(
    '/api/v1/elections/:electionId/roles',
    { schema: { params: ElectionParams, summary: 'Who holds a role on this election' } },
    async (request) => {
      await requireElectionRole(ctx, request, request.params.electionId, ['election-admin']);
      const roles = [];
      for (const grant of await ctx.store.elections.listRoles(request.params.electionId)) {
        const account = await ctx.store.accounts.getAccount(grant.accountId);
        if (account)
          roles.push({
            accountId: account.id,
            displayName: account.displayName,
            email: account.email,
            role: grant.role,
          });
      }
      return { roles };
    },
  );

  app.post<P & { Body: { accountId: string; role: (typeof GRANTABLE_ROLES)[number] } }>(
    '/api/v1/elections/:electionId/roles',
    {
      schema: {
        params: ElectionParams,
        body: Type.Object(
          {
            accountId: Type.String({ minLength: 1, maxLength: 64 }),
            role: Type.Union(GRANTABLE_ROLES.map((r) => Type.Literal(r))),
          },
          { additionalProperties: false },
        ),
        summary:
          'Give a person of the organisation a role on this election (scrutineer, credential authority…)',
      },
    },
    async (request) => {
      const { electionId } = request.params;
      const { account: actor } = await requireElectionRole(ctx, request, electionId, ['election-admin']);
      const election = await elections.get(electionId);
      // Only people the organisation already knows: ids of other tenants' accounts answer 404.
      const known = await organisationPeople(ctx.store, election.organisationId);
      const person = known.find((p) => p.id === request.body.accountId);
      if (!person) throw new ApiError('SCR_NOT_FOUND', { problem: 'no such person in this organisation' });
      await assertRoleSeparation(ctx.store, request.body.accountId, election, request.body.role);
      await grantElectionRole(ctx.store, election, actor, person, request.body.role);
      return { ok: true };
    },
  );
}
