/**
 * What every card of one election's admin page shares: the election's data as loaded from the API
 * (types and the Loaded bundle), the context a card is drawn with (the shell, the data, whether it
 * is still a draft, and how to send a change), and the card frame itself.
 */
import { type Child, h } from '../kit/dom.js';
import type { Shell } from '../kit/staff-shell.js';
import type { Person } from './home.js';

export interface AdminElection {
  id: string;
  organisationId: string;
  state: 'draft' | 'open' | 'closed' | 'tallied' | 'published' | 'annulled';
  name: string;
  description: string;
  questions: (
    | { question: string; answers: string[]; min: number; max: number; blank?: boolean }
    /** A ranked or graded (non-homomorphic) question, its counting method in `extra` (issue 18). */
    | { type: string; value: { question?: string; answers?: string[] }; extra?: unknown }
  )[];
  timeZone: string;
  opensAt: string | null;
  closesAt: string | null;
  credentialMode: 'server' | 'external';
  sealed: { election: string; trustees: string; credentials: string } | null;
  annulReason: string | null;
}
export interface Voter {
  id: string;
  login: string;
  email: string;
  displayName: string;
  weight: string;
  hasCredential: boolean;
}
export interface Trustee {
  position: number;
  kind: string;
  displayName: string;
  fingerprint: string | null;
}
export interface ThresholdStatus {
  threshold: number;
  step: string;
  trustees: {
    slot: number;
    displayName: string;
    certificate: boolean;
    polynomial: boolean;
    voutput: boolean;
  }[];
}

/** Everything the page shows, fetched together and re-fetched after each change. */
export interface Loaded {
  election: AdminElection;
  voters: Voter[];
  trustees: Trustee[];
  threshold: ThresholdStatus | undefined;
  roles: { accountId: string; displayName: string; role: string }[];
  people: Person[];
  /** What each credential mode protects against (GET /api/v1/credential-modes), when served. */
  modes: CredentialMode[];
  recovery: RecoveryStatus | undefined;
  /** The shuffle phase of a tallied election (ranking or grading questions, issue 18). */
  shuffles: ShufflePhase | undefined;
}
export interface ShufflePhase {
  needed: boolean;
  ended: boolean;
  next: number | null;
  shufflers: { owner: number; kind: string; status: 'shuffled' | 'skipped' | 'next' | 'waiting' }[];
}
export type Localised = { en: string; fr: string };
export interface CredentialMode {
  id: string;
  credentialMode: string;
  name: Localised;
  protects: Localised;
  residualRisk: Localised;
  recovery: Localised;
}
export interface RecoveryStatus {
  recovery: 'escrow' | 'none' | 'undecided';
  modeId: string;
  officer: { fingerprint: string } | null;
}

/** What a card is drawn with; `change` sends a change, then re-renders with `done` or shows the failure. */
export interface CardContext {
  shell: Shell;
  loaded: Loaded;
  /** True while the election is a draft: each card is then an editable form. */
  draft: boolean;
  change(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    done: (answer: unknown) => string,
  ): Promise<void>;
}

/** One card of the page: a section labelled by its heading. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}
