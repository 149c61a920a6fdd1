/**
 * Who does an action (for the audit log) and the ids the domain mints. A module of its own so the
 * election, threshold, recovery and congress services share them without importing each other.
 */
import { randomBytes } from 'node:crypto';
import type { AuditAction, AuditDetailsArg } from '../errors/audit-actions.js';
import { auditEntry } from '../store/audit-chain.js';
import type { ElectionRow, Store } from '../store/store.js';

export interface Actor {
  /** Account id, or "system" for scheduled actions. */
  readonly id: string;
}

/** 96 random bits, URL-safe: ids of elections, voters, requests… */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The audit entry of an action on an election, written through `tx`: the transaction of the change
 * it records (Store.transaction), so the two commit together or not at all.
 */
export function auditElection<A extends AuditAction>(
  tx: Store,
  row: ElectionRow,
  actor: Actor,
  action: A,
  ...details: AuditDetailsArg<A>
) {
  return tx.audit.append(
    auditEntry(
      { organisationId: row.organisationId, electionId: row.id, actor: actor.id },
      action,
      ...details,
    ),
  );
}
