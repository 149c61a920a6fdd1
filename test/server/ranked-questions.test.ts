/**
 * Issue 18: ranked and graded questions are on by default. The questions the editor sends (Belenios's
 * `extra` with the counting method) are stored byte for byte; saving one moves a draft made in
 * BELENIOS-2048 to RFC-3526-2048 while nothing was made in the old group, and is refused with a
 * clear message once a trustee key exists; a malformed method is refused naming the field; a refusal
 * changes nothing.
 */
import { Check } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicElection } from '../../src/contract/election.js';
import { requireGroup } from '../../src/core/group.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { signedIn } from '../world/client.js';
import { grant, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const SCHULZE = {
  type: 'NonHomomorphic',
  value: { answers: ['Ana', 'Bo', 'Cy'], question: 'Rank them' },
  extra: { type: 'PreferentialVoting', blank: false, method: 'Schulze' },
};
const MJ = {
  type: 'NonHomomorphic',
  value: { answers: ['Ana', 'Bo'], question: 'Grade them' },
  extra: {
    type: 'ScoreVoting',
    blank: true,
    method: 'MajorityJudgment',
    grades: ['Très bien', 'Bien', 'Passable'],
  },
};

describe('ranked and graded questions, on by default', () => {
  let server: TestServer;
  let organisationId: string;
  let admin: TestAccount;

  beforeAll(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server));
  });
  afterAll(async () => server?.close());

  const draft = async () => {
    const row = await server.elections.create(organisationId as never, admin, {
      name: 'Ranked',
      description: '',
      timeZone: 'Europe/Paris',
    });
    await grant(server, row.id, admin, 'election-admin');
    return row.id;
  };

  it('stores the editor’s questions byte for byte and moves the draft to RFC-3526-2048', async () => {
    const id = await draft();
    expect((await server.store.elections.get(id))!.groupName).toBe('BELENIOS-2048');
    const client = await signedIn(server.app, admin);
    const saved = await client.put(`/api/v1/elections/${id}/questions`, { questions: [SCHULZE, MJ] });
    expect(saved.status).toBe(200);
    const row = (await server.store.elections.get(id))!;
    expect(row.groupName).toBe('RFC-3526-2048');
    expect(row.questionsJson).toBe(JSON.stringify([SCHULZE, MJ]));
    // The summary the election page reads passes the contract's question shapes; a broken one does not.
    const summary = (await client.get(`/api/v1/elections/${id}`)).json;
    expect(summary.questions).toEqual([SCHULZE, MJ]);
    expect(Check(PublicElection, summary)).toBe(true);
    const broken = { ...SCHULZE, value: { question: SCHULZE.value.question } };
    expect(Check(PublicElection, { ...summary, questions: [broken, MJ] })).toBe(false);
    const audit = await server.store.audit.list({ organisationId: organisationId as never, electionId: id });
    expect(audit.find((e) => e.action === 'election.questions')?.details).toEqual({
      count: 2,
      group: 'RFC-3526-2048',
    });
  });

  it('refuses a malformed counting method naming the field, and changes nothing', async () => {
    const id = await draft();
    const client = await signedIn(server.app, admin);
    const before = await server.store.elections.get(id);
    const bad = { ...SCHULZE, extra: { type: 'PreferentialVoting', blank: false, method: 'STV', seats: 9 } };
    const answer = await client.put(`/api/v1/elections/${id}/questions`, { questions: [bad] });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('SCR_INVALID_QUESTIONS');
    expect(JSON.stringify(answer.json.error.detail)).toContain('questions[0].extra: extra.seats must be');
    expect(await server.store.elections.get(id)).toEqual(before);
  });

  it('refuses to move the group once a trustee key was made in the old one, saying why', async () => {
    const id = await draft();
    const key = generateTrusteeKey(requireGroup('BELENIOS-2048'));
    await server.elections.addSingleTrustee(id, admin, {
      displayName: 't1',
      accountId: admin.id,
      publicKey: serializeTrusteePublicKey(key.publicKey),
    });
    const before = await server.store.elections.get(id);
    const client = await signedIn(server.app, admin);
    const answer = await client.put(`/api/v1/elections/${id}/questions`, { questions: [SCHULZE] });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.json.error.detail)).toContain(
      'ranked or graded questions need the RFC-3526-2048 group',
    );
    expect(await server.store.elections.get(id)).toEqual(before);
  });
});
