import { describe, expect, it } from 'vitest';
import { AUDIT_LOG, allowedDetails, toAuditLogEntry } from './audit-log.js';
import { percentage } from './result-report.js';
import { SIGN_IN_LIST, toSignInRow } from './sign-in-list.js';
import { exportTable } from './table.js';
import { toVoterRollRow, VOTER_ROLL } from './voter-roll.js';

const voter = {
  id: 'v1',
  electionId: 'E',
  email: 'chloe@example.org',
  login: 'chloe',
  displayName: 'Chloé',
  weight: '3',
  language: 'fr',
  publicCredential: '123456789',
  passwordHash: 'scrypt$32768$8$1$c2FsdA$aGFzaA',
};

describe('export tables (allowlists)', () => {
  it('project a voter field by field: no password hash, no public credential, only whether one is set', () => {
    const row = toVoterRollRow(voter);
    expect(row).toEqual({
      login: 'chloe',
      email: 'chloe@example.org',
      displayName: 'Chloé',
      weight: '3',
      language: 'fr',
      hasCredential: true,
    });
    expect(VOTER_ROLL.csv([row])).toBe(
      '\uFEFFlogin,email,name,weight,language,has_credential\r\nchloe,chloe@example.org,Chloé,3,fr,true\r\n',
    );
    expect(toSignInRow(voter, false)).toEqual({
      login: 'chloe',
      displayName: 'Chloé',
      voted: false,
      byProxy: '',
    });
  });

  it('write only the fields they name, even when handed a row carrying more', () => {
    const smuggled = { ...toSignInRow(voter, true), passwordHash: voter.passwordHash } as ReturnType<
      typeof toSignInRow
    >;
    expect(SIGN_IN_LIST.pick(smuggled)).toEqual({
      login: 'chloe',
      displayName: 'Chloé',
      voted: true,
      byProxy: '',
    });
    expect(SIGN_IN_LIST.csv([smuggled])).not.toContain(voter.passwordHash);
  });

  it('refuse a column named like a secret, at compile time', () => {
    type Leaky = { login: string; passwordHash: string };
    // @ts-expect-error a table cannot name passwordHash
    exportTable<Leaky>({ login: 'login', passwordHash: 'hash' });
    type Key = { serverPrivateKey: string };
    // @ts-expect-error nor serverPrivateKey (and a row type with it has no valid table)
    exportTable<Key>({ serverPrivateKey: 'key' });
    // @ts-expect-error every field of the row needs its column
    exportTable<{ a: string; b: string }>({ a: 'a' });
  });

  it('show only the allowlisted, scalar details of an audit entry and name the others', () => {
    expect(
      allowedDetails('election.annul', { reason: 'fraud', from: 'open', note: 'x', nested: { a: 1 } }),
    ).toEqual({
      shown: { from: 'open', reason: 'fraud' },
      withheld: ['nested', 'note'],
    });
    expect(allowedDetails('some.future-action', { secret: 's' })).toEqual({
      shown: {},
      withheld: ['secret'],
    });
    const entry = toAuditLogEntry(
      {
        organisationId: 'o',
        electionId: 'E',
        actor: 'a1',
        action: 'trustee.add',
        details: { displayName: 'T', fingerprint: 'f', key: 'k' },
        seq: 3,
        at: 'now',
        prevHash: 'p',
        hash: 'h',
      },
      { displayName: 'Ada' },
      'fr',
    );
    expect(entry).toEqual({
      seq: 3,
      at: 'now',
      actor: 'a1',
      actorName: 'Ada',
      action: 'trustee.add',
      label: 'Garant ajouté',
      details: { displayName: 'T', fingerprint: 'f' },
      withheldDetails: ['key'],
      prevHash: 'p',
      hash: 'h',
    });
    expect(AUDIT_LOG.headers).toEqual([
      'seq',
      'at',
      'actor',
      'actor_name',
      'action',
      'action_label',
      'details',
      'withheld_details',
      'prev_hash',
      'hash',
    ]);
  });

  it('round percentages of votes cast half up to two decimals, with none when nobody voted', () => {
    expect(percentage(2n, 3n)).toBe('66.67');
    expect(percentage(1n, 3n)).toBe('33.33');
    expect(percentage(1n, 8n)).toBe('12.50');
    expect(percentage(1n, 200n)).toBe('0.50');
    expect(percentage(1n, 400n)).toBe('0.25');
    expect(percentage(1n, 800n)).toBe('0.13');
    expect(percentage(3n, 3n)).toBe('100.00');
    expect(percentage(0n, 0n)).toBeNull();
    expect(percentage(10n ** 20n, 3n * 10n ** 20n)).toBe('33.33');
  });
});
