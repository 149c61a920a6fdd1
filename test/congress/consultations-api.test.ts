/**
 * Consultations over the API, beyond the congress flow: a box counted on paper (totals, who entered
 * them, the report's SHA-256 and bytes) marked as not cryptographically verifiable everywhere; bad
 * totals refused with nothing recorded; bad consultations refused; readers and tenants; procès-verbal
 * escaping what people typed.
 */

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionId } from '../../src/core/ids.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import { addAccount, addOrganisation, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const pg = await pgProblem();

/** Reasons that say nothing: fewer than five characters that are not white space. */
const BLANK_REASONS = ['     ', ' \t\n \u00a0  ', 'a   b  c d'];

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && pg !== undefined)(
    `consultations: paper boxes, validation, roles (${dialect})`,
    () => {
      let schema: TestSchema | undefined;
      let server: TestServer;
      let admin: TestAccount;
      let other: TestAccount;
      let scrutineer: TestAccount;
      let client: Client;
      let organisationId: string;
      let otherOrganisation: string;
      let id: string;
      let boxes: { id: string; label: string; electionId: ElectionId }[];
      const report = Buffer.from('%PDF-1.4 procès-verbal <script>alert(1)</script>');

      beforeAll(async () => {
        schema = dialect === 'postgres' ? await freshSchema('consultations') : undefined;
        server = await startTestServer(schema ? { databaseUrl: schema.url } : {});
        admin = await addAccount(server, 'paper-admin');
        other = await addAccount(server, 'other-admin');
        scrutineer = await addAccount(server, 'scrutineer');
        organisationId = await addOrganisation(server, 'Union', admin);
        otherOrganisation = await addOrganisation(server, 'Other', other);
        client = await signedIn(new Client(server.app), admin);
        const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
          name: 'Union vote <b>2027</b>',
          description: '',
          timeZone: 'Europe/Paris',
          questions: CONGRESS_QUESTIONS,
          boxes: [{ label: 'Online' }, { label: 'Overseas' }],
        });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        id = created.json.id;
        boxes = created.json.boxes;
        await server.store.elections.addRole({
          electionId: boxes[0]!.electionId,
          accountId: scrutineer.id,
          role: 'scrutineer',
        });
      });
      afterAll(async () => {
        await server?.close();
        await schema?.drop();
      });

      it('refuses bad consultations with a clear error and creates nothing', async () => {
        const before = (await server.store.elections.list(organisationId)).length;
        const base = {
          name: 'X',
          description: '',
          timeZone: 'Europe/Paris',
          questions: CONGRESS_QUESTIONS,
          boxes: [{ label: 'A' }],
        };
        const cases: [unknown, string][] = [
          [{ ...base, boxes: [{ label: 'A' }, { label: 'A' }] }, 'SCR_INVALID_CONSULTATION'],
          [{ ...base, rule: { question: 0, qualifying: 3 } }, 'SCR_INVALID_CONSULTATION'],
          [{ ...base, rule: { question: 0, blankVotes: 'sometimes' } }, 'SCR_INVALID_CONSULTATION'],
          [
            {
              ...base,
              questions: [{ type: 'NonHomomorphic', value: { answers: ['a', 'b'], question: 'q' } }],
              group: 'RFC-3526-2048',
            },
            'SCR_NON_HOMOMORPHIC_UNAVAILABLE',
          ],
          [{ ...base, questions: [] }, 'SCR_INVALID_QUESTIONS'],
          [{ ...base, opensAt: '2027-03-01T09:00' }, 'SCR_INVALID_CONSULTATION'],
          [
            { ...base, opensAt: '2027-03-02T09:00Z', closesAt: '2027-03-01T09:00Z' },
            'SCR_INVALID_CONSULTATION',
          ],
          [{ ...base, trustees: [{ displayName: 'T', publicKey: '{"pok":1}' }] }, 'SCR_INVALID_TRUSTEE_DATA'],
        ];
        for (const [body, code] of cases) {
          const answer = await client.post(`/api/v1/organisations/${organisationId}/consultations`, body);
          expect(answer.status, JSON.stringify(answer.json)).toBe(422);
          expect(answer.json.error.code).toBe(code);
        }
        expect((await server.store.elections.list(organisationId)).length).toBe(before);
      });

      it('refuses bad paper totals and records nothing', async () => {
        const paper = (figures: unknown, extra: object = {}) =>
          client.post(`/api/v1/consultations/${id}/boxes/paper`, {
            label: 'Overseas paper',
            enteredBy: 'Jeanne Officer',
            figures,
            report: { fileName: 'pv.pdf', contentBase64: report.toString('base64') },
            ...extra,
          });
        const bad: [unknown, object, RegExp][] = [
          [
            { registeredVoters: 5, ballotsCounted: 6, counts: [[0, 2, 2, 2]] },
            {},
            /more ballots counted than registered/,
          ],
          [{ registeredVoters: 9, ballotsCounted: 6, counts: [[0, 2, 2]] }, {}, /expected 4 counts/],
          [
            { registeredVoters: 9, ballotsCounted: 6, counts: [[0, 4, 2, 2]] },
            {},
            /add up to more than the weight cast/,
          ],
          [{ registeredVoters: 9, ballotsCounted: -1, counts: [[0, 0, 0, 0]] }, {}, /whole number/],
          [
            { registeredVoters: 9, ballotsCounted: 6, counts: [[0, 2, 2, 2]] },
            { enteredBy: ' ' },
            /name the person/,
          ],
          [
            { registeredVoters: 9, ballotsCounted: 6, counts: [[0, 2, 2, 2]] },
            { report: { fileName: '../x.pdf', sha256: 'a'.repeat(64) } },
            /plain file name/,
          ],
          [
            { registeredVoters: 9, ballotsCounted: 6, counts: [[0, 2, 2, 2]] },
            { report: { fileName: 'x.pdf', contentBase64: 'AAAA', sha256: 'a'.repeat(64) } },
            /does not match/,
          ],
        ];
        for (const [figures, extra, problem] of bad) {
          const answer = await paper(figures, extra);
          expect(answer.status, JSON.stringify(answer.json)).toBe(422);
          expect(answer.json.error.detail.problem).toMatch(problem);
        }
        expect((await client.get(`/api/v1/consultations/${id}/admin`)).json.boxes).toHaveLength(2);
      });

      it('refuses an annulment reason without five non-space characters, the box and its election unchanged', async () => {
        // Issue 20, survivor 6: the schema's minLength let five spaces through.
        const url = `/api/v1/consultations/${id}/boxes/${boxes[1]!.id}/annul`;
        for (const reason of BLANK_REASONS) {
          const refused = await client.post(url, { reason });
          expect(refused.status, JSON.stringify(reason)).toBe(400);
          expect(refused.json.error.code).toBe('SCR_BAD_REQUEST');
        }
        const box = (await client.get(`/api/v1/consultations/${id}/admin`)).json.boxes.find(
          (b: { id: string }) => b.id === boxes[1]!.id,
        );
        expect(box.annulment).toBeNull();
        expect(await server.elections.get(boxes[1]!.electionId)).toMatchObject({
          state: 'draft',
          annulReason: null,
        });
      });

      it('counts a paper box that replaces an annulled one, marked as not cryptographically verifiable', async () => {
        // The overseas box could not be run online: annulled in draft, replaced by a paper count.
        expect(
          (
            await client.post(`/api/v1/consultations/${id}/boxes/${boxes[1]!.id}/annul`, {
              reason: 'Held on paper instead',
            })
          ).status,
        ).toBe(200);
        expect((await server.elections.get(boxes[1]!.electionId)).state).toBe('annulled');
        const paper = await client.post(`/api/v1/consultations/${id}/boxes/paper`, {
          label: 'Overseas',
          replaces: boxes[1]!.id,
          enteredBy: 'Jeanne Officer',
          figures: { registeredVoters: 9, ballotsCounted: 6, counts: [[1, 3, 1, 1]] },
          report: { fileName: 'pv-overseas.pdf', contentBase64: report.toString('base64') },
        });
        expect(paper.status, JSON.stringify(paper.json)).toBe(201);
        const paperBox = paper.json.boxes.find((b: { channel: string }) => b.channel === 'paper');
        expect(paperBox.reportSha256).toBe(createHash('sha256').update(report).digest('hex'));
        // A paper box has no election to refuse a blank reason: the box's own check does.
        for (const reason of BLANK_REASONS) {
          const refused = await client.post(`/api/v1/consultations/${id}/boxes/${paperBox.id}/annul`, {
            reason,
          });
          expect(refused.json.error?.code, JSON.stringify(reason)).toBe('SCR_BAD_REQUEST');
        }
        expect(
          (await client.get(`/api/v1/consultations/${id}/admin`)).json.boxes.find(
            (b: { id: string }) => b.id === paperBox.id,
          ).annulment,
        ).toBeNull();
        // The online box is annulled too (nobody voted): the consultation is complete with the paper box alone.
        await client.post(`/api/v1/consultations/${id}/boxes/${boxes[0]!.id}/annul`, {
          reason: 'No online vote in the end',
        });
        const published = await new Client(server.app).get(`/api/v1/consultations/${id}`);
        expect(published.status, JSON.stringify(published.json)).toBe(200);
        const counted = published.json.boxes.find((b: { status: string }) => b.status === 'counted');
        expect(counted.cryptographicallyVerifiable).toBe(false);
        expect(counted.notes.join(' ')).toContain('not cryptographically verifiable');
        expect(counted.paper.enteredBy).toBe('Jeanne Officer');
        expect(published.json.figures.counts).toEqual([['1', '3', '1', '1']]);
        expect(published.json.notes.join(' ')).toContain('not cryptographically verifiable');
        const csv = (
          await new Client(server.app).get(`/api/v1/consultations/${id}/exports/result.csv`)
        ).body.toString();
        expect(csv).toContain('box,');
        expect(csv).toMatch(/paper,false,counted/);
        const file = await new Client(server.app).get(
          `/api/v1/consultations/${id}/boxes/${paperBox.id}/report`,
        );
        expect(file.status).toBe(200);
        expect(Buffer.compare(file.body, report)).toBe(0);
        const pv = (
          await new Client(server.app).get(`/api/v1/consultations/${id}/proces-verbal.html?lang=fr`)
        ).body.toString();
        expect(pv).toContain('non vérifiable cryptographiquement');
        expect(pv).toContain('Jeanne Officer');
        expect(pv).not.toContain('<b>2027</b>');
        expect(pv).toContain('&#60;b&#62;2027');
        // Complete: a new box can only be a re-run of an annulled one.
        const late = await client.post(`/api/v1/consultations/${id}/boxes/paper`, {
          label: 'Late',
          enteredBy: 'Jeanne Officer',
          figures: { registeredVoters: 1, ballotsCounted: 0, counts: [[0, 0, 0, 0]] },
          report: { fileName: 'late.pdf', sha256: 'c'.repeat(64) },
        });
        expect(late.status).toBe(409);
      });

      it('lets box scrutineers read, hides consultations from other tenants exactly like missing ones', async () => {
        const asScrutineer = await signedIn(new Client(server.app), scrutineer);
        expect((await asScrutineer.get(`/api/v1/consultations/${id}/admin`)).status).toBe(200);
        const write = await asScrutineer.post(`/api/v1/consultations/${id}/advance`, { step: 'open' });
        expect(write.status).toBe(403);
        const asOther = await signedIn(new Client(server.app), other);
        for (const path of ['/admin', '/advance']) {
          const method = path === '/advance' ? 'POST' : 'GET';
          const body = path === '/advance' ? { step: 'open' } : undefined;
          const theirs = await asOther.request(method, `/api/v1/consultations/${id}${path}`, body);
          const missing = await asOther.request(
            method,
            `/api/v1/consultations/NoSuchConsu1tation${path}`,
            body,
          );
          expect({ status: theirs.status, body: theirs.body.toString() }).toEqual({
            status: missing.status,
            body: missing.body.toString(),
          });
          expect(theirs.status).toBe(404);
        }
        expect(
          (await asOther.get(`/api/v1/organisations/${otherOrganisation}/consultations`)).json.consultations,
        ).toEqual([]);
      });
    },
  );
}
