/**
 * The congress tables on both stores (SQLite and PostgreSQL): a consultation is written with its
 * boxes in one transaction, boxes added later take the next position, an annulment is recorded
 * once, an annulled box is replaced at most once, and a consultation has at most one next round
 * (the second writer gets a UniqueViolation and nothing of its row is left).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxId, consultationId, electionId, organisationId } from '../../src/core/ids.js';
import type { BoxRow, ConsultationRow } from '../../src/store/consultations/repository.js';
import { UniqueViolation } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { election, organisation } from '../support/store-fixtures.js';

const consultation = (id: string, over: Partial<ConsultationRow> = {}): ConsultationRow => ({
  id: consultationId(id),
  organisationId: organisationId('org'),
  name: `Consultation ${id}`,
  description: '',
  round: 1,
  templateJson: '{}',
  ruleJson: null,
  previousId: null,
  createdBy: 'admin',
  createdAt: '2027-01-01T00:00:00.000Z',
  ...over,
});

const box = (id: string, consultation: string, position: number, over: Partial<BoxRow> = {}): BoxRow => ({
  id: boxId(id),
  consultationId: consultationId(consultation),
  position,
  label: `Box ${id}`,
  channel: 'online',
  electionId: null,
  replacesId: null,
  annulReason: null,
  annulledAt: null,
  annulledBy: null,
  paperJson: null,
  enteredBy: null,
  enteredAt: null,
  reportName: null,
  reportSha256: null,
  reportBase64: null,
  createdAt: '2027-01-01T00:00:00.000Z',
  ...over,
});

const pg = await pgProblem();

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && pg !== undefined)(`consultation store (${dialect})`, () => {
    let store: Store;
    let schema: TestSchema | undefined;

    beforeAll(async () => {
      if (dialect === 'postgres') {
        schema = await freshSchema('congress');
        store = await openStore(schema.url);
      } else
        store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'scrutin-congress-')), 'db')}`);
      await store.accounts.createOrganisation(organisation('org'));
      await store.elections.create(election('ElectionAAAAAAA1', 'org'));
      await store.elections.create(election('ElectionAAAAAAA2', 'org'));
    });
    afterAll(async () => {
      await store?.close();
      await schema?.drop();
    });

    it('writes a consultation with its boxes, lists and reads them back', async () => {
      await store.consultations.create(consultation('C1'), [
        box('b1', 'C1', 0, { electionId: electionId('ElectionAAAAAAA1') }),
        box('b2', 'C1', 1, { label: 'Lyon' }),
      ]);
      expect(await store.consultations.get(consultationId('C1'))).toEqual(consultation('C1'));
      expect((await store.consultations.list(organisationId('org'))).map((c) => c.id)).toEqual(['C1']);
      expect(await store.consultations.boxes(consultationId('C1'))).toEqual([
        box('b1', 'C1', 0, { electionId: electionId('ElectionAAAAAAA1') }),
        box('b2', 'C1', 1, { label: 'Lyon' }),
      ]);
      expect((await store.consultations.boxOfElection(electionId('ElectionAAAAAAA1')))?.id).toBe('b1');
    });

    it('refuses a consultation whose box repeats an election, and writes nothing of it', async () => {
      await expect(
        store.consultations.create(consultation('C2'), [
          box('b3', 'C2', 0, { electionId: electionId('ElectionAAAAAAA1') }),
        ]),
      ).rejects.toBeInstanceOf(UniqueViolation);
      expect(await store.consultations.get(consultationId('C2'))).toBeUndefined();
    });

    it('adds boxes at the next position; records an annulment once; replaces a box at most once', async () => {
      const added = await store.consultations.addBox({ ...box('b4', 'C1', 0), replacesId: boxId('b2') });
      expect(added.position).toBe(2);
      await expect(
        store.consultations.addBox({ ...box('b5', 'C1', 0), replacesId: boxId('b2') }),
      ).rejects.toBeInstanceOf(UniqueViolation);
      const annulment = { reason: 'contested', at: '2027-02-01T00:00:00.000Z', by: 'admin' };
      expect(await store.consultations.annulBox(boxId('b2'), annulment)).toBe(true);
      expect(await store.consultations.annulBox(boxId('b2'), { ...annulment, reason: 'again' })).toBe(false);
      const b2 = (await store.consultations.boxes(consultationId('C1'))).find((b) => b.id === 'b2')!;
      expect([b2.annulReason, b2.annulledAt, b2.annulledBy]).toEqual(['contested', annulment.at, 'admin']);
    });

    it('has at most one next round per consultation', async () => {
      await store.consultations.create(
        consultation('R2', { round: 2, previousId: consultationId('C1') }),
        [],
      );
      await expect(
        store.consultations.create(consultation('R2bis', { round: 2, previousId: consultationId('C1') }), []),
      ).rejects.toBeInstanceOf(UniqueViolation);
      expect((await store.consultations.next(consultationId('C1')))?.id).toBe('R2');
      expect(await store.consultations.get(consultationId('R2bis'))).toBeUndefined();
    });
  });
}
