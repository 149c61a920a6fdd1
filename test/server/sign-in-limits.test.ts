/**
 * Sign-in limits count failures, never successes (issue 11), and nobody can lock another person
 * out (issue 15, part 5): failures are counted per (login, client address) pair with growing delays
 * and per address (a sprayer), never per login alone. Three attacking addresses hammer one login
 * at the fastest rate the server lets them, for ten minutes of the server's clock; the real voter,
 * from a fourth address, signs in on the first try and votes; the same for a staff account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { DeliverySender } from '../../src/delivery/sender.js';
import { testTransport } from '../../src/delivery/transport.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  addOrganisation,
  ballotOf,
  draftElection,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** Failures from one address per window, lowered from the default so the test stays short. */
const PER_ADDRESS = 12;

class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe('sign-in limits count failures, not successes, and lock nobody out', () => {
  const clock = new MovableClock();
  let server: TestServer;
  let election: TestElection;
  let admin: TestAccount;

  beforeAll(async () => {
    server = await startTestServer({
      clock,
      config: { signIn: { failuresPerAddress: PER_ADDRESS, slowDownMs: 20 } },
    });
    admin = await addAccount(server, 'limits-admin');
    const organisationId = await addOrganisation(server, 'Section', admin);
    election = await draftElection(server, organisationId, admin, { voters: 30 });
    await server.elections.open(election.id, admin);
  });
  afterAll(async () => server?.close());

  const voterSignIn = (login: string, password: string, remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/v1/elections/${election.id}/voter/login`,
      payload: { login, password },
      remoteAddress,
    });
  const staffSignIn = (email: string, password: string, remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  /**
   * Attackers at their maximum allowed rate: each tries again at once after a refused password,
   * and exactly when `retry-after` says after a 429, on the server's clock, for `minutes`.
   */
  async function hammer(
    attempt: (address: string) => Promise<{ statusCode: number; headers: Record<string, unknown> }>,
    addresses: string[],
    minutes: number,
  ) {
    const start = clock.offsetMs;
    const next = new Map(addresses.map((a) => [a, start]));
    const counts = { refusedPasswords: 0, waits: 0 };
    for (;;) {
      const [address, at] = [...next].sort((a, b) => a[1] - b[1])[0]!;
      if (at - start > minutes * 60_000) break;
      clock.offsetMs = Math.max(clock.offsetMs, at);
      const answer = await attempt(address);
      if (answer.statusCode === 401) {
        counts.refusedPasswords += 1;
        next.set(address, clock.offsetMs);
      } else {
        expect(answer.statusCode).toBe(429);
        counts.waits += 1;
        next.set(address, clock.offsetMs + Number(answer.headers['retry-after']) * 1000);
      }
    }
    return counts;
  }

  it('lets 30 members sign in from one address within a minute', async () => {
    for (const voter of election.voters)
      expect((await voterSignIn(voter.login, voter.password, '198.51.100.7')).statusCode, voter.login).toBe(
        200,
      );
  });

  it('three addresses hammering a voter’s login do not keep the voter out: from a fourth address they sign in at once and vote', async () => {
    const target = election.voters[0]!;
    const attackers = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    const counts = await hammer(
      (address) => voterSignIn(target.login, 'guess-guess-guess', address),
      attackers,
      10,
    );
    // The attackers were held back: a few guesses each, then growing waits.
    expect(counts.refusedPasswords).toBeLessThan(3 * 16);
    expect(counts.waits).toBeGreaterThan(0);
    // An attacker at that moment is still refused, even with the right password.
    expect((await voterSignIn(target.login, target.password, attackers[0]!)).statusCode).toBe(429);

    const voter = new Client(server.app); // 127.0.0.1: the fourth address
    const signedIn = await voter.post(`/api/v1/elections/${election.id}/voter/login`, {
      login: target.login,
      password: target.password,
    });
    expect(signedIn.status).toBe(200);
    const cast = await voter.post(`/api/v1/elections/${election.id}/voter/ballots`, {
      ballot: await ballotOf(server, election.id, target, [
        [1, 0, 0],
        [0, 1, 0, 0],
      ]),
    });
    expect(cast.status).toBe(201);
  });

  it('a voter under attack can always ask for a one-time code by mail, and sign in with it', async () => {
    const target = election.voters[0]!;
    const mails = testTransport();
    const sender = new DeliverySender(server.store, { transports: { email: mails }, clock });
    const asked = await new Client(server.app).post(`/api/v1/elections/${election.id}/voter/code`, {
      login: target.login,
    });
    expect(asked.status).toBe(202);
    await sender.drain();
    const code = /(?:Your sign-in code|Votre code de connexion)\s?: (\d{8})/.exec(
      mails.accepted.at(-1)!.text,
    )?.[1];
    expect(mails.accepted.at(-1)!.to).toBe(target.email);
    const signedIn = await server.app.inject({
      method: 'POST',
      url: `/api/v1/elections/${election.id}/voter/code/login`,
      payload: { login: target.login, code },
      remoteAddress: '192.0.2.200',
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('the same for a staff account: its owner signs in from elsewhere on the first try', async () => {
    const attackers = ['203.0.113.11', '203.0.113.12', '203.0.113.13'];
    const counts = await hammer(
      (address) => staffSignIn(admin.email, 'guess-guess-guess', address),
      attackers,
      10,
    );
    expect(counts.waits).toBeGreaterThan(0);
    const owner = await signedIn(server.app, admin);
    expect((await owner.get('/api/v1/account/organisations')).json.organisations).toHaveLength(1);
  });

  it('limits failures from one address across logins (a password sprayer)', async () => {
    const address = '192.0.2.44';
    for (let i = 0; i < PER_ADDRESS; i++)
      expect((await voterSignIn(`nobody-${i}`, 'guess', address)).statusCode).toBe(401);
    const refused = await voterSignIn('nobody-last', 'guess', address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('SCR_RATE_LIMITED');
    // The address's successes before were not counted; another address still works.
    const voter = election.voters[2]!;
    expect((await voterSignIn(voter.login, voter.password, '192.0.2.45')).statusCode).toBe(200);
  });
});
