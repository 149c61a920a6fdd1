/**
 * The audit log export, for scrutineers and election admins: the election's entries of the
 * organisation's hash-chained log. Entry details are free-form in the store, so they pass through a
 * second allowlist here, per action: only the named keys, and only scalar values, are written; any
 * other key is withheld and named in `withheldDetails` (a reader then knows that entry's hash cannot
 * be recomputed from the file). Actors are shown by id and by display name, never with any other
 * account field.
 */
import type { AccountRow, AuditRow } from '../../store/store.js';
import type { Cell } from './csv.js';
import { exportTable } from './table.js';

/** The detail keys each action may show. An action missing here shows no details at all. */
export const AUDIT_DETAIL_FIELDS: Readonly<Record<string, readonly string[]>> = {
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
  'election.open': ['fingerprint', 'trusteesHash', 'credentialsHash'],
  'election.close': ['ballots', 'verified'],
  // only when the whole re-verification after EndBallots fails (the close entry reports the board before)
  'board.reverify': ['ballots', 'verified', 'problem'],
  'election.tally': ['tallied'],
  'trustee.partial-decryption': ['owner'],
  'election.publish': ['verified'],
  'election.annul': ['reason', 'from'],
  // recovery (src/recovery/service.ts): ids and counts only, never a credential
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
  // delivery (src/server/routes/delivery.ts): settings and counts, never a secret
  'delivery.settings': ['loginMode', 'passwordDelaySeconds', 'helpContact', 'defaultLanguage'],
  'delivery.passwords': ['count'],
  'delivery.resend': ['kind', 'count'],
  // roll (src/election/roll-changes.ts): the login and what changed, addresses masked
  'voter.address': ['login', 'from', 'to', 'stage', 'afterCredentials', 'credential'],
  'voter.add': ['login', 'to', 'weight', 'stage', 'afterCredentials', 'credential'],
  'voter.remove': ['login', 'from', 'weight', 'stage', 'afterCredentials', 'credential'],
  'voter.weight': ['login', 'from', 'to', 'stage', 'afterCredentials', 'credential'],
  // one voter's new password: who asked (self-service, help desk, a corrected address)
  'delivery.password.voter': ['login', 'reason', 'count'],
  'delivery.password.request.unmatched': [],
  // congress-defects: who got which role (the election is the entry's), and the consultations' actions
  'role.grant': ['accountId', 'person', 'role'],
  'consultation.create': ['consultation', 'name', 'boxes', 'round'],
  'consultation.voters': ['consultation', 'count'],
  'consultation.box-annul': ['consultation', 'box', 'label', 'reason'],
  'consultation.box-rerun': ['consultation', 'box', 'replaces', 'label'],
  'consultation.box-paper': ['consultation', 'box', 'label', 'enteredBy', 'reportSha256', 'replaces'],
  'consultation.next-round': ['consultation', 'next', 'qualified'],
};

/** Actors that are not accounts. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = { system: 'scheduler', server: 'server trustee key' };

export type AuditLogEntry = {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly action: string;
  readonly details: Readonly<Record<string, Cell>>;
  /** Keys of the stored details that this export does not show. */
  readonly withheldDetails: readonly string[];
  readonly prevHash: string;
  readonly hash: string;
};

/** What the projection may read of an account: its display name. */
export type ActorSource = Pick<AccountRow, 'displayName'>;

export function actorName(actor: string, account: ActorSource | undefined): string | null {
  return account?.displayName ?? SYSTEM_ACTORS[actor] ?? null;
}

export function allowedDetails(action: string, details: Readonly<Record<string, unknown>>) {
  const allowed = AUDIT_DETAIL_FIELDS[action] ?? [];
  const shown: Record<string, Cell> = {};
  const withheld: string[] = [];
  for (const key of Object.keys(details).sort()) {
    const value = details[key];
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (allowed.includes(key) && scalar) shown[key] = value as Cell;
    else withheld.push(key);
  }
  return { shown, withheld };
}

export function toAuditLogEntry(e: AuditRow, account: ActorSource | undefined): AuditLogEntry {
  const { shown, withheld } = allowedDetails(e.action, e.details);
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    actorName: actorName(e.actor, account),
    action: e.action,
    details: shown,
    withheldDetails: withheld,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export type AuditLogRow = {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly action: string;
  /** The shown details as compact JSON with sorted keys. */
  readonly details: string;
  readonly withheldDetails: string;
  readonly prevHash: string;
  readonly hash: string;
};

export function toAuditLogRow(entry: AuditLogEntry): AuditLogRow {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    actorName: entry.actorName,
    action: entry.action,
    details: JSON.stringify(entry.details),
    withheldDetails: entry.withheldDetails.join(' '),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export const AUDIT_LOG = exportTable<AuditLogRow>({
  seq: 'seq',
  at: 'at',
  actor: 'actor',
  actorName: 'actor_name',
  action: 'action',
  details: 'details',
  withheldDetails: 'withheld_details',
  prevHash: 'prev_hash',
  hash: 'hash',
});
