/**
 * The role × endpoint matrix: every kind of principal against a dummy endpoint per guard, on
 * resources of organisation A, of organisation B and on ids that do not exist. Within one's tenant a
 * missing role is 403; another tenant's resource is indistinguishable from a missing one (404);
 * without the right kind of session, 401 before anything is looked up.
 */
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PASSWORD,
  type AccountName,
  type AuthTestServer,
  ELECTION_A,
  ELECTION_B,
  findLeaks,
  ORG_A,
  ORG_B,
  startAuthTestServer,
  type TestSession,
  VOTER_PASSWORD,
} from '../../../test/support/auth-server.js';
import type { ElectionRow, MembershipRow, Role, Store } from '../../store/store.js';
import type { ServerContext } from '../context.js';
import type { ApiError } from '../errors.js';
import { requireElectionRole, requireOrganisationAdmin } from './guards.js';

const ENDPOINTS = {
  operator: '/test/operator',
  'org A': `/test/organisations/${ORG_A}`,
  'org B': `/test/organisations/${ORG_B}`,
  'org ?': '/test/organisations/org-unknown',
  'admin A': `/test/elections/${ELECTION_A}/admin`,
  'admin B': `/test/elections/${ELECTION_B}/admin`,
  'admin ?': '/test/elections/NoSuchElection/admin',
  'cred. auth. A': `/test/elections/${ELECTION_A}/credential-authority`,
  'cred. auth. B': `/test/elections/${ELECTION_B}/credential-authority`,
  'trustee A': `/test/elections/${ELECTION_A}/trustee`,
  'trustee B': `/test/elections/${ELECTION_B}/trustee`,
  'scrutineer A': `/test/elections/${ELECTION_A}/scrutineer`,
  'scrutineer B': `/test/elections/${ELECTION_B}/scrutineer`,
  'booth A': `/test/elections/${ELECTION_A}/booth`,
  'booth B': `/test/elections/${ELECTION_B}/booth`,
} as const;
type Endpoint = keyof typeof ENDPOINTS;
const COLUMNS = Object.keys(ENDPOINTS) as Endpoint[];

type Principal = 'anonymous' | AccountName | 'voterA';

// biome-ignore format: the table is easier to review aligned
const EXPECTED: Record<Principal, number[]> = {
  //                     op   orgA orgB org? admA admB adm? caA  caB  trA  trB  scA  scB  boA  boB
  anonymous:            [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  operator:             [200, 403, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401, 401],
  adminA:               [403, 200, 404, 404, 200, 404, 404, 403, 404, 403, 404, 403, 404, 401, 401],
  adminB:               [403, 404, 200, 404, 404, 200, 404, 404, 403, 404, 403, 404, 403, 401, 401],
  electionAdminA:       [403, 403, 404, 404, 200, 404, 404, 403, 404, 403, 404, 403, 404, 401, 401],
  credentialAuthorityA: [403, 403, 404, 404, 403, 404, 404, 200, 404, 403, 404, 403, 404, 401, 401],
  trusteeA:             [403, 403, 404, 404, 403, 404, 404, 403, 404, 200, 404, 403, 404, 401, 401],
  scrutineerA:          [403, 403, 404, 404, 403, 404, 404, 403, 404, 403, 404, 200, 404, 401, 401],
  voterA:               [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 401],
};

const CODES: Record<number, string> = {
  200: 'ok',
  401: 'SCR_UNAUTHENTICATED',
  403: 'SCR_FORBIDDEN',
  404: 'SCR_NOT_FOUND',
};

describe('role × endpoint matrix', () => {
  let server: AuthTestServer;
  const sessions = new Map<Principal, TestSession | undefined>();
  beforeAll(async () => {
    server = await startAuthTestServer();
    sessions.set('anonymous', undefined);
    let address = 0;
    for (const name of Object.keys(EXPECTED) as Principal[]) {
      if (name === 'anonymous') continue;
      const remoteAddress = `192.0.2.${++address}`;
      sessions.set(
        name,
        name === 'voterA'
          ? await server.signInVoter(name, remoteAddress)
          : await server.signIn(name, remoteAddress),
      );
    }
  });
  afterAll(async () => server.close());

  for (const [principal, statuses] of Object.entries(EXPECTED) as [Principal, number[]][]) {
    it(`answers ${principal} as the table says`, async () => {
      const observed: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [i, column] of COLUMNS.entries()) {
        const response = await server.request({
          method: 'GET',
          url: ENDPOINTS[column],
          session: sessions.get(principal),
        });
        const code = response.statusCode === 200 ? 'ok' : response.json().error.code;
        observed[column] = `${response.statusCode} ${code}`;
        const status = statuses[i] ?? 0;
        expected[column] = `${status} ${CODES[status]}`;
      }
      expect(observed).toEqual(expected);
    });
  }

  it('answers a 404 for another tenant exactly like a 404 for nothing at all', async () => {
    const session = sessions.get('adminA');
    const other = await server.request({ method: 'GET', url: ENDPOINTS['admin B'], session });
    const missing = await server.request({ method: 'GET', url: ENDPOINTS['admin ?'], session });
    expect(other.body).toBe(missing.body);
  });

  it('leaked no password or session token along the way', () => {
    const tokens = [...sessions.values()].flatMap((session) =>
      session === undefined ? [] : [session.token],
    );
    expect(findLeaks(server.captured, [ACCOUNT_PASSWORD, VOTER_PASSWORD], tokens)).toEqual([]);
  });
});

