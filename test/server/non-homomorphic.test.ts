/**
 * Issue 15 (part 3), kept as the switch `nonHomomorphic: false` (issue 18 turned them on by default):
 * no ballot is ever decrypted without a shuffle, and with the switch off no
 * non-homomorphic question enters an election. The API refuses it at edit with a coded error in the
 * client's language and changes nothing; a draft that already holds one (saved by an older version)
 * is not opened; a consultation's boxes refuse it too (test/congress/consultations-api.test.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/cli/scrutin/demo.js';
import { ERROR_MESSAGES } from '../../src/errors/catalogue.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { writeStraightToStore } from '../support/board-records.js';
import { nhNoShufflePath } from '../support/nh-no-shuffle.js';
import { archivePath } from '../support/vectors.js';
import { Client } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

const HOMOMORPHIC = { answers: ['Yes', 'No'], min: 1, max: 1, question: 'Approve?' };
const RANKING = { type: 'NonHomomorphic', value: { answers: ['A', 'B', 'C'], question: 'Rank A, B, C' } };

describe('non-homomorphic questions are refused', () => {
  let server: TestServer;
  let admin: Client;
  let organisationId: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { nonHomomorphic: false } });
    const demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 1);
    organisationId = (await server.store.elections.get(demo.electionId))!.organisationId;
    admin = new Client(server.app);
    expect((await admin.post('/api/v1/auth/login', demo.admin)).status).toBe(200);
  });
  afterAll(async () => server?.close());

  const draft = async () => {
    const created = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Ranked',
      description: '',
      timeZone: 'Europe/Paris',
      group: 'RFC-3526-2048',
    });
    expect(created.status).toBeLessThan(300);
    return created.json.id as string;
  };

  it('has a clear message in English and in French', () => {
    const { en, fr } = ERROR_MESSAGES.SCR_NON_HOMOMORPHIC_UNAVAILABLE;
    expect(en).toMatch(/ranking or by grades \(non-homomorphic questions\) are not available yet/);
    expect(en).toMatch(/shuffled before they are decrypted/);
    expect(en).toMatch(/Nothing was changed\.$/);
    expect(fr).toMatch(
      /classement ou par notes \(questions non homomorphes\) ne sont pas encore disponibles/,
    );
    expect(fr).toMatch(/mélangés avant d'être déchiffrés/);
    expect(fr).toMatch(/Rien n'a été modifié\.$/);
  });

  it('refuses them when the questions are set or edited, in the client’s language, changing nothing', async () => {
    const id = await draft();
    expect((await admin.put(`/api/v1/elections/${id}/questions`, { questions: [HOMOMORPHIC] })).status).toBe(
      200,
    );
    const before = await server.store.elections.get(id);
    const auditBefore = (await server.store.audit.list({ organisationId, electionId: id })).length;

    const english = await admin.put(`/api/v1/elections/${id}/questions`, {
      questions: [HOMOMORPHIC, RANKING],
    });
    expect(english.status).toBe(422);
    expect(english.json.error).toMatchObject({
      code: 'SCR_NON_HOMOMORPHIC_UNAVAILABLE',
      message: ERROR_MESSAGES.SCR_NON_HOMOMORPHIC_UNAVAILABLE.en,
      detail: { questions: [1] },
    });
    const french = await admin.request(
      'PUT',
      `/api/v1/elections/${id}/questions`,
      { questions: [RANKING] },
      { 'accept-language': 'fr-FR,fr;q=0.9' },
    );
    expect(french.status).toBe(422);
    expect(french.json.error).toMatchObject({
      code: 'SCR_NON_HOMOMORPHIC_UNAVAILABLE',
      message: ERROR_MESSAGES.SCR_NON_HOMOMORPHIC_UNAVAILABLE.fr,
    });

    const after = await server.store.elections.get(id);
    expect(after).toEqual(before);
    expect(JSON.parse(after!.questionsJson)).toEqual([HOMOMORPHIC]);
    expect((await server.store.audit.list({ organisationId, electionId: id })).length).toBe(auditBefore);
  });

  it('refuses them at creation of a first set of questions too', async () => {
    const id = await draft();
    const answer = await admin.put(`/api/v1/elections/${id}/questions`, { questions: [RANKING] });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('SCR_NON_HOMOMORPHIC_UNAVAILABLE');
    expect((await server.store.elections.get(id))!.questionsJson).toBe('[]');
  });

  it('answers the board status of an older board with the outcome: invalid without a shuffle, verified with checked shuffles', async () => {
    for (const [bytes, expected] of [
      [readFileSync(nhNoShufflePath()), { ok: false, outcome: 'invalid', failure: { check: 'shuffles' } }],
      [readFileSync(archivePath('RFC-3526-2048-nh-mixnet')), { ok: true, outcome: 'verified' }],
    ] as const) {
      const id = await draft();
      const archive = parseArchive(new Uint8Array(bytes));
      await writeStraightToStore(server.store, id, archive.events, archive.data);
      const row = (await server.store.elections.get(id))!;
      await server.store.elections.update(id, row.version, { state: 'tallied' });
      const status = await new Client(server.app).get(`/api/v1/elections/${id}/verification`);
      expect(status.status).toBe(200);
      expect(status.json).toMatchObject(expected);
    }
  });

  it('does not open a draft that an older version saved with one, and writes nothing on the board', async () => {
    const id = await draft();
    const row = (await server.store.elections.get(id))!;
    await server.store.elections.update(id, row.version, {
      questionsJson: JSON.stringify([HOMOMORPHIC, RANKING]),
    });
    const opened = await admin.post(`/api/v1/elections/${id}/open`);
    expect(opened.status).toBe(422);
    expect(opened.json.error.code).toBe('SCR_NON_HOMOMORPHIC_UNAVAILABLE');
    expect((await server.store.elections.get(id))!.state).toBe('draft');
    expect(await server.store.board.read(id)).toEqual([]);
  });
});
