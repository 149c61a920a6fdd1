/**
 * What the consultation pages read from the API (src/server/routes/consultations.ts and
 * consultation-pages.ts), as the pages use it: the admin view of a consultation with its boxes and
 * the provisional consolidation, and where a ballot box stands in its consultation.
 */

export interface AnswerLine {
  slot: number;
  answer: string;
  blank: boolean;
  count: string;
  percentOfVotesCast: string | null;
  percentOfValidVotes: string | null;
}
export interface QuestionLines {
  number: number;
  question: string;
  blankVotes: string | null;
  validVotes: string;
  answers: AnswerLine[];
}
export interface Presentation {
  registeredVoters: number;
  registeredWeight: string;
  ballotsCounted: number;
  weightCast: string;
  turnoutPercent: string | null;
  questions: QuestionLines[];
}
export interface BoxReport {
  id: string;
  label: string;
  channel: 'online' | 'paper';
  cryptographicallyVerifiable: boolean;
  status: 'counted' | 'annulled' | 'pending' | 'unverified';
  notes: string[];
  electionId: string | null;
  replaces: string | null;
  replacedBy: string | null;
  annulment: { reason: string; at: string; by: string } | null;
  presentation: Presentation | null;
}
export type RoundDecision =
  | { kind: 'elected'; winner: number; reason: string }
  | { kind: 'tie'; tied: number[] }
  | { kind: 'second-round'; qualified: number[]; tiedAtThreshold: number[] }
  | { kind: 'no-votes' };
export interface Consolidation {
  consultation: { id: string; name: string; round: number };
  complete: boolean;
  questions: { question: string; answers: string[]; blank?: boolean; min: number; max: number }[];
  boxes: BoxReport[];
  counted: { boxes: number; notVerifiable: number };
  notes: string[];
  presentation: Presentation;
  rule: RoundRule | null;
  decision: RoundDecision | null;
  /** The question the decision is about (0-based), or null when nothing is decided. */
  decisionQuestion?: number | null;
  nextRound: { id: string; name: string; round: number } | null;
}
export interface RoundRule {
  question: number;
  qualifying: number;
  majorityPercent: number | null;
  minimumPercent: number | null;
  blankVotes: 'counted' | 'excluded';
}
export interface AdminBox {
  id: string;
  label: string;
  channel: 'online' | 'paper';
  electionId: string | null;
  state: string;
  annulment: { reason: string; at: string | null; by: string | null } | null;
  replaces: string | null;
  enteredBy: string | null;
  reportName: string | null;
  reportSha256: string | null;
}
export interface AdminConsultation {
  id: string;
  organisationId: string;
  name: string;
  description: string;
  round: number;
  previousId: string | null;
  nextId: string | null;
  template: {
    timeZone: string;
    questions: { question: string; answers: string[]; blank?: boolean; min: number; max: number }[];
  };
  rule: RoundRule | null;
  settings: ConsultationSettings;
  /** Whether the server has an SMS gateway. */
  sms?: 'http' | 'none';
  boxes: AdminBox[];
  consolidation: Consolidation;
}

/** The consultation-wide settings (src/congress/consultation-settings.ts). */
export interface ConsultationSettings {
  recovery: 'escrow' | 'none' | null;
  officer: string | null;
  loginMode: 'password' | 'one-time-code';
  passwordDelaySeconds: number;
  helpContact: string;
  defaultLanguage: 'fr' | 'en';
  /** How passwords and one-time codes travel (credentials always by mail). */
  secretChannel?: 'email' | 'sms';
  scrutineers: string[];
}

/** GET /api/v1/elections/:id/consultation (every field null when the election is no box) */
export interface BoxPlace {
  consultation: { id: string; name: string; round: number; previousId: string | null; nextId: string | null };
  box: { id: string; label: string; annulled: boolean; annulReason: string | null };
  replaces: BoxLink | null;
  replacedBy: BoxLink | null;
}
export interface BoxLink {
  boxId: string;
  label: string;
  electionId: string | null;
  channel: 'online' | 'paper';
}

export const consultationApi = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
export const electionApi = (id: string) => `/api/v1/elections/${encodeURIComponent(id)}`;
