import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel, auditShownDetails } from './audit-actions.js';

/** The export's allowlist as it was before the catalogue held it: the export shows exactly the same. */
const SHOWN_BEFORE: Record<string, readonly string[]> = {
  'election.create': ['name'],
  'election.questions': ['count'],
  'election.schedule': ['opensAt', 'closesAt', 'timeZone'],
  'election.extend': ['from', 'to'],
  'voters.import': ['count'],
  'trustee.server-key': [],
  'trustee.add': ['displayName', 'fingerprint'],
  'trustee.threshold.declare': ['threshold', 'trustees'],
  'trustee.threshold.certificate': ['slot', 'id'],
  'trustee.threshold.polynomial': ['slot'],
  'trustee.threshold.voutput': ['slot', 'complete'],
  'credentials.generate': ['count', 'fingerprint'],
  'credentials.upload': ['count', 'fingerprint'],
  'election.open': ['fingerprint', 'trusteesHash', 'credentialsHash', 'rollHash'],
  'election.close': ['ballots', 'verified'],
  'board.reverify': ['ballots', 'verified', 'problem'],
  'election.tally': ['tallied'],
  'trustee.partial-decryption': ['owner'],
  'election.publish': ['verified'],
  'trustee.shuffle': ['owner'],
  'election.shuffle-skip': ['owner'],
  'election.end-shuffles': ['shuffles', 'shufflers'],
  'election.annul': ['reason', 'from'],
  'recovery.officer-key': ['fingerprint'],
  'recovery.none': ['reason'],
  'recovery.escrow': ['count'],
  'credential.replace': ['voterId', 'escrowed'],
  'recovery.request': ['requestId', 'voterId', 'origin'],
  'recovery.request.unmatched': [],
  'recovery.approve': ['requestId', 'voterId'],
  'recovery.reject': ['requestId', 'voterId'],
  'recovery.batch': ['count', 'requests'],
  'recovery.complete': ['requestId', 'voterId'],
  // issue 16: the channel of sign-in secrets (email or SMS) is shown too
  'delivery.settings': [
    'loginMode',
    'passwordDelaySeconds',
    'helpContact',
    'defaultLanguage',
    'secretChannel',
    'receiptMail',
  ],
  'delivery.passwords': ['count'],
  'delivery.resend': ['kind', 'count'],
  'voter.address': ['login', 'from', 'to', 'stage', 'afterCredentials', 'credential'],
  'voter.phone': ['login', 'from', 'to', 'stage', 'afterCredentials', 'credential'],
  'voter.add': ['login', 'to', 'weight', 'stage', 'afterCredentials', 'credential'],
  'voter.remove': ['login', 'from', 'weight', 'stage', 'afterCredentials', 'credential'],
  'voter.weight': ['login', 'from', 'to', 'stage', 'afterCredentials', 'credential'],
  'delivery.password.voter': ['login', 'reason', 'count'],
  'delivery.code.voter': ['login', 'channel'],
  'delivery.password.request.unmatched': [],
  'role.grant': ['accountId', 'person', 'role'],
  'role.revoke': ['accountId', 'person', 'role', 'reason'],
  'consultation.create': ['consultation', 'name', 'boxes', 'round'],
  'consultation.voters': ['consultation', 'count'],
  'consultation.box-annul': ['consultation', 'box', 'label', 'reason'],
  'consultation.box-rerun': ['consultation', 'box', 'replaces', 'label', 'replacesElection', 'inherited'],
  'consultation.settings': [
    'consultation',
    'recovery',
    'officer',
    'loginMode',
    'passwordDelaySeconds',
    'helpContact',
    'defaultLanguage',
    'secretChannel',
    'scrutineers',
    'boxes',
    'overrides',
  ],
  'consultation.box-paper': ['consultation', 'box', 'label', 'enteredBy', 'reportSha256', 'replaces'],
  'consultation.next-round': ['consultation', 'next', 'qualified'],
  // issue 17: an election's own rules
  'election.rules': ['hash', 'lists', 'questions'],
  'election.rules-seal': ['hash'],
  'election.seat-settle': ['question', 'step', 'winners', 'seed'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the audit-action catalogue', () => {
  it('shows in the export the same detail keys per action as before, and none for other actions', () => {
    for (const action of Object.keys(AUDIT_ACTIONS))
      expect([action, [...auditShownDetails(action)].sort()]).toEqual([
        action,
        [...(SHOWN_BEFORE[action] ?? [])].sort(),
      ]);
    for (const action of Object.keys(SHOWN_BEFORE)) expect(Object.hasOwn(AUDIT_ACTIONS, action)).toBe(true);
    expect(auditShownDetails('some.future-action')).toEqual([]);
  });

  it('labels every action in English and French, and shows an unknown action as stored', () => {
    for (const [action, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(spec.en.trim(), action).not.toBe('');
      expect(spec.fr.trim(), action).not.toBe('');
      expect(auditActionLabel(action, 'fr')).toBe(spec.fr);
    }
    expect(auditActionLabel('election.open', 'en')).toBe('Election opened');
    expect(auditActionLabel('election.open', 'fr')).toBe('Élection ouverte');
    expect(auditActionLabel('organisation.create', 'fr')).toBe('organisation.create');
  });

  it('is written from the domain only: no route or other server module appends an audit entry', () => {
    const writers = sources('src/server').filter((file) =>
      readFileSync(file, 'utf8').includes('appendAudit'),
    );
    expect(writers).toEqual([]);
  });
});
