import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AccountId,
  accountId,
  type BoxId,
  boxId,
  type ConsultationId,
  consultationId,
  type ElectionId,
  electionId,
  type OrganisationId,
  organisationId,
} from './ids.js';

describe('branded ids', () => {
  it('are the same string at run time', () => {
    for (const mark of [electionId, consultationId, boxId, accountId, organisationId])
      expect(mark('Xy3kP9')).toBe('Xy3kP9');
  });

  it('cannot be passed one for another, nor a bare string for any', () => {
    expectTypeOf<ElectionId>().not.toEqualTypeOf<BoxId>();
    expectTypeOf<BoxId>().not.toExtend<ElectionId>();
    expectTypeOf<ElectionId>().not.toExtend<BoxId>();
    expectTypeOf<ConsultationId>().not.toExtend<ElectionId>();
    expectTypeOf<AccountId>().not.toExtend<OrganisationId>();
    expectTypeOf<string>().not.toExtend<ElectionId>();
    expectTypeOf<ElectionId>().toExtend<string>();
    const annul = (_election: ElectionId, _box: BoxId) => undefined;
    const box = boxId('box');
    const election = electionId('election');
    annul(election, box);
    // @ts-expect-error: a box id where an election id is expected
    annul(box, election);
    // @ts-expect-error: a bare string is no election id
    annul('election', box);
    // @ts-expect-error: a consultation id is no box id
    annul(election, consultationId('c'));
  });
});
