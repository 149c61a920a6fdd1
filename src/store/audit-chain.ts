/**
 * The audit log's hash chain, per organisation: entry n stores hash_n = SHA-256 hex of (hash_{n-1} ‖
 * canonical JSON of the entry), with hash_0 = 64 zeros and sequence numbers 1, 2, 3, … Canonical JSON
 * is compact with object keys sorted (recursively), so anyone holding an export can recompute every
 * hash without knowing how it was serialised. Changing, dropping or reordering an entry breaks the
 * chain from that point on; only truncating the tail goes unnoticed, which is why the head hash is
 * worth publishing elsewhere.
 */
import { sha256Hex } from '../core/hash.js';
import type { AuditAction, AuditDetailsArg } from '../errors/audit-actions.js';
import type { AuditEntryInput, AuditEntryRecord, AuditRow } from './row-types.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Compact JSON with sorted object keys; JSON.stringify's rules otherwise (undefined members dropped). */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

function canonical(value: unknown): string | undefined {
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint has no JSON form; use a string');
  if (value !== null && typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return canonical(withJson.toJSON());
    if (Array.isArray(value)) return `[${value.map((item) => canonical(item) ?? 'null').join(',')}]`;
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member = canonical((value as Record<string, unknown>)[key]);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an entry given its predecessor's hash. */
export function auditHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const { seq, at, actor, action, organisationId, electionId, details } = row;
  return sha256Hex(prevHash + canonicalJson({ seq, at, actor, action, organisationId, electionId, details }));
}

/** The entry that follows `previous` (or starts the chain), sealed at instant `at`. */
export function sealAuditEntry(
  entry: AuditEntryRecord,
  previous: { seq: number; hash: string } | undefined,
  at: string,
): AuditRow {
  // Round-trip the details so the returned row equals what listAudit will read back.
  const details = JSON.parse(canonicalJson(entry.details)) as Record<string, unknown>;
  const unsealed = {
    organisationId: entry.organisationId,
    electionId: entry.electionId,
    actor: entry.actor,
    action: entry.action,
    details,
    seq: (previous?.seq ?? 0) + 1,
    at,
  };
  const prevHash = previous?.hash ?? GENESIS_HASH;
  return { ...unsealed, prevHash, hash: auditHash(prevHash, unsealed) };
}

export type AuditChainCheck = { ok: true; head: string } | { ok: false; seq: number; problem: string };

/** Checks a whole organisation's log, in sequence order, as listAudit returns it. */
export function verifyAuditChain(rows: readonly AuditRow[]): AuditChainCheck {
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    if (row.seq !== index + 1) return { ok: false, seq: row.seq, problem: `expected seq ${index + 1}` };
    if (row.prevHash !== prevHash) return { ok: false, seq: row.seq, problem: 'prevHash does not match' };
    if (row.hash !== auditHash(prevHash, row))
      return { ok: false, seq: row.seq, problem: 'hash does not match' };
    prevHash = row.hash;
  }
  return { ok: true, head: prevHash };
}

/**
 * An entry of the catalogue's `action` (src/errors/audit-actions.ts) with the details its line
 * declares, ready for `audit.append`; `details` may be left out when the action has none.
 */
export function auditEntry<A extends AuditAction>(
  where: { organisationId: string; electionId: string | null; actor: string },
  action: A,
  ...[details]: AuditDetailsArg<A>
): AuditEntryInput {
  return { ...where, action, details: details ?? {} } as AuditEntryInput;
}
