/**
 * Rows for store tests, valid by default and overridable field by field. Board records are shaped
 * like Belenios's (an event's hash is SHA-256 hex of its raw JSON, which names its height), but the
 * store never parses them, so their payloads are placeholders.
 */

import { sha256Hex } from '../../src/core/hash.js';
import { accountId, electionId, organisationId } from '../../src/core/ids.js';
import type {
  AccountRow,
  BoardDataInput,
  BoardEventInput,
  ElectionRow,
  OrganisationRow,
  VoterRow,
} from '../../src/store/store.js';

const AT = '2026-01-15T09:30:00.000Z';

export const organisation = (id: string, over: Partial<OrganisationRow> = {}): OrganisationRow => ({
  id: organisationId(id),
  name: `Organisation ${id}`,
  createdAt: AT,
  ...over,
});

export const account = (id: string, over: Partial<AccountRow> = {}): AccountRow => ({
  id: accountId(id),
  email: `${id}@example.org`,
  displayName: `Account ${id}`,
  passwordHash: `$scrypt$ln=15,r=8,p=1$salt$${id}`,
  isOperator: false,
  createdAt: AT,
  status: 'active',
  passwordSetAt: AT,
  ...over,
});

export const election = (id: string, org: string, over: Partial<ElectionRow> = {}): ElectionRow => ({
  id: electionId(id),
  organisationId: organisationId(org),
  state: 'draft',
  name: `Election ${id}`,
  description: 'Élection du bureau — « test »',
  groupName: 'RFC-3526-2048',
  questionsJson: '[{"question":"?","answers":["a","b"],"min":0,"max":1}]',
  timeZone: 'Europe/Paris',
  opensAt: null,
  closesAt: null,
  credentialMode: 'server',
  electionJson: null,
  fingerprint: null,
  trusteesHash: null,
  credentialsHash: null,
  archiveTimestamp: null,
  annulReason: null,
  resultJson: null,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...over,
});

export const voter = (id: string, electionId: string, over: Partial<VoterRow> = {}): VoterRow => ({
  id,
  electionId,
  email: `${id}@example.org`,
  login: id,
  displayName: `Voter ${id}`,
  weight: '1',
  language: 'fr',
  publicCredential: null,
  passwordHash: null,
  ...over,
});

export function dataFile(content: string): BoardDataInput {
  const raw = JSON.stringify({ content });
  return { hash: sha256Hex(raw), raw };
}

export function boardEvent(
  height: number,
  label: string,
  payload?: string,
  type = 'Ballot',
): BoardEventInput {
  const raw = JSON.stringify({ height, label, payload: payload ?? null, type });
  return { height, hash: sha256Hex(raw), type, raw };
}
