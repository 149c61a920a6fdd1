/**
 * The audit log export, for scrutineers and election admins: the election's entries of the
 * organisation's hash-chained log, each with its action's label in the reader's language (from the
 * catalogue, src/errors/audit-actions.ts). Entry details pass through a second allowlist, the
 * catalogue's `shown` keys per action: only those keys, and only scalar values, are written; any
 * other key is withheld and named in `withheldDetails` (a reader then knows that entry's hash cannot
 * be recomputed from the file). Actors are shown by id and by display name, never with any other
 * account field.
 */
import { auditActionLabel, auditShownDetails } from '../../errors/audit-actions.js';
import type { Language } from '../../i18n/index.js';
import type { AccountRow, AuditRow } from '../../store/store.js';
import type { Cell } from './csv.js';
import { exportTable } from './table.js';

/** Actors that are not accounts. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = { system: 'scheduler', server: 'server trustee key' };

export type AuditLogEntry = {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly action: string;
  /** The action's label in the reader's language (the stored action when the catalogue lacks it). */
  readonly label: string;
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
  const allowed = auditShownDetails(action);
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

export function toAuditLogEntry(
  e: AuditRow,
  account: ActorSource | undefined,
  language: Language,
): AuditLogEntry {
  const { shown, withheld } = allowedDetails(e.action, e.details);
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    actorName: actorName(e.actor, account),
    action: e.action,
    label: auditActionLabel(e.action, language),
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
  readonly label: string;
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
    label: entry.label,
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
  label: 'action_label',
  details: 'details',
  withheldDetails: 'withheld_details',
  prevHash: 'prev_hash',
  hash: 'hash',
});