/**
 * The guards' own decisions on a small in-memory tenant: a plain member of an organisation is no
 * admin of it (403, it is their tenant), and a guard that accepts several roles accepts any one of
 * them. These are the cases the matrix above has no principal for.
 */
describe('guards on a plain member and on several accepted roles', () => {
  const ORG = 'org-1';
  const ELECTION = { id: 'election-1', organisationId: ORG, state: 'open' } as ElectionRow;
  const memberships: Record<string, MembershipRow[]> = {
    member: [{ organisationId: ORG, accountId: 'member', role: 'member' } as MembershipRow],
    scrutineer: [],
  };
  const roles: Record<string, { electionId: string; role: Role }[]> = {
    member: [],
    scrutineer: [{ electionId: ELECTION.id, role: 'scrutineer' }],
  };
  const store = {
    accounts: {
      listMemberships: async (id: string) => memberships[id] ?? [],
      getOrganisation: async (id: string) => (id === ORG ? { id } : undefined),
    },
    elections: {
      listRolesOfAccount: async (id: string) => roles[id] ?? [],
      get: async (id: string) => (id === ELECTION.id ? ELECTION : undefined),
    },
  } as unknown as Store;
  const ctx = { store } as ServerContext;
  const as = (id: string) =>
    ({
      principal: {
        kind: 'account',
        account: { id, email: `${id}@x`, displayName: id, isOperator: false },
        csrfToken: '',
        tokenHash: '',
      },
    }) as FastifyRequest;
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: ApiError) => error.code,
    );

  it('answers a plain member 403 as organisation admin, and 403 (not 404) on its elections', async () => {
    expect(await code(requireOrganisationAdmin(ctx, as('member'), ORG))).toBe('SCR_FORBIDDEN');
    expect(await code(requireElectionRole(ctx, as('member'), ELECTION.id, ['election-admin']))).toBe(
      'SCR_FORBIDDEN',
    );
  });

  it('lets through an account holding any one of the roles a guard accepts', async () => {
    expect(
      await code(requireElectionRole(ctx, as('scrutineer'), ELECTION.id, ['election-admin', 'scrutineer'])),
    ).toBe('ok');
    expect(await code(requireElectionRole(ctx, as('scrutineer'), ELECTION.id, ['trustee']))).toBe(
      'SCR_FORBIDDEN',
    );
  });
});
