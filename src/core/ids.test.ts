import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ElectionService } from '../election/service.js';
import type { AccountRow, ElectionRoleRow, MembershipRow, SessionRow } from '../store/store.js';
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

  it('reach the election service, the account rows and the role rows (type-only: no run-time change)', () => {
    expectTypeOf<Parameters<ElectionService['open']>[0]>().toEqualTypeOf<ElectionId>();
    expectTypeOf<Parameters<ElectionService['castBallot']>[0]>().toEqualTypeOf<ElectionId>();
    expectTypeOf<AccountRow['id']>().toEqualTypeOf<AccountId>();
    expectTypeOf<MembershipRow['accountId']>().toEqualTypeOf<AccountId>();
    expectTypeOf<SessionRow['accountId']>().toEqualTypeOf<AccountId | null>();
    const open = (_id: Parameters<ElectionService['open']>[0]) => undefined;
    open(electionId('E1'));
    // @ts-expect-error: an account id is no election id
    open(accountId('a1'));
    // @ts-expect-error: an organisation id is no election id
    open(organisationId('o1'));
    const grant = (_row: ElectionRoleRow) => undefined;
    grant({ electionId: 'E1', accountId: accountId('a1'), role: 'trustee' });
    // @ts-expect-error: a bare string is no account id (a voter id, a login…)
    grant({ electionId: 'E1', accountId: 'a1', role: 'trustee' });
    const member = (_row: MembershipRow) => undefined;
    // @ts-expect-error: an election id is no account id
    member({ organisationId: 'o1', accountId: electionId('E1'), role: 'member' });
  });
});
