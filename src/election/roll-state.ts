/**
 * What the roll's history says (issue 15), read from the audit log, its source of truth: whether
 * credentials were issued (after which the roll changes one voter at a time, roll-changes.ts), and
 * the per-voter changes made since, counted and listed by login for the scrutineer console, the
 * public page and the procès-verbal. Addresses are masked wherever a change is shown.
 */
import type { AuditRow, ElectionRow, Store } from '../store/store.js';

/** The audit actions of per-voter changes; their details name the login and what changed. */
export const ROLL_CHANGE_ACTIONS = [
  'voter.address',
  'voter.phone',
  'voter.add',
  'voter.remove',
  'voter.weight',
] as const;
export type RollChangeAction = (typeof ROLL_CHANGE_ACTIONS)[number];

/** Audit actions that mean the election's credentials were issued. */
const CREDENTIAL_ACTIONS = new Set(['credentials.generate', 'credentials.upload']);

/** `victim@example.org` → `v***@example.org`: enough for the owner to recognise, not to harvest. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * A phone number as the audit log shows it: the country code's first digits and the last two, so
 * scrutineers see that a number changed (and to which country) without the number itself.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (phone === null || phone === undefined || phone === '') return '—';
  return `${phone.slice(0, 3)}***${phone.slice(-2)}`;
}

/** A login as shown to the public: a login that is an address is masked like one. */
export function publicLogin(login: string): string {
  return login.includes('@') ? maskAddress(login) : login;
}

/** What the public page, the scrutineer console and the procès-verbal show. */
export interface RollChangesSummary {
  readonly count: number;
  /** Each changed login once, in the order of their first change. */
  readonly logins: readonly string[];
}

/** Per-voter changes recorded after credentials were issued, from the audit log (its source of truth). */
export function summariseRollChanges(entries: readonly Pick<AuditRow, 'action' | 'details'>[]) {
  let count = 0;
  const logins: string[] = [];
  for (const entry of entries) {
    if (!(ROLL_CHANGE_ACTIONS as readonly string[]).includes(entry.action)) continue;
    if (entry.details.afterCredentials !== true) continue;
    count++;
    const login = String(entry.details.login);
    if (!logins.includes(login)) logins.push(login);
  }
  return { count, logins } satisfies RollChangesSummary;
}

export async function rollChangesAfterCredentials(
  store: Store,
  row: Pick<ElectionRow, 'id' | 'organisationId'>,
): Promise<RollChangesSummary> {
  return summariseRollChanges(
    await store.audit.list({ organisationId: row.organisationId, electionId: row.id }),
  );
}

/** Whether credentials were issued for this roll: a bound public credential, or its audit entry. */
export async function credentialsIssued(store: Store, row: ElectionRow): Promise<boolean> {
  if ((await store.voters.list(row.id)).some((v) => v.publicCredential !== null)) return true;
  const entries = await store.audit.list({ organisationId: row.organisationId, electionId: row.id });
  return entries.some((e) => CREDENTIAL_ACTIONS.has(e.action));
}
