/**
 * Issue 11: the sign-in rate limit counted successes, so members voting from one address (a
 * section's meeting room, a shared NAT) were refused after ten. Failures are counted, per login and
 * per address (a generous cap), never successes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURES_PER_NAME } from '../../src/server/auth/rate-limits.js';
import { type TestServer, testServer } from './harness.js';
import { addAccount, addOrganisation, draftElection, type TestElection } from './scenario.js';

describe('sign-in limits count failures, not successes', () => {
  let server: TestServer;
  let election: TestElection;

  beforeAll(async () => {
    server = await testServer();
    const admin = await addAccount(server, 'limits-admin');
    const organisationId = await addOrganisation(server, 'Section', admin);
    election = await draftElection(server, organisationId, admin, { voters: 30 });
  });
  afterAll(async () => server?.close());

  const signIn = (login: string, password: string, remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/v1/elections/${election.id}/voter/login`,
      payload: { login, password },
      remoteAddress,
    });

  it('lets 30 members sign in from one address within a minute', async () => {
    for (const voter of election.voters)
      expect((await signIn(voter.login, voter.password, '198.51.100.7')).statusCode, voter.login).toBe(200);
  });

  it('limits repeated failures on one login, whatever the address, and then refuses even the right password', async () => {
    const target = election.voters[0]!;
    for (let i = 0; i < LOGIN_FAILURES_PER_NAME; i++)
      expect((await signIn(target.login, 'wrong-password', `198.51.100.${20 + i}`)).statusCode).toBe(401);
    expect((await signIn(target.login, 'wrong-password', '198.51.100.99')).statusCode).toBe(429);
    expect((await signIn(target.login, target.password, '198.51.100.98')).statusCode).toBe(429);
    // Another member is not affected.
    const other = election.voters[1]!;
    expect((await signIn(other.login, other.password, '198.51.100.99')).statusCode).toBe(200);
  });

  it('limits failures from one address across logins (a password sprayer)', async () => {
    const address = '192.0.2.44';
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++)
      expect((await signIn(`nobody-${i}`, 'guess', address)).statusCode).toBe(401);
    const refused = await signIn('nobody-last', 'guess', address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('SCR_RATE_LIMITED');
    // The address's successes before were not counted; another address still works.
    const voter = election.voters[2]!;
    expect((await signIn(voter.login, voter.password, '192.0.2.45')).statusCode).toBe(200);
  });
});
