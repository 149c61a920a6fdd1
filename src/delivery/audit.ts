/**
 * The audit entries of delivery (src/errors/audit-actions.ts: settings and counts, never a
 * secret), written through `tx`, the transaction of the change they record (Store.transaction).
 */
import type { AuditAction, AuditDetailsArg } from '../errors/audit-actions.js';
import { DomainError } from '../errors/catalogue.js';
import { auditEntry } from '../store/audit-chain.js';
import type { Store } from '../store/store.js';

export type DeliveryAction = Extract<AuditAction, `delivery.${string}`>;

export async function auditDelivery<A extends DeliveryAction>(
  tx: Store,
  electionId: string,
  actorId: string,
  action: A,
  ...details: AuditDetailsArg<A>
): Promise<void> {
  const row = await tx.elections.get(electionId);
  if (!row) throw new DomainError('SCR_NOT_FOUND');
  await tx.audit.append(
    auditEntry({ organisationId: row.organisationId, electionId, actor: actorId }, action, ...details),
  );
}
